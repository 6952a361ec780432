import { describe, expect, it } from 'vitest';
import { DEFAULT_SAVED_SETTINGS, loadSavedSettings, parseSavedSettings, SAVED_SETTINGS_KEY, serialiseSavedSettings, storeSavedSettings } from '../../src/state/savedSettings';

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
    expect(() => storeSavedSettings(throwing, { projector: true, storyPacing: true })).not.toThrow();
    const saved = new Map<string, string>();
    storeSavedSettings({ setItem: (k, v) => saved.set(k, v) }, { projector: true, storyPacing: true });
    expect(loadSavedSettings({ getItem: (k) => saved.get(k) ?? null })).toEqual({ projector: true, storyPacing: true });
    expect([...saved.keys()]).toEqual([SAVED_SETTINGS_KEY]);
  });
});
