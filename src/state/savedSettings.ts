import type { Store } from './createStore';

/** What the app remembers between visits (localStorage). Kept small; anything else comes from the link. */
export interface SavedSettings {
  /** High contrast, large type and thick lines for a lecture hall. */
  readonly projector: boolean;
  /** Slow down around the ketamine dose. */
  readonly storyPacing: boolean;
}

export const SAVED_SETTINGS_KEY = 'spinelab.settings.v1';
export const DEFAULT_SAVED_SETTINGS: SavedSettings = { projector: false, storyPacing: true };

/**
 * Parses saved settings, tolerating anything: missing, corrupt JSON, wrong types or unknown keys give
 * the defaults for the affected fields, never an error.
 */
export function parseSavedSettings(text: string | null | undefined): SavedSettings {
  if (typeof text !== 'string' || text === '') return DEFAULT_SAVED_SETTINGS;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_SAVED_SETTINGS;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_SAVED_SETTINGS;
  const record = value as Record<string, unknown>;
  return {
    projector: typeof record.projector === 'boolean' ? record.projector : DEFAULT_SAVED_SETTINGS.projector,
    storyPacing: typeof record.storyPacing === 'boolean' ? record.storyPacing : DEFAULT_SAVED_SETTINGS.storyPacing,
  };
}

export function serialiseSavedSettings(settings: SavedSettings): string {
  return JSON.stringify({ projector: settings.projector, storyPacing: settings.storyPacing });
}

/** Reads from storage that may be missing or throw (private mode, blocked cookies). */
export function loadSavedSettings(storage: Pick<Storage, 'getItem'> | undefined): SavedSettings {
  try {
    return parseSavedSettings(storage?.getItem(SAVED_SETTINGS_KEY));
  } catch {
    return DEFAULT_SAVED_SETTINGS;
  }
}

/**
 * The page's localStorage, or undefined where reading the property itself throws (site data blocked,
 * some embedded and private contexts).
 */
export function openLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Writes to storage that may be missing, full or blocked; says whether the settings were kept. */
export function storeSavedSettings(storage: Pick<Storage, 'setItem'> | undefined, settings: SavedSettings): boolean {
  try {
    if (!storage) return false;
    storage.setItem(SAVED_SETTINGS_KEY, serialiseSavedSettings(settings));
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the remembered settings whenever they change in `store`. Where storage refuses, the settings
 * still apply for this visit and `onCannotKeep` is called once, the first time one could not be saved.
 * Returns the unsubscribe function.
 */
export function keepSavedSettings(store: Pick<Store<SavedSettings>, 'getState' | 'subscribe'>, storage: Pick<Storage, 'setItem'> | undefined, onCannotKeep: () => void): () => void {
  let { projector, storyPacing } = store.getState();
  let told = false;
  return store.subscribe(() => {
    const state = store.getState();
    if (state.projector === projector && state.storyPacing === storyPacing) return;
    ({ projector, storyPacing } = state);
    if (storeSavedSettings(storage, { projector, storyPacing }) || told) return;
    told = true;
    onCannotKeep();
  });
}
