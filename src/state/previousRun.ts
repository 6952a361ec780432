import type { Parameters } from '../model/parameters';
import { parameterSpec } from '../model/parameters';
import type { Protocol } from '../model/Protocol';
import type { ParameterChange } from '../../workers/RunHistory';
import type { SeriesUpdate } from '../../workers/simulationApi';

/**
 * The faint copy of the run before a change, kept on the charts until it is cleared: a snapshot of that
 * run's chart series, taken once, at the moment of the change (never updated per frame), and what the
 * change was, in words.
 */
export interface PreviousRun {
  /** "previous run (before Rescue distance = 2 µm)". */
  readonly label: string;
  readonly sessions: SeriesUpdate['sessions'];
  readonly behaviour: SeriesUpdate['behaviour'];
}

/** What tells two runs apart: seed, protocol, parameters at day 0, neurons, and the changes made mid-run. */
export interface RunIdentity {
  readonly seed: string | number;
  readonly protocol: Protocol;
  /** The parameters the run started with (resolved). */
  readonly parameters: Parameters;
  /** The imported file's name, or null for the procedural neurons. */
  readonly neurons: string | null;
  readonly changes: readonly ParameterChange[];
}

/** At most this many differences are named; the rest are counted. */
const MAX_NAMED = 2;

function formatDay(hours: number): string {
  const day = hours / 24;
  return Number.isInteger(day) ? `day ${day}` : `day ${day.toFixed(1)}`;
}

/** "Rescue distance = 2 µm": the parameter's name as the parameter panel shows it, with its unit. */
export function describeSetting(name: string, value: number): string {
  const spec = parameterSpec(name);
  if (!spec) return `${name} = ${value}`;
  return `${spec.label} = ${value}${spec.unit ? ` ${spec.unit}` : ''}`;
}

/** The parameters whose values differ between two sets, in the order of `after`. */
export function changedParameters(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): string[] {
  return Object.keys(after).filter((name) => before[name] !== after[name]);
}

/**
 * The faint copy's label: what the new run changed relative to the previous one (parameters, protocol,
 * seed, neurons), and whether the previous one changed parameters mid-run. Null when the two runs are the
 * same run (a reset that changed nothing): there is nothing to compare.
 */
export function previousRunLabel(before: RunIdentity, after: RunIdentity): string | null {
  const parts = changedParameters(before.parameters, after.parameters).map((name) => describeSetting(name, after.parameters[name as keyof Parameters]));
  if (JSON.stringify(before.protocol) !== JSON.stringify(after.protocol)) {
    parts.push(before.protocol.name === after.protocol.name ? 'the edited protocol' : `protocol ${after.protocol.name}`);
  }
  if (String(before.seed) !== String(after.seed)) parts.push(`seed ${after.seed}`);
  if (before.neurons !== after.neurons) parts.push(after.neurons ?? 'the procedural neurons');
  const midRun = before.changes.length > 0 ? `it changed parameters mid-run on ${before.changes.map((c) => formatDay(c.timeHours)).join(', ')}` : null;
  if (parts.length === 0 && midRun === null) return null;
  const named = parts.length > MAX_NAMED + 1 ? [...parts.slice(0, MAX_NAMED), `${parts.length - MAX_NAMED} more changes`] : parts;
  const change = named.length > 0 ? `before ${named.join(', ')}` : null;
  return `previous run (${[change, midRun].filter(Boolean).join('; ')})`;
}

/**
 * The faint copy after a parameter change made mid-run at `timeHours`, when the run had already gone
 * further (the user went back in time, then changed something): the run as it went before the change, so
 * that what follows can be compared with it. Null when the run had not gone past that time: the two would
 * be the same curve.
 */
export function previousRunAfterChange(furthest: SeriesUpdate, timeHours: number, before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): PreviousRun | null {
  const later = (t: number) => t > timeHours + 1e-9;
  if (!furthest.sessions.some((s) => later(s.timeHours)) && !furthest.behaviour.some((b) => later(b.timeHours))) return null;
  const changed = changedParameters(before, after).map((name) => describeSetting(name, after[name]));
  const what = changed.length === 0 ? 'the parameter change' : changed.length > MAX_NAMED + 1 ? `${changed.slice(0, MAX_NAMED).join(', ')} and ${changed.length - MAX_NAMED} more` : changed.join(', ');
  return { label: `previous run (before ${what} on ${formatDay(timeHours)})`, sessions: furthest.sessions, behaviour: furthest.behaviour };
}

/** Whether a run got far enough to be worth keeping as a faint copy (two imaging sessions or behaviour tests). */
export function worthKeeping(series: SeriesUpdate): boolean {
  return series.sessions.length >= 2 || series.behaviour.length >= 2;
}
