import { parseDecimal } from '../model/parseDecimal';
import { PROTOCOL_FORMAT, PROTOCOL_VERSION, ProtocolError, validateProtocol, type Protocol } from '../model/Protocol';

/**
 * A protocol as the editor holds it while it is typed: every number as text, times in days (what a
 * researcher plans in: `31`, or `31d 3h` for three hours into day 31, or `747h`), lists of sessions as
 * comma-separated times. `draftProtocol` turns it into the
 * protocol document the CLI's --protocol reads, or says what is wrong, in words, with where.
 */
export interface ProtocolDraft {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly neuronCount: number;
  readonly durationDays: string;
  readonly stress: readonly { readonly startDay: string; readonly endDay: string; readonly intensity: string }[];
  readonly ketamine: readonly { readonly day: string; readonly doseMgPerKg: string }[];
  readonly ablations: readonly { readonly day: string }[];
  readonly imagingDays: string;
  readonly behaviourDays: string;
}

const HOURS_PER_DAY = 24;

/** A time as the editor shows it: whole days as `31`, others as `31d 3h`, exactly the hours they mean. */
export function formatDays(hours: number): string {
  const days = Math.floor(hours / HOURS_PER_DAY);
  const rest = Number((hours - days * HOURS_PER_DAY).toFixed(6));
  return rest === 0 ? String(days) : `${days}d ${rest}h`;
}

/** Reads `31` or `31.5` (days), `31d 3h`, or `747h`; undefined when the text is none of these. */
export function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  const NUMBER = '(\\d+(?:\\.\\d+)?)';
  let days: string | undefined;
  let hours: string | undefined;
  let match: RegExpExecArray | null;
  if ((match = new RegExp(`^${NUMBER}$`).exec(trimmed))) days = match[1];
  else if ((match = new RegExp(`^${NUMBER}\\s*h$`).exec(trimmed))) hours = match[1];
  else if ((match = new RegExp(`^${NUMBER}\\s*d(?:\\s*${NUMBER}\\s*h)?$`).exec(trimmed))) [days, hours] = [match[1], match[2]];
  else return undefined;
  const dayValue = days === undefined ? 0 : parseDecimal(days);
  const hourValue = hours === undefined ? 0 : parseDecimal(hours);
  if (dayValue === undefined || hourValue === undefined) return undefined;
  return Math.round((dayValue * HOURS_PER_DAY + hourValue) * 1e6) / 1e6;
}

export function draftOf(protocol: Protocol): ProtocolDraft {
  return {
    name: protocol.name,
    title: protocol.title,
    description: protocol.description,
    neuronCount: protocol.neuronCount,
    durationDays: formatDays(protocol.durationHours),
    stress: protocol.stress.map((s) => ({ startDay: formatDays(s.startHours), endDay: formatDays(s.endHours), intensity: String(s.intensity) })),
    ketamine: protocol.ketamine.map((k) => ({ day: formatDays(k.timeHours), doseMgPerKg: String(k.doseMgPerKg) })),
    ablations: protocol.ablations.map((a) => ({ day: formatDays(a.timeHours) })),
    imagingDays: protocol.imagingHours.map(formatDays).join(', '),
    behaviourDays: protocol.behaviourHours.map(formatDays).join(', '),
  };
}

/** A problem with the draft: the message, and the field it is about (a key like `ketamine.0.day`). */
export interface DraftProblem {
  readonly field: string;
  readonly message: string;
}

export type DraftResult = { readonly protocol: Protocol } | { readonly problem: DraftProblem };

class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function number(text: string, field: string, what: string): number {
  const value = parseDecimal(text.trim());
  if (value === undefined) throw new FieldProblem(field, `${what} must be a decimal number, got "${text.trim()}".`);
  return value;
}

function time(text: string, field: string, what: string): number {
  const hours = parseTime(text);
  if (hours === undefined) throw new FieldProblem(field, `${what} must be a day (31), a day and hours (31d 3h) or hours (747h), got "${text.trim()}".`);
  return hours;
}

