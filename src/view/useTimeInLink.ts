import { useEffect } from 'react';
import type { AppStore } from '../state/appState';
import { linkAtTime } from '../state/urlSettings';
import { replaceLink } from './replaceLink';

/**
 * Keeps the moment on screen in the address bar while the run is paused (or at its end): `t=` (simulated
 * hours) and `paused`, so that a link copied then reopens that moment, paused. While it plays, the link
 * holds neither, and reopens the run playing from day 0. Nothing is written until the run is on screen:
 * the link the page was opened with keeps its time until the run has reached it.
 */
export function useTimeInLink(store: AppStore): void {
  useEffect(() => {
    let written = '';
    const write = () => {
      const state = store.getState();
      const kind = state.playback.kind;
      if (state.scene === null || !(kind === 'playing' || kind === 'paused' || kind === 'finished')) return;
      const paused = kind !== 'playing';
      const link = linkAtTime(window.location.href, paused ? state.clock.timeHours : 0, paused);
      if (link === written || link === window.location.href) return;
      written = link;
      replaceLink(link);
    };
    // Written on a task of its own, after the change: Chromium's replaceState takes milliseconds, which a
    // click on Pause need not wait for.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        write();
      }, 0);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
}
