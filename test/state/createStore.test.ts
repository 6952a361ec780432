import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/state/createStore';

describe('createStore', () => {
  it('notifies subscribers of changes, and only of changes', () => {
    const store = createStore({ a: 1, b: 'x' });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.setState({ a: 1 });
    expect(calls).toBe(0);
    store.setState((s) => ({ a: s.a + 1 }));
    expect(store.getState()).toEqual({ a: 2, b: 'x' });
    expect(calls).toBe(1);
    unsubscribe();
    store.setState({ b: 'y' });
    expect(calls).toBe(1);
  });
});
