import { useSyncExternalStore } from 'react';
import type { Store } from './createStore';

/** Subscribes a component to one slice of a store; it re-renders only when that slice changes. */
export function useStore<T, S>(store: Store<T>, selector: (state: T) => S): S {
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()), () => selector(store.getState()));
}
