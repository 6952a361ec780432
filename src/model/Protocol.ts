/**
 * A protocol is the experiment's timeline, as a JSON-serialisable, versioned document: stress epochs,
 * ketamine doses, deletions of a cohort of spines (the paper's optical ablation), imaging sessions and
 * behaviour tests. Times are in hours from day 0 (the first imaging session).
 */

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

const MAX_DURATION_HOURS = 24 * 365;
const MAX_NEURONS = 50;

/** Validates an unknown value (for instance parsed JSON) as a protocol, with messages naming the field. */
export function validateProtocol(value: unknown): Protocol {
  const fail = (message: string): never => {
    throw new ProtocolError(message);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('protocol must be a JSON object');
  const doc = value as Record<string, unknown>;
  if (doc.format !== PROTOCOL_FORMAT) fail(`protocol.format must be "${PROTOCOL_FORMAT}"`);
  if (doc.version !== PROTOCOL_VERSION) fail(`protocol.version must be ${PROTOCOL_VERSION} (got ${JSON.stringify(doc.version)})`);
  const known = new Set(['format', 'version', 'name', 'title', 'description', 'durationHours', 'neuronCount', 'stress', 'ketamine', 'ablations', 'imagingHours', 'behaviourHours']);
  for (const key of Object.keys(doc)) if (!known.has(key)) fail(`protocol has an unknown field "${key}"`);
  const text = (key: string): string => {
    const v = doc[key];
    if (typeof v !== 'string' || v.length === 0) fail(`protocol.${key} must be a non-empty string`);
    return v as string;
  };
  const number = (where: string, v: unknown, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(`${where} must be a number from ${min} to ${max} (got ${JSON.stringify(v)})`);
    return v as number;
  };
  const list = (key: string): unknown[] => {
    const v = doc[key] ?? [];
    if (!Array.isArray(v)) fail(`protocol.${key} must be an array`);
    return v as unknown[];
  };
  const object = (where: string, v: unknown): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} must be an object`);
    return v as Record<string, unknown>;
  };
  const durationHours = number('protocol.durationHours', doc.durationHours, 1, MAX_DURATION_HOURS);
  const neuronCount = number('protocol.neuronCount', doc.neuronCount, 1, MAX_NEURONS);
  if (!Number.isInteger(neuronCount)) fail('protocol.neuronCount must be a whole number');
  const stress = list('stress').map((item, i) => {
    const o = object(`protocol.stress[${i}]`, item);
    const startHours = number(`protocol.stress[${i}].startHours`, o.startHours, 0, durationHours);
    const endHours = number(`protocol.stress[${i}].endHours`, o.endHours, startHours, durationHours);
    const intensity = number(`protocol.stress[${i}].intensity`, o.intensity, 0, 3);
    return { startHours, endHours, intensity };
  });
  const ketamine = list('ketamine').map((item, i) => {
    const o = object(`protocol.ketamine[${i}]`, item);
    return {
      timeHours: number(`protocol.ketamine[${i}].timeHours`, o.timeHours, 0, durationHours),
      doseMgPerKg: number(`protocol.ketamine[${i}].doseMgPerKg`, o.doseMgPerKg, 0, 200),
    };
  });
  const ablations = list('ablations').map((item, i) => {
    const o = object(`protocol.ablations[${i}]`, item);
    if (o.cohort !== 'ketamine') fail(`protocol.ablations[${i}].cohort must be "ketamine"`);
    return { timeHours: number(`protocol.ablations[${i}].timeHours`, o.timeHours, 0, durationHours), cohort: 'ketamine' as const };
  });
  const times = (key: string): number[] => {
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
