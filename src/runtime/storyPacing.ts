import type { Protocol } from '../model/Protocol';

/** Speed cap (simulated hours per wall second) around a ketamine dose while story pacing is on. */
export const STORY_SLOW_HOURS_PER_SECOND = 3;
/** The slowed window around each dose: from a little before it to past the peak of new-spine formation. */
export const STORY_SLOW_BEFORE_HOURS = 2;
export const STORY_SLOW_AFTER_HOURS = 30;

/**
 * The playback speed actually used at `timeHours`: the chosen speed, slowed to a few hours per second
 * around each ketamine dose when story pacing is on, so the 3-hour behavioural rescue and the new spines
 * at 12–24 hours can be watched rather than skipped. Never faster than the chosen speed.
 */
export function storyPacedSpeed(protocol: Protocol, timeHours: number, chosenHoursPerSecond: number, storyPacing: boolean): number {
  if (!storyPacing || chosenHoursPerSecond <= STORY_SLOW_HOURS_PER_SECOND) return chosenHoursPerSecond;
  for (const dose of protocol.ketamine) {
    const since = timeHours - dose.timeHours;
    if (since >= -STORY_SLOW_BEFORE_HOURS && since < STORY_SLOW_AFTER_HOURS) return STORY_SLOW_HOURS_PER_SECOND;
  }
  return chosenHoursPerSecond;
}

/**
 * Where one playback tick should stop: `speed × wall seconds` ahead, but never past the start of a slowed
 * window (so a fast tick does not jump over the dose).
 */
export function storyPacedTarget(protocol: Protocol, timeHours: number, wallSeconds: number, chosenHoursPerSecond: number, storyPacing: boolean): number {
  const speed = storyPacedSpeed(protocol, timeHours, chosenHoursPerSecond, storyPacing);
  let target = timeHours + speed * wallSeconds;
  if (storyPacing && speed > STORY_SLOW_HOURS_PER_SECOND) {
    for (const dose of protocol.ketamine) {
      const windowStart = dose.timeHours - STORY_SLOW_BEFORE_HOURS;
      if (windowStart > timeHours && windowStart < target) target = windowStart;
    }
  }
  return target;
}
