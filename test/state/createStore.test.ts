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

describe('createStore with a failing listener', () => {
  it('calls every other listener and reports the error', () => {
    const errors: unknown[] = [];
    const store = createStore({ a: 1 }, (error) => errors.push(error));
    const seen: string[] = [];
    store.subscribe(() => seen.push('first'));
    store.subscribe(() => {
      throw new Error('storage blocked');
    });
    store.subscribe(() => seen.push(`last saw ${store.getState().a}`));
    store.setState({ a: 2 });
    expect(seen).toEqual(['first', 'last saw 2']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('storage blocked');
  });
});
