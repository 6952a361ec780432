import type { Protocol } from './Protocol';

/** Hours after a dose during which the clock counts hours ("ketamine +3 h") rather than days. */
export const KETAMINE_HOURS_LABEL_WINDOW = 48;

export type PhaseKind = 'baseline' | 'stress' | 'ketamine' | 'after-ketamine' | 'after-stress';

export interface Phase {
  readonly kind: PhaseKind;
  /** Short, plain label for the clock: "baseline day 4", "stress day 12", "ketamine +3 h", … */
  readonly text: string;
}

/**
 * The phase of the experiment at `timeHours`, as a student would name it. A recent ketamine dose wins
 * (hours since the dose for two days), then ongoing stress (its day, counted from 1; a later epoch after
 * a dose is "stress again"), then the time since the last dose or the last stress epoch.
 */
export function phaseLabel(protocol: Protocol, timeHours: number): Phase {
  let lastDose = -Infinity;
  for (const dose of protocol.ketamine) if (dose.timeHours <= timeHours && dose.timeHours > lastDose) lastDose = dose.timeHours;
  const sinceDose = timeHours - lastDose;
  if (sinceDose < KETAMINE_HOURS_LABEL_WINDOW) {
    return { kind: 'ketamine', text: `ketamine +${Math.floor(sinceDose)} h` };
  }
  let lastStressEnd = -Infinity;
  for (const epoch of protocol.stress) {
    if (epoch.intensity <= 0) continue;
    if (timeHours >= epoch.startHours && timeHours < epoch.endHours) {
      const day = Math.floor((timeHours - epoch.startHours) / 24) + 1;
      const again = lastDose > -Infinity && epoch.startHours >= lastDose;
      return { kind: 'stress', text: `${again ? 'stress again' : 'stress'} day ${day}` };
    }
    if (epoch.endHours <= timeHours && epoch.endHours > lastStressEnd) lastStressEnd = epoch.endHours;
  }
  if (lastDose > -Infinity && lastDose >= lastStressEnd) {
    return { kind: 'after-ketamine', text: `after ketamine day ${Math.floor(sinceDose / 24)}` };
  }
  if (lastStressEnd > -Infinity) {
    return { kind: 'after-stress', text: `after stress day ${Math.floor((timeHours - lastStressEnd) / 24)}` };
  }
  return { kind: 'baseline', text: `baseline day ${Math.floor(Math.max(0, timeHours) / 24)}` };
}
