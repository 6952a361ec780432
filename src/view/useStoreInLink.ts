import { useEffect } from 'react';
import type { Store } from '../state/createStore';

/**
 * Keeps a part of a store in the address bar: whenever `select`'s value changes (compared by identity),
 * `linkFor` writes it into the current link, which replaces the address (no history entry, no reload).
 */
export function useStoreInLink<T extends object, V>(store: Store<T>, select: (state: T) => V, linkFor: (href: string, value: V) => string): void {
  useEffect(() => {
    let shown = select(store.getState());
    return store.subscribe(() => {
      const value = select(store.getState());
      if (value === shown) return;
      shown = value;
      const link = linkFor(window.location.href, value);
      if (link === window.location.href) return;
      try {
        window.history.replaceState(window.history.state, '', link);
      } catch {
        // Some embedded contexts forbid it; the link is a convenience.
      }
    });
    // The selector and writer are fixed for the life of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
}
