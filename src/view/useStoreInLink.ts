import { useEffect } from 'react';
import type { Store } from '../state/createStore';
import { replaceLink } from './replaceLink';

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
      replaceLink(linkFor(window.location.href, value));
    });
    // The selector and writer are fixed for the life of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
}
