import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatSpeed } from '../../src/state/formatClock';

describe('clock formatting', () => {
  it('shows days and hours since day 0', () => {
    expect(formatClock(0)).toBe('day 0, 00 h');
    expect(formatClock(24 * 12 + 5.9)).toBe('day 12, 05 h');
    expect(formatClock(-3)).toBe('day 0, 00 h');
  });

  it('shows durations and speeds as people say them', () => {
    expect(formatDuration(0.5)).toBe('30 min');
    expect(formatDuration(7.2)).toBe('7 h');
    expect(formatDuration(53)).toBe('2 d 5 h');
    expect(formatSpeed(1)).toBe('1 h per second');
    expect(formatSpeed(24)).toBe('1 day per second');
    expect(formatSpeed(168)).toBe('7 days per second');
  });
});
