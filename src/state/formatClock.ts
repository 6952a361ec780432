/** "day 12, 05 h" from simulated hours (day 0 is the first imaging session). */
export function formatClock(timeHours: number): string {
  const clamped = Math.max(0, timeHours);
  const day = Math.floor(clamped / 24);
  const hour = Math.floor(clamped - day * 24);
  return `day ${day}, ${String(hour).padStart(2, '0')} h`;
}

/** A duration in simulated hours as "2 d 5 h", "7 h" or "40 min". */
export function formatDuration(hours: number): string {
  if (!(hours >= 0)) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  const days = Math.floor(hours / 24);
  const rest = Math.floor(hours - days * 24);
  return days > 0 ? `${days} d ${rest} h` : `${rest} h`;
}

/** Speed as people say it: "6 h per second", "2 days per second". */
export function formatSpeed(hoursPerSecond: number): string {
  if (hoursPerSecond >= 24) {
    const days = hoursPerSecond / 24;
    return `${Number.isInteger(days) ? days : days.toFixed(1)} ${days === 1 ? 'day' : 'days'} per second`;
  }
  return `${Number.isInteger(hoursPerSecond) ? hoursPerSecond : hoursPerSecond.toFixed(2)} h per second`;
}
