import { formatDays, parseTime, type ProtocolDraft } from './protocolDraft';

/**
 * The protocol editor's timeline strip, without the page: which events of a draft can be placed on a
 * timeline (those whose times read), and the draft after one of them is moved. Moves snap to whole hours
 * and stay within the experiment; everything else (order of a block's ends, sessions past the end) is left
 * to the draft's validator, so the strip and the fields show the same problems.
 */

/** What a handle moves: a stress block (whole, or one end), a dose, a deletion, or one session of a list. */
export type StripTarget =
  | { readonly kind: 'stress'; readonly index: number; readonly part: 'block' | 'start' | 'end' }
  | { readonly kind: 'ketamine' | 'ablations' | 'imaging' | 'behaviour'; readonly index: number };

export interface StripEvent {
  readonly target: StripTarget;
  /** Where it is (hours); for a whole stress block, its start. */
  readonly hours: number;
  /** A stress block's end (hours). */
  readonly endHours?: number;
  /** The editor field it edits (a key like `ketamine.0.day`), to share that field's problem. */
  readonly field: string;
  /** Its name, for a screen reader and a tooltip: "Dose 1". */
  readonly label: string;
  /** Where it is, in words: "ketamine 10 mg/kg at day 31". */
  readonly valueText: string;
}

const SESSION_SEPARATOR = /[,;]+/;

/** The times typed in a session list, in the order typed, blanks dropped. */
function sessionParts(text: string): string[] {
  return text.split(SESSION_SEPARATOR).map((part) => part.trim()).filter((part) => part !== '');
}

const at = (hours: number) => `day ${formatDays(hours)}`;

/** The draft's events that have readable times, for the strip. */
export function stripEvents(draft: ProtocolDraft): StripEvent[] {
  const events: StripEvent[] = [];
  draft.stress.forEach((block, index) => {
    const start = parseTime(block.startDay);
    const end = parseTime(block.endDay);
    const name = `Stress block ${index + 1}`;
    if (start !== undefined && end !== undefined) {
      events.push({ target: { kind: 'stress', index, part: 'block' }, hours: start, endHours: end, field: `stress.${index}.startDay`, label: name, valueText: `stress (intensity ${block.intensity.trim()}) from ${at(start)} to ${at(end)}` });
    }
    if (start !== undefined) events.push({ target: { kind: 'stress', index, part: 'start' }, hours: start, field: `stress.${index}.startDay`, label: `Start of stress block ${index + 1}`, valueText: `stress starts at ${at(start)}` });
    if (end !== undefined) events.push({ target: { kind: 'stress', index, part: 'end' }, hours: end, field: `stress.${index}.endDay`, label: `End of stress block ${index + 1}`, valueText: `stress ends at ${at(end)}` });
  });
  draft.ketamine.forEach((dose, index) => {
    const hours = parseTime(dose.day);
    if (hours !== undefined) events.push({ target: { kind: 'ketamine', index }, hours, field: `ketamine.${index}.day`, label: `Dose ${index + 1}`, valueText: `ketamine ${dose.doseMgPerKg.trim()} mg/kg at ${at(hours)}` });
  });
  draft.ablations.forEach((deletion, index) => {
    const hours = parseTime(deletion.day);
    if (hours !== undefined) events.push({ target: { kind: 'ablations', index }, hours, field: `ablations.${index}.day`, label: `Deletion ${index + 1}`, valueText: `new spines deleted at ${at(hours)}` });
  });
  for (const [kind, text, field, name, what] of [
    ['imaging', draft.imagingDays, 'imagingDays', 'Imaging session', 'imaging'],
    ['behaviour', draft.behaviourDays, 'behaviourDays', 'Behaviour test', 'behaviour test'],
  ] as const) {
    sessionParts(text).forEach((part, index) => {
      const hours = parseTime(part);
      if (hours !== undefined) events.push({ target: { kind, index }, hours, field, label: `${name} ${index + 1}`, valueText: `${what} at ${at(hours)}` });
    });
  }
  return events;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The draft with `target` moved to `hours` (rounded to a whole hour, kept within 0…`durationHours`); a
 * whole stress block keeps its length and stays within the experiment. Fields that do not read are left
 * as they are.
 */
export function moveEvent(draft: ProtocolDraft, target: StripTarget, hours: number, durationHours: number): ProtocolDraft {
  const to = clamp(Math.round(hours), 0, Math.max(0, Math.floor(durationHours)));
  switch (target.kind) {
    case 'stress': {
      const stress = draft.stress.map((block, index) => {
        if (index !== target.index) return block;
        if (target.part === 'start') return { ...block, startDay: formatDays(to) };
        if (target.part === 'end') return { ...block, endDay: formatDays(to) };
        const start = parseTime(block.startDay);
        const end = parseTime(block.endDay);
        if (start === undefined || end === undefined) return block;
        const length = Math.max(0, end - start);
        const from = clamp(to, 0, Math.max(0, Math.floor(durationHours - length)));
        return { ...block, startDay: formatDays(from), endDay: formatDays(from + length) };
      });
      return { ...draft, stress };
    }
    case 'ketamine':
      return { ...draft, ketamine: draft.ketamine.map((dose, index) => (index === target.index ? { ...dose, day: formatDays(to) } : dose)) };
    case 'ablations':
      return { ...draft, ablations: draft.ablations.map((deletion, index) => (index === target.index ? { ...deletion, day: formatDays(to) } : deletion)) };
    case 'imaging':
    case 'behaviour': {
      const key = target.kind === 'imaging' ? 'imagingDays' : 'behaviourDays';
      const parts = sessionParts(draft[key]);
      if (target.index >= parts.length) return draft;
      parts[target.index] = formatDays(to);
      return { ...draft, [key]: parts.join(', ') };
    }
  }
}
