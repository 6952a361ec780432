import { useEffect } from 'react';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { requestView } from './CameraButtons';

/** Elements that own their keys (typing, choosing, pressing): shortcuts stay out of their way. */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // The focused 3D view uses arrows to pan and rotate, + and − to zoom.
  if (target.tagName === 'CANVAS') return key.startsWith('Arrow') || key === '+' || key === '-' || key === '=';
  return ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY', 'A'].includes(target.tagName);
}

export const shortcutHelp = 'Keys: Space play/pause · → +1 h (Shift: +1 day) · 1 all neurons · 2 one neuron · 3 tuft · 4 microscope · P projector. In the focused 3D view: arrows pan, Shift+arrows rotate, + and − zoom.';

/** Space toggles play; arrows step; digits pick a camera view; P toggles the projector setting. */
export function useKeyboardShortcuts(store: AppStore, client: SimulationClient, setProjector: (on: boolean) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || ownsKeys(event.target, event.key)) return;
      switch (event.key) {
        case ' ':
          client.togglePlay();
          break;
        case 'ArrowRight':
          client.step(event.shiftKey ? 24 : 1);
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
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, client, setProjector]);
}
