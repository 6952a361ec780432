import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Protocol } from '../model/Protocol';
import { formatClock } from '../state/formatClock';

/**
 * The protocol at a glance: stress epochs, doses, deletions, and where the clock is now. With `onSeek`, it
 * is also a slider: click or drag it to move the clock to that moment, or focus it and use the arrow keys
 * (an hour; with Shift, a day), Home and End.
 */
export function Timeline({ protocol, timeHours, onSeek }: { protocol: Protocol; timeHours: number; onSeek?: (hours: number) => void }) {
  const track = useRef<HTMLDivElement>(null);
  const span = protocol.durationHours;
  const at = (hours: number) => `${(100 * Math.min(1, Math.max(0, hours / span))).toFixed(2)}%`;
  const days = Math.round(span / 24);

  const hoursAt = (clientX: number): number => {
    const box = track.current!.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - box.left) / Math.max(1, box.width))) * span;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!onSeek || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    onSeek(hoursAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (onSeek && event.currentTarget.hasPointerCapture(event.pointerId)) onSeek(hoursAt(event.clientX));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!onSeek) return;
    const stepHours = event.shiftKey ? 24 : 1;
    const target = { ArrowLeft: timeHours - stepHours, ArrowRight: timeHours + stepHours, Home: 0, End: span }[event.key];
    if (target === undefined) return;
    // The page's own arrow shortcuts must not act on the same key press.
    event.preventDefault();
    event.stopPropagation();
    onSeek(Math.min(span, Math.max(0, target)));
  };

  return (
    <div className="timeline" aria-label={`Timeline of the experiment: ${days} days`}>
      <div
        ref={track}
        className={`timeline-track${onSeek ? ' seekable' : ''}`}
        data-testid={onSeek ? 'timeline-track' : undefined}
        {...(onSeek
          ? {
              role: 'slider',
              tabIndex: 0,
              'aria-label': 'Simulated time: click or drag to move the clock',
              'aria-valuemin': 0,
              'aria-valuemax': span,
              'aria-valuenow': Math.round(timeHours),
              'aria-valuetext': formatClock(timeHours),
              onPointerDown,
              onPointerMove,
              onKeyDown,
            }
          : {})}
      >
        {protocol.stress.map((epoch, i) => (
          <div key={`s${i}`} className="timeline-stress" style={{ left: at(epoch.startHours), width: `calc(${at(epoch.endHours)} - ${at(epoch.startHours)})` }} title="Chronic stress" />
        ))}
        <div className="timeline-progress" style={{ width: at(timeHours) }} />
        {protocol.ketamine.map((dose, i) => (
          <div key={`k${i}`} className="timeline-event ketamine" style={{ left: at(dose.timeHours) }} title={`Ketamine ${dose.doseMgPerKg} mg/kg`} />
        ))}
        {protocol.ablations.map((ablation, i) => (
          <div key={`a${i}`} className="timeline-event ablation" style={{ left: at(ablation.timeHours) }} title="New spines deleted with light" />
        ))}
        <div className="timeline-now" style={{ left: at(timeHours) }} />
      </div>
      <div className="timeline-labels" aria-hidden="true">
        <span>day 0</span>
        {protocol.stress.length > 0 && <span className="timeline-label-stress">stress</span>}
        {protocol.ketamine.length > 0 && <span className="timeline-label-ketamine">ketamine</span>}
        <span>day {days}</span>
      </div>
    </div>
  );
}
