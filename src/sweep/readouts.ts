import { runCalibration } from '../model/calibration';
import { scoreInterval, sessionAt } from '../model/observables/scoreInterval';
import type { Protocol } from '../model/Protocol';
import type { ReplicateResult } from '../model/runReplicate';
import { DAY_HOURS } from '../model/scenarios';
import { SweepError } from './SweepError';

/**
 * The readouts a sweep collects, by name. Two families:
 *   - run readouts, measured on each replicate of the point's protocol and averaged over replicates:
 *     `density@31d`, `formation@10d..31d`, `escape@dose+2d..dose+7d`, `liveSpines`;
 *   - target readouts, `target:S2`: a value computed from whole sets of runs (the calibration targets run their
 *     scenarios with the point's parameters, on as many neurons as the point's protocol has). New targets plug in by adding a family to `targetFamilies`,
 *     or by adding checks to the calibration, which `target:` reads by id.
 *
 * Times are `31d` or `744h`, or relative to the protocol's events: `dose`, `stressStart`, `stressEnd`, `end`
 * (first ketamine dose, first stress epoch, end of the run), with an offset: `dose+3h`, `stressEnd-2d`.
 * Ranges are `A..B`, both ends included.
 */

export type Anchor = 'dose' | 'stressStart' | 'stressEnd' | 'end';

export interface TimeSpec {
  readonly anchor: Anchor | null;
  readonly offsetHours: number;
}

export type Evaluator = (run: ReplicateResult) => number | null;

export interface RunReadoutKind {
  readonly description: string;
  /** What follows `@`: nothing, one time, a range `A..B`, or either of the last two. */
  readonly times: 'none' | 'time' | 'range' | 'time-or-range';
  /** Checks the times (hours) against the protocol and returns the per-replicate evaluator. */
  bind(protocol: Protocol, hours: readonly number[], name: string): Evaluator;
}