function timeList(text: string, field: string, what: string): number[] {
  return text
    .split(/[,;]+/)
    .filter((part) => part.trim() !== '')
    .map((part) => time(part, field, what));
}

/** The editor's field and its name in words, for a path of the model's validator (`protocol.ketamine[0].timeHours`). */
const FIELDS: Record<string, readonly [field: string, words: string, time: boolean]> = {
  durationHours: ['durationDays', 'The duration', true],
  neuronCount: ['neuronCount', 'The number of neurons', false],
  name: ['name', 'The name', false],
  startHours: ['startDay', 'start', true],
  endHours: ['endDay', 'end', true],
  intensity: ['intensity', 'intensity', false],
  timeHours: ['day', 'time', true],
  doseMgPerKg: ['doseMgPerKg', 'dose (mg/kg)', false],
  imagingHours: ['imagingDays', 'An imaging session', true],
  behaviourHours: ['behaviourDays', 'A behaviour test', true],
};
const LISTS: Record<string, string> = { stress: 'Stress block', ketamine: 'Dose', ablations: 'Deletion' };

/** The validator's message in the editor's words: names instead of paths, days instead of hours. */
function inWords(message: string): DraftProblem {
  const match = /^protocol\.(\w+)(?:\[(\d+)\])?(?:\.(\w+))? (.*)$/.exec(message.replace(/^protocol: /, ''));
  if (!match) return { field: 'protocol', message: `${message}.` };
  const [, list, index, key, rest] = match;
  const [field, words, isTime] = FIELDS[key ?? list] ?? [key ?? list, key ?? list, false];
  const who = key !== undefined && index !== undefined ? `${LISTS[list] ?? list} ${Number(index) + 1}'s ${words}` : index !== undefined && !key ? `${words} (number ${Number(index) + 1})` : words;
  const text = isTime ? rest.replace(/(\d+(?:\.\d+)?)/g, (hours) => formatDays(Number(hours))).replace('a number from', 'from day').replace(/\(got /, '(got day ') : rest;
  return { field: key !== undefined && index !== undefined ? `${list}.${index}.${field}` : field, message: `${who} ${text}.` };
}

/**
 * The protocol the draft describes, checked by the model's own validator (the CLI's): imaging times
 * sorted as it requires, or the first problem, in words, with its field.
 */
export function draftProtocol(draft: ProtocolDraft): DraftResult {
  try {
    const protocol = {
      format: PROTOCOL_FORMAT,
      version: PROTOCOL_VERSION,
      name: draft.name.trim(),
      title: draft.title,
      description: draft.description,
      durationHours: time(draft.durationDays, 'durationDays', 'The duration'),
      neuronCount: draft.neuronCount,
      stress: draft.stress.map((s, i) => ({
        startHours: time(s.startDay, `stress.${i}.startDay`, `Stress block ${i + 1}'s start`),
        endHours: time(s.endDay, `stress.${i}.endDay`, `Stress block ${i + 1}'s end`),
        intensity: number(s.intensity, `stress.${i}.intensity`, `Stress block ${i + 1}'s intensity`),
      })),
      ketamine: draft.ketamine.map((k, i) => ({
        timeHours: time(k.day, `ketamine.${i}.day`, `Dose ${i + 1}'s time`),
        doseMgPerKg: number(k.doseMgPerKg, `ketamine.${i}.doseMgPerKg`, `Dose ${i + 1} (mg/kg)`),
      })),
      ablations: draft.ablations.map((a, i) => ({ timeHours: time(a.day, `ablations.${i}.day`, `Deletion ${i + 1}'s time`), cohort: 'ketamine' as const })),
      imagingHours: [...new Set(timeList(draft.imagingDays, 'imagingDays', 'Each imaging session'))].sort((a, b) => a - b),
      behaviourHours: [...new Set(timeList(draft.behaviourDays, 'behaviourDays', 'Each behaviour test'))].sort((a, b) => a - b),
    };
    return { protocol: validateProtocol(protocol) };
  } catch (error) {
    if (error instanceof FieldProblem) return { problem: { field: error.field, message: error.message } };
    if (error instanceof ProtocolError) return { problem: inWords(error.message) };
    throw error;
  }
}
