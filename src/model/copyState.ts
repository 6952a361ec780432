import { forkStream, type RandomStream } from './random';

export interface CopyStateOptions {
  /**
   * Objects to keep by reference instead of copying: parts of the state that never change once made (a
   * run's neurons, its recorded imaging sessions), which would otherwise fill memory with copies.
   */
  readonly share?: Iterable<object>;
}

/**
 * A deep copy of a run's state, for checkpoints: advancing the copy gives exactly what advancing the
 * original would, and neither affects the other. It copies own fields (public and private alike), typed
 * arrays, arrays and plain objects, keeps each object's prototype (a copied Simulation is a Simulation),
 * keeps aliasing (an object reached twice is copied once), forks random streams at their current state,
 * and keeps frozen objects and those in `share` by reference. A function held as state cannot be copied
 * and is refused, so that a copy never silently shares hidden state with its original.
 */
export function copyState<T>(source: T, options: CopyStateOptions = {}): T {
  const copies = new Map<object, unknown>();
  for (const shared of options.share ?? []) copies.set(shared, shared);
  const copy = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function') throw new TypeError(`copyState cannot copy the function at ${path}`);
      return value;
    }
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (Object.isFrozen(value)) return value;
    if (ArrayBuffer.isView(value)) {
      const typed = (value as unknown as { slice(): object }).slice();
      copies.set(value, typed);
      return typed;
    }
    const forked = forkStream(value as RandomStream);
    if (forked) {
      copies.set(value, forked);
      return forked;
    }
    if (Array.isArray(value)) {
      const array: unknown[] = [];
      copies.set(value, array);
      value.forEach((item, i) => array.push(copy(item, `${path}[${i}]`)));
      return array;
    }
    if (value instanceof Map || value instanceof Set || value instanceof Date) throw new TypeError(`copyState does not copy the ${value.constructor.name} at ${path}`);
    const object = Object.create(Object.getPrototypeOf(value)) as Record<PropertyKey, unknown>;
    copies.set(value, object);
    for (const key of Reflect.ownKeys(value)) {
      object[key] = copy((value as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
    }
    return object;
  };
  return copy(source, 'the state') as T;
}
