import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/state/createStore';
import { DEFAULT_SAVED_SETTINGS, keepSavedSettings, loadSavedSettings, parseSavedSettings, SAVED_SETTINGS_KEY, serialiseSavedSettings, storeSavedSettings } from '../../src/state/savedSettings';

describe('saved settings', () => {
  it('round-trips what it saves', () => {
    const settings = { projector: true, storyPacing: false };
    expect(parseSavedSettings(serialiseSavedSettings(settings))).toEqual(settings);
  });

  it('gives the defaults for missing or corrupt saved state, never an error', () => {
    for (const text of [null, undefined, '', '{', 'null', '42', '"projector"', '[true]', '{"projector": "yes"}']) {
      expect(parseSavedSettings(text)).toEqual(DEFAULT_SAVED_SETTINGS);
    }
  });

  it('keeps the valid fields of a partly corrupt record and ignores unknown keys', () => {
    expect(parseSavedSettings('{"projector": true, "storyPacing": 3, "theme": "pink"}')).toEqual({ projector: true, storyPacing: true });
  });

  it('survives storage that is missing or throws (private browsing)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadSavedSettings(undefined)).toEqual(DEFAULT_SAVED_SETTINGS);
    expect(loadSavedSettings(throwing)).toEqual(DEFAULT_SAVED_SETTINGS);
    expect(storeSavedSettings(throwing, { projector: true, storyPacing: true })).toBe(false);
    expect(storeSavedSettings(undefined, { projector: true, storyPacing: true })).toBe(false);
    const saved = new Map<string, string>();
    storeSavedSettings({ setItem: (k, v) => saved.set(k, v) }, { projector: true, storyPacing: true });
    expect(loadSavedSettings({ getItem: (k) => saved.get(k) ?? null })).toEqual({ projector: true, storyPacing: true });
    expect([...saved.keys()]).toEqual([SAVED_SETTINGS_KEY]);
  });

  it('saves each change of a remembered setting, and says once when storage refuses', () => {
    const saved = new Map<string, string>();
    const store = createStore({ projector: false, storyPacing: true, clock: 0 });
    let told = 0;
    keepSavedSettings(store, { setItem: (k, v) => saved.set(k, v) }, () => told++);
    store.setState({ clock: 1 });
    expect(saved.size).toBe(0);
    store.setState({ projector: true });
    expect(parseSavedSettings(saved.get(SAVED_SETTINGS_KEY))).toEqual({ projector: true, storyPacing: true });
    store.setState({ storyPacing: false });
    expect(parseSavedSettings(saved.get(SAVED_SETTINGS_KEY))).toEqual({ projector: true, storyPacing: false });
    expect(told).toBe(0);

    const blocked = createStore({ projector: false, storyPacing: true });
    keepSavedSettings(blocked, { setItem: () => { throw new DOMException('denied', 'SecurityError'); } }, () => told++);
    blocked.setState({ projector: true });
    blocked.setState({ storyPacing: false });
    blocked.setState({ projector: false });
    expect(told).toBe(1);
    expect(blocked.getState()).toEqual({ projector: false, storyPacing: false });
  });
});
