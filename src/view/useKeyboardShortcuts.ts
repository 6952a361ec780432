import { useEffect } from 'react';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { requestView } from './CameraButtons';
import { stepChapter } from './lesson/Lesson';
import { nextSpineSlot } from './spineByKey';

/** Selects the next or previous spine of the frame on screen (the details panel shows it). */
function selectSpine(store: AppStore, client: SimulationClient, step: 1 | -1): void {
  const frame = client.shownFrame;
  if (!frame) return;
  const slot = nextSpineSlot(frame.floats, frame.spineCount, store.getState().selectedSlot, step);
  if (slot >= 0) client.select(slot);
}

/** Fields that take typed text: the only place where shortcuts step aside (besides the 3D view's own keys). */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  // A list box opens on Space; its letters jump to an option.
  if (target.tagName === 'SELECT') return key === ' ' || key === 'Enter';
  // The focused 3D view uses arrows to pan and rotate, + and − to zoom.
  if (target.tagName === 'CANVAS') return key.startsWith('Arrow') || key === '+' || key === '-' || key === '=';
  return false;
}

export const shortcutHelp = 'Keys: Space play/pause · → / ← one hour on or back (Shift: a day) · Page Down / Page Up next or previous lesson chapter · 1–4 camera views · P projector · ? all keys.';

/** Every shortcut, for the key-help dialog. */
export const shortcutList: readonly (readonly [string, string])[] = [
  ['Space', 'play or pause, wherever the focus is (Enter presses the focused button)'],
  ['→ / Shift+→', 'one simulated hour on / one day on'],
  ['← / Shift+←', 'one simulated hour back / one day back'],
  ['Page Down / Page Up', 'next / previous lesson chapter (a presenter’s clicker sends these)'],
  ['1 2 3 4', 'all neurons · one neuron · apical tuft · microscope'],
  ['P', 'projector setting on or off'],
  ['?', 'this list'],
  ['In the 3D view', 'arrows pan, Shift+arrows rotate, + and − zoom'],
  ['[ / ]', 'select the previous / next spine (its details appear over the 3D view); Escape clears it'],
];

/**
 * Shortcuts that work wherever the focus is, except in text fields: Space plays or pauses (it never
 * presses the focused button again), arrows move the clock, Page Down/Up drive the lesson.
 */
export function useKeyboardShortcuts(store: AppStore, client: SimulationClient, setProjector: (on: boolean) => void, openHelp: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || ownsKeys(event.target, event.key)) return;
      const hours = event.shiftKey ? 24 : 1;
      switch (event.key) {
        case ' ':
          client.togglePlay();
          break;
        case 'ArrowRight':
          client.step(hours);
          break;
        case 'ArrowLeft':
          client.seek(Math.max(0, store.getState().clock.timeHours - hours));
          break;
        case 'PageDown':
          stepChapter(store, client, 1);
          break;
        case 'PageUp':
          stepChapter(store, client, -1);
          break;
        case '1':
          requestView(store, 'all');
          break;
        case '2':
          requestView(store, 'neuron');
          break;
        case '3':
          requestView(store, 'tuft');
          break;
        case '4':
          requestView(store, 'microscope');
          break;
        case 'p':
        case 'P':
          setProjector(!store.getState().projector);
          break;
        case ']':
          selectSpine(store, client, 1);
          break;
        case '[':
          selectSpine(store, client, -1);
          break;
        case 'Escape':
          if (store.getState().selectedSlot < 0) return;
          client.select(-1);
          break;
        case '?':
          openHelp();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    // Space activates a focused button on key-up: swallow that too, or it would press the button after all.
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && !ownsKeys(event.target, event.key)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [store, client, setProjector, openHelp]);
}
