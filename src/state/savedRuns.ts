import { openDB, type IDBPDatabase } from 'idb';
import { isScenarioName, type ScenarioName } from '../model/scenarios';
import { decodeBench } from './benchLink';
import { linkAtTime, linkWithBench, MAX_NEURON_COUNT, SEED_PATTERN } from './urlSettings';

/** A named run kept in the browser (IndexedDB): what its link holds, so that opening it is opening the link. */
export interface SavedRun {
  readonly format: typeof SAVED_RUN_FORMAT;
  readonly version: typeof SAVED_RUN_VERSION;
  readonly name: string;
  /** When it was saved (ISO 8601), to list the newest first. */
  readonly savedAt: string;
  readonly scenario: ScenarioName;
  readonly seed: string;
  readonly speedHoursPerSecond: number;
  readonly neuronCount: number;
  readonly timeHours: number;
  /** The bench's protocol, parameters and conditions, as `encodeBench` writes them. */
  readonly bench: string;
}

export const SAVED_RUN_FORMAT = 'spinelab-saved-run';
export const SAVED_RUN_VERSION = 1;
const DATABASE = 'spinelab-bench';
const STORE = 'runs';

/** A stored entry: a run that can be opened, or one refused with the reason in words. */
export type SavedEntry = { readonly name: string; readonly run: SavedRun } | { readonly name: string; readonly problem: string };

/** Checks a stored value as a link is checked: anything old, damaged or out of range is refused with why. */
export function readSavedRun(value: unknown): { readonly run: SavedRun } | { readonly problem: string } {
  if (typeof value !== 'object' || value === null) return { problem: 'it is not a saved run' };
  const v = value as Record<string, unknown>;
  if (v.format !== SAVED_RUN_FORMAT) return { problem: 'it is not a saved run of SpineLab' };
  if (v.version !== SAVED_RUN_VERSION) return { problem: `it was saved in format ${String(v.version)}; this SpineLab reads format ${SAVED_RUN_VERSION}` };
  if (typeof v.name !== 'string' || v.name.trim() === '') return { problem: 'it has no name' };
  if (typeof v.scenario !== 'string' || !isScenarioName(v.scenario)) return { problem: `its scenario "${String(v.scenario)}" does not exist` };
  if (typeof v.seed !== 'string' || !SEED_PATTERN.test(v.seed)) return { problem: 'its seed is not usable' };
  if (typeof v.speedHoursPerSecond !== 'number' || !(v.speedHoursPerSecond > 0)) return { problem: 'its speed is not usable' };
  if (!Number.isInteger(v.neuronCount) || (v.neuronCount as number) < 1 || (v.neuronCount as number) > MAX_NEURON_COUNT) return { problem: 'its number of neurons is not usable' };
  if (typeof v.timeHours !== 'number' || !Number.isFinite(v.timeHours) || v.timeHours < 0) return { problem: 'its time is not usable' };
  if (typeof v.savedAt !== 'string') return { problem: 'it has no date' };
  if (typeof v.bench !== 'string') return { problem: 'its bench settings are missing' };
  const bench = decodeBench(v.bench);
  if ('problem' in bench) return { problem: `its bench settings are not usable: ${bench.problem}` };
  return { run: v as unknown as SavedRun };
}

/** The link that opens a saved run: its scenario, seed, speed, neurons, time (paused) and bench. */
export function savedRunLink(base: string, run: SavedRun): string {
  const url = new URL(base);
  url.hash = [`scenario=${run.scenario}`, `seed=${encodeURIComponent(run.seed)}`, `speed=${run.speedHoursPerSecond}`, `neurons=${run.neuronCount}`].join('&');
  return linkWithBench(linkAtTime(url.toString(), run.timeHours, true), run.bench);
}

/** Named runs in IndexedDB (through idb). Every read checks each entry; a bad one never hides the others. */
export class SavedRuns {
  private database: Promise<IDBPDatabase> | null = null;

  private open(): Promise<IDBPDatabase> {
    this.database ??= openDB(DATABASE, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'name' });
      },
    });
    return this.database;
  }

  /** Every stored entry, newest first; refused ones after, each with why. */
  async list(): Promise<SavedEntry[]> {
    const db = await this.open();
    const [keys, values] = await Promise.all([db.getAllKeys(STORE), db.getAll(STORE)]);
    const entries = values.map((value, i): SavedEntry => {
      const read = readSavedRun(value);
      return 'run' in read ? { name: read.run.name, run: read.run } : { name: String(keys[i]), problem: read.problem };
    });
    return entries.sort((a, b) => ('run' in b ? 1 : 0) - ('run' in a ? 1 : 0) || ('run' in a && 'run' in b ? b.run.savedAt.localeCompare(a.run.savedAt) : a.name.localeCompare(b.name)));
  }

  /** Saves (or replaces) the run under its name. */
  async save(run: SavedRun): Promise<void> {
    await (await this.open()).put(STORE, run);
  }

  async remove(name: string): Promise<void> {
    await (await this.open()).delete(STORE, name);
  }
}
