import { useEffect, useRef, useState } from 'react';
import { phaseLabel } from '../model/phaseLabel';
import type { AppStore } from '../state/appState';
import { formatClock } from '../state/formatClock';
import { chapterById } from './lesson/chapters';

/** A screen reader hears at most one sentence this often, however fast the story plays. */
const MIN_GAP_MS = 4000;

/**
 * Polite, throttled narration for screen readers: each change of phase (baseline, stress, ketamine +N h,
 * …) and each lesson chapter, with the run's numbers. Changes that come faster than MIN_GAP_MS are merged:
 * only the newest is read.
 */
export function Narration({ store }: { store: AppStore }) {
  const [text, setText] = useState('');
  const pending = useRef<string | null>(null);
  const lastAt = useRef(-Infinity);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastKey = '';
    const say = () => {
      timer = null;
      if (pending.current === null) return;
      setText(pending.current);
      pending.current = null;
      lastAt.current = performance.now();
    };
    const check = () => {
      const s = store.getState();
      if (!s.scene) return;
      const phase = phaseLabel(s.scene.protocol, s.clock.timeHours);
      // Ketamine's label counts hours: narrate its first hours and then each new day, not every hour.
      const key = `${s.scene.protocol.name}|${phase.kind}|${phase.kind === 'ketamine' ? Math.min(3, Math.floor((s.clock.timeHours % 24) / 3)) : ''}|${s.lesson ?? ''}`;
      if (key === lastKey) return;
      lastKey = key;
      const chapter = s.lesson && s.lesson !== 'intro' ? `Lesson chapter: ${chapterById(s.lesson).title}. ` : '';
      pending.current = `${chapter}${formatClock(s.clock.timeHours)}, ${phase.text}: ${s.clock.visibleSpines.toLocaleString('en')} spines visible, escape behaviour ${s.clock.escapeIndex.toFixed(2)}.`;
      if (timer === null) timer = setTimeout(say, Math.max(0, lastAt.current + MIN_GAP_MS - performance.now()));
    };
    check();
    const stop = store.subscribe(check);
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
  return (
    <div className="visually-hidden" aria-live="polite" data-testid="narration">
      {text}
    </div>
  );
}