export interface TargetFamily {
  readonly description: string;
  /** Runs what the family needs for one sweep point (on `neuronCount` neurons per run) and returns its values by id. */
  compute(replicates: number, seed: number, parameters: Readonly<Record<string, number>>, neuronCount: number): ReadonlyMap<string, number>;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

function imagingIndex(protocol: Protocol, hours: number, name: string): number {
  const index = protocol.imagingHours.findIndex((t) => near(t, hours));
  if (index < 0) throw new SweepError(`readout ${name}: no imaging session at ${hours} h`);
  return index;
}

/** Behaviour tests at `hours` (one time) or within [from, to]; at least one. */
function behaviourTimes(protocol: Protocol, hours: readonly number[], name: string): number[] {
  const [from, to] = hours.length === 1 ? [hours[0], hours[0]] : hours;
  const times = protocol.behaviourHours.filter((t) => t >= from - 1e-6 && t <= to + 1e-6);
  if (times.length === 0) throw new SweepError(`readout ${name}: no behaviour test ${hours.length === 1 ? `at ${from} h` : `from ${from} h to ${to} h`}`);
  return times;
}

function sessionReadout(pick: (run: ReplicateResult, index: number) => number, description: string): RunReadoutKind {
  return {
    description,
    times: 'time',
    bind: (protocol, [hours], name) => {
      imagingIndex(protocol, hours, name);
      return (run) => pick(run, sessionAt(run.snapshots, hours));
    },
  };
}

function intervalReadout(field: 'formation' | 'elimination' | 'turnoverRatio', description: string): RunReadoutKind {
  return {
    description,
    times: 'range',
    bind: (protocol, [from, to], name) => {
      imagingIndex(protocol, from, name);
      imagingIndex(protocol, to, name);
      if (to <= from) throw new SweepError(`readout ${name}: the range must run forward in time`);
      return (run) => scoreInterval(run.snapshots[sessionAt(run.snapshots, from)], run.snapshots[sessionAt(run.snapshots, to)])[field];
    },
  };
}

function behaviourReadout(field: 'escapeIndex' | 'ensembleCoherence', description: string): RunReadoutKind {
  return {
    description,
    times: 'time-or-range',
    bind: (protocol, hours, name) => {
      const times = behaviourTimes(protocol, hours, name);
      return (run) => {
        const samples = run.behaviour.filter((b) => times.some((t) => near(t, b.timeHours)));
        return samples.reduce((sum, b) => sum + b[field], 0) / samples.length;
      };
    },
  };
}

export const runReadoutKinds: Readonly<Record<string, RunReadoutKind>> = {
  density: sessionReadout((run, i) => run.sessions[i].densityPerUm, 'visible spines per µm of imaged dendrite at an imaging session'),
  visibleSpines: sessionReadout((run, i) => run.sessions[i].visibleSpines, 'visible spines on the imaged branches at an imaging session'),
  formation: intervalReadout('formation', 'spines gained between two imaging sessions / spines visible at the first'),
  elimination: intervalReadout('elimination', 'spines lost between two imaging sessions / spines visible at the first'),
  turnover: intervalReadout('turnoverRatio', 'turnover ratio (gained + lost) / (before + after) between two imaging sessions'),
  escape: behaviourReadout('escapeIndex', 'escape index at a behaviour test, or its mean over the tests in a range'),
  coherence: behaviourReadout('ensembleCoherence', 'ensemble coherence at a behaviour test, or its mean over the tests in a range'),
  liveSpines: { description: 'live spines at the end of the run (all branches, visible or not)', times: 'none', bind: () => (run) => run.totalSpines },
};

export const targetFamilies: Readonly<Record<string, TargetFamily>> = {
  target: {
    description: 'a calibration target (B1 … G7) by id: its value over the calibration scenarios run with the point’s parameters and neuron count',
    compute: (replicates, seed, parameters, neuronCount) => new Map(runCalibration(replicates, seed, parameters, neuronCount).checks.map((check) => [check.id, check.value])),
  },
};

export type ReadoutSpec =
  | { readonly name: string; readonly family: 'run'; readonly kind: string; readonly times: readonly TimeSpec[] }
  | { readonly name: string; readonly family: 'target'; readonly source: string; readonly id: string };

const TIME = /^(?:(dose|stressStart|stressEnd|end)(?:([+-])(\d+(?:\.\d+)?)(h|d))?|(\d+(?:\.\d+)?)(h|d))$/;

function parseTime(text: string, name: string): TimeSpec {
  const match = TIME.exec(text);
  if (!match) throw new SweepError(`readout ${name}: "${text}" is not a time (examples: 31d, 744h, dose+3h, stressEnd-2d)`);
  const [, anchor, sign, offset, offsetUnit, plain, plainUnit] = match;
  const hours = (value: string, unit: string) => Number(value) * (unit === 'd' ? DAY_HOURS : 1);
  if (anchor) return { anchor: anchor as Anchor, offsetHours: offset ? (sign === '-' ? -1 : 1) * hours(offset, offsetUnit) : 0 };
  return { anchor: null, offsetHours: hours(plain, plainUnit) };
}

/** Parses a readout name (syntax only; times are checked against each point's protocol by `bindReadout`). */
export function parseReadout(name: string): ReadoutSpec {
  const target = /^([a-z][A-Za-z]*):([A-Za-z0-9_-]+)$/.exec(name);
  if (target) {
    if (!Object.hasOwn(targetFamilies, target[1])) throw new SweepError(`readout ${name}: unknown family "${target[1]}:" (known: ${Object.keys(targetFamilies).map((f) => `${f}:`).join(', ')})`);
    return { name, family: 'target', source: target[1], id: target[2] };
  }
  const run = /^([a-z][A-Za-z]*)(?:@(.+))?$/.exec(name);
  const kind = run && Object.hasOwn(runReadoutKinds, run[1]) ? runReadoutKinds[run[1]] : undefined;
  if (!run || !kind) throw new SweepError(`unknown readout "${name}" (known: ${[...Object.keys(runReadoutKinds), ...Object.keys(targetFamilies).map((f) => `${f}:ID`)].join(', ')})`);
  const parts = run[2] === undefined ? [] : run[2].split('..');
  const allowed = { none: [0], time: [1], range: [2], 'time-or-range': [1, 2] }[kind.times];
  if (!allowed.includes(parts.length)) {
    const form = { none: `${run[1]} (no time)`, time: `${run[1]}@TIME`, range: `${run[1]}@FROM..TO`, 'time-or-range': `${run[1]}@TIME or ${run[1]}@FROM..TO` }[kind.times];
    throw new SweepError(`readout ${name}: write it as ${form}`);
  }
  return { name, family: 'run', kind: run[1], times: parts.map((part) => parseTime(part, name)) };
}

function anchorHours(protocol: Protocol, anchor: Anchor, name: string): number {
  switch (anchor) {
    case 'end':
      return protocol.durationHours;
    case 'dose':
      if (protocol.ketamine.length === 0) throw new SweepError(`readout ${name}: the protocol has no ketamine dose`);
      return protocol.ketamine[0].timeHours;
    case 'stressStart':
    case 'stressEnd':
      if (protocol.stress.length === 0) throw new SweepError(`readout ${name}: the protocol has no stress epoch`);
      return anchor === 'stressStart' ? protocol.stress[0].startHours : protocol.stress[0].endHours;
  }
}

/** The run readout's evaluator for one protocol; throws a SweepError when its times do not fit it. */
export function bindReadout(spec: Extract<ReadoutSpec, { family: 'run' }>, protocol: Protocol): Evaluator {
  const hours = spec.times.map((t) => (t.anchor ? anchorHours(protocol, t.anchor, spec.name) : 0) + t.offsetHours);
  return runReadoutKinds[spec.kind].bind(protocol, hours, spec.name);
}
