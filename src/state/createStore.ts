/** A minimal vanilla store: state outside React, read with getState() in loops, subscribed to by hooks. */
export interface Store<T> {
  getState(): T;
  setState(update: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
}

/** By default a listener's error is rethrown on its own task: reported as uncaught, but after the others ran. */
function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

/**
 * `onListenerError` receives what a listener threw. Every other listener is still called: one failing
 * subscriber (saving a setting, say) must not keep the change from the rest (the worker, the view).
 */
export function createStore<T extends object>(initial: T, onListenerError: (error: unknown) => void = rethrowLater): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(update) {
      const partial = typeof update === 'function' ? update(state) : update;
      let changed = false;
      for (const key of Object.keys(partial) as (keyof T)[]) {
        if (!Object.is(partial[key], state[key])) {
          changed = true;
          break;
        }
      }
      if (!changed) return;
      state = { ...state, ...partial };
      for (const listener of listeners) {
        try {
          listener();
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
