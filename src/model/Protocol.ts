/**
 * A protocol is the experiment's timeline, as a JSON-serialisable, versioned document: stress epochs,
 * ketamine doses, deletions of a cohort of spines (the paper's optical ablation), imaging sessions and
 * behaviour tests. Times are in hours from day 0 (the first imaging session).
 */

import { escapeControlCharacters, quoteText } from './escapeControlCharacters';

export const PROTOCOL_FORMAT = 'spinelab-protocol';
export const PROTOCOL_VERSION = 1;

export type AblationTarget = 'ketamine';

export interface StressEpoch {
  readonly startHours: number;
  readonly endHours: number;
  /** 1 = the paper's chronic corticosterone regime; 0 = none. */
  readonly intensity: number;
}

export interface KetamineDose {
  readonly timeHours: number;
  readonly doseMgPerKg: number;
}

export interface Ablation {
  readonly timeHours: number;
  /** Which cohort is deleted: spines formed after ketamine. */
  readonly cohort: AblationTarget;
}

export interface Protocol {
  readonly format: typeof PROTOCOL_FORMAT;
  readonly version: typeof PROTOCOL_VERSION;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly durationHours: number;
  /** Whole neurons simulated in one replicate. */
  readonly neuronCount: number;
  readonly stress: readonly StressEpoch[];
  readonly ketamine: readonly KetamineDose[];
  readonly ablations: readonly Ablation[];
  /** Two-photon imaging sessions (hours), ascending, within [0, durationHours]. */
  readonly imagingHours: readonly number[];
  /** Behaviour tests (hours), ascending, within [0, durationHours]. */
  readonly behaviourHours: readonly number[];
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export const MAX_DURATION_HOURS = 24 * 365;
export const MAX_NEURONS = 50;
/**
 * Longest lists a protocol may hold. Each list entry costs work on every step or a snapshot of every
 * spine, and a list of 10^5 imaging hours took minutes and gigabytes; these limits are far above any
 * experiment (hourly imaging for a year is 8,760 sessions; daily doses for a year are 365).
 */
export const MAX_LIST_LENGTHS = {
  stress: 1_000,
  ketamine: 1_000,
  ablations: 1_000,
  imagingHours: 10_000,
  behaviourHours: 10_000,
} as const;
/** Longest name, title or description (characters): they are copied into every output. */
export const MAX_TEXT_CHARS = 10_000;

type ListKey = keyof typeof MAX_LIST_LENGTHS;

const PROTOCOL_FIELDS = ['format', 'version', 'name', 'title', 'description', 'durationHours', 'neuronCount', 'stress', 'ketamine', 'ablations', 'imagingHours', 'behaviourHours'];
const ENTRY_FIELDS: Readonly<Record<'stress' | 'ketamine' | 'ablations', readonly string[]>> = {
  stress: ['startHours', 'endHours', 'intensity'],
  ketamine: ['timeHours', 'doseMgPerKg'],
  ablations: ['timeHours', 'cohort'],
};

/** A JSON path for a key: `a.b` for identifiers, `a["odd key"]` otherwise (so control characters stay escaped). */
function fieldPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${quoteText(key)}]`;
}

/** A short, one-line account of a value for an error message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'string' ? quoteText(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Parses protocol JSON text (a leading UTF-8 byte-order mark is allowed) and validates it. */
export function parseProtocolText(text: string): Protocol {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    // The engine's message can quote the text across lines; keep the report to one line.
    throw new ProtocolError(`not valid JSON: ${escapeControlCharacters((error as Error).message.replace(/\s+/g, ' ')).slice(0, 200)}`);
  }
  return validateProtocol(json);
}

/**
 * Validates an unknown value (for instance parsed JSON) as a protocol. Every message names the field by
 * its JSON path (`protocol.ketamine[0].doseMgPerKg`); unknown fields are refused at every depth, and an
 * absent list is empty but `null` is not a list.
 */
export function validateProtocol(value: unknown): Protocol {
  const fail = (message: string): never => {
    throw new ProtocolError(message);
  };
  const object = (where: string, v: unknown, fields: readonly string[]): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} must be an object (got ${describe(v)})`);
    for (const key of Object.keys(v as object)) {
      if (!fields.includes(key)) fail(`unknown field ${fieldPath(where, key)}; ${where} may have ${fields.join(', ')}`);
    }
    return v as Record<string, unknown>;
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('protocol must be a JSON object');
  const doc = value as Record<string, unknown>;
  if (doc.format !== PROTOCOL_FORMAT) fail(`protocol.format must be "${PROTOCOL_FORMAT}" (got ${describe(doc.format)})`);
  if (doc.version !== PROTOCOL_VERSION) fail(`protocol.version must be ${PROTOCOL_VERSION} (got ${describe(doc.version)})`);
  object('protocol', doc, PROTOCOL_FIELDS);
  const text = (key: string): string => {
    const v = doc[key];
    if (typeof v !== 'string' || v.length === 0 || v.length > MAX_TEXT_CHARS) fail(`protocol.${key} must be a non-empty string of at most ${MAX_TEXT_CHARS} characters (got ${describe(v)})`);
    return v as string;
  };
  const number = (where: string, v: unknown, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(`${where} must be a number from ${min} to ${max} (got ${describe(v)})`);
    return (v as number) + 0; // -0 becomes 0, as JSON would write it
  };
  const list = (key: ListKey): unknown[] => {
    const v = doc[key] === undefined ? [] : doc[key];
    if (!Array.isArray(v)) fail(`protocol.${key} must be an array (got ${describe(v)})`);
    const limit = MAX_LIST_LENGTHS[key];
    if ((v as unknown[]).length > limit) fail(`protocol.${key} has ${(v as unknown[]).length} entries; at most ${limit} are allowed`);
    // A copy without holes: map() would skip the holes of a sparse array instead of checking them.
    return Array.from(v as unknown[]);
  };
  const entries = (key: 'stress' | 'ketamine' | 'ablations') =>
    list(key).map((item, i) => [`protocol.${key}[${i}]`, object(`protocol.${key}[${i}]`, item, ENTRY_FIELDS[key])] as const);
  const durationHours = number('protocol.durationHours', doc.durationHours, 1, MAX_DURATION_HOURS);
  const neuronCount = number('protocol.neuronCount', doc.neuronCount, 1, MAX_NEURONS);
  if (!Number.isInteger(neuronCount)) fail('protocol.neuronCount must be a whole number');
  const stress = entries('stress').map(([where, o]) => {
    const startHours = number(`${where}.startHours`, o.startHours, 0, durationHours);
    const endHours = number(`${where}.endHours`, o.endHours, startHours, durationHours);
    const intensity = number(`${where}.intensity`, o.intensity, 0, 3);
    return { startHours, endHours, intensity };
  });
  const ketamine = entries('ketamine').map(([where, o]) => ({
    timeHours: number(`${where}.timeHours`, o.timeHours, 0, durationHours),
    doseMgPerKg: number(`${where}.doseMgPerKg`, o.doseMgPerKg, 0, 200),
  }));
  const ablations = entries('ablations').map(([where, o]) => {
    if (o.cohort !== 'ketamine') fail(`${where}.cohort must be "ketamine" (got ${describe(o.cohort)})`);
    return { timeHours: number(`${where}.timeHours`, o.timeHours, 0, durationHours), cohort: 'ketamine' as const };
  });
  const times = (key: 'imagingHours' | 'behaviourHours'): number[] => {
    const values = list(key).map((v, i) => number(`protocol.${key}[${i}]`, v, 0, durationHours));
    for (let i = 1; i < values.length; i++) if (values[i] <= values[i - 1]) fail(`protocol.${key} must be strictly ascending (entry ${i})`);
    return values;
  };
  const imagingHours = times('imagingHours');
  if (imagingHours.length < 2) fail('protocol.imagingHours needs at least two sessions');
  return {
    format: PROTOCOL_FORMAT,
    version: PROTOCOL_VERSION,
    name: text('name'),
    title: text('title'),
    description: text('description'),
    durationHours,
    neuronCount,
    stress,
    ketamine,
    ablations,
    imagingHours,
    behaviourHours: times('behaviourHours'),
  };
}

/** Stress intensity in force at time t (epochs may overlap: the strongest wins). */
export function stressIntensityAt(protocol: Protocol, timeHours: number): number {
  let intensity = 0;
  for (const epoch of protocol.stress) {
    if (timeHours >= epoch.startHours && timeHours < epoch.endHours) intensity = Math.max(intensity, epoch.intensity);
  }
  return intensity;
}

/** Every time at which something happens (the simulation steps land exactly on them). */
export function protocolEventHours(protocol: Protocol): number[] {
  const times = new Set<number>([0, protocol.durationHours]);
  for (const epoch of protocol.stress) {
    times.add(epoch.startHours);
    times.add(epoch.endHours);
  }
  for (const dose of protocol.ketamine) times.add(dose.timeHours);
  for (const ablation of protocol.ablations) times.add(ablation.timeHours);
  for (const t of protocol.imagingHours) times.add(t);
  for (const t of protocol.behaviourHours) times.add(t);
  return [...times].filter((t) => t >= 0 && t <= protocol.durationHours).sort((a, b) => a - b);
}
