import { describe, expect, it } from 'vitest';
import { DOSE_HOURS, scenarioProtocol } from '../../src/model/scenarios';
import { STORY_SLOW_AFTER_HOURS, STORY_SLOW_BEFORE_HOURS, STORY_SLOW_HOURS_PER_SECOND, storyPacedSpeed, storyPacedTarget } from '../../src/runtime/storyPacing';

describe('story pacing', () => {
  const story = scenarioProtocol('stress-ketamine');

  it('keeps the chosen speed away from a dose', () => {
    expect(storyPacedSpeed(story, 100, 48, true)).toBe(48);
    expect(storyPacedSpeed(story, DOSE_HOURS + STORY_SLOW_AFTER_HOURS + 1, 48, true)).toBe(48);
  });

  it('slows to a few hours per second around the dose', () => {
    expect(storyPacedSpeed(story, DOSE_HOURS - STORY_SLOW_BEFORE_HOURS, 48, true)).toBe(STORY_SLOW_HOURS_PER_SECOND);
    expect(storyPacedSpeed(story, DOSE_HOURS + 18, 48, true)).toBe(STORY_SLOW_HOURS_PER_SECOND);
  });

  it('never speeds up a slow choice, and does nothing when switched off or without a dose', () => {
    expect(storyPacedSpeed(story, DOSE_HOURS + 1, 1, true)).toBe(1);
    expect(storyPacedSpeed(story, DOSE_HOURS + 1, 48, false)).toBe(48);
    expect(storyPacedSpeed(scenarioProtocol('stress'), DOSE_HOURS + 1, 48, true)).toBe(48);
  });

  it('stops a fast tick at the start of the slowed window rather than jumping over the dose', () => {
    const start = DOSE_HOURS - 20;
    expect(storyPacedTarget(story, start, 1, 168, true)).toBe(DOSE_HOURS - STORY_SLOW_BEFORE_HOURS);
    expect(storyPacedTarget(story, start, 1, 168, false)).toBe(start + 168);
    expect(storyPacedTarget(story, DOSE_HOURS, 0.5, 168, true)).toBe(DOSE_HOURS + STORY_SLOW_HOURS_PER_SECOND / 2);
  });
});
