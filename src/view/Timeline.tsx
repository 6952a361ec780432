import type { Protocol } from '../model/Protocol';

/** The protocol at a glance: stress epochs, doses, deletions, and where the clock is now. */
export function Timeline({ protocol, timeHours }: { protocol: Protocol; timeHours: number }) {
  const span = protocol.durationHours;
  const at = (hours: number) => `${(100 * Math.min(1, Math.max(0, hours / span))).toFixed(2)}%`;
  const days = Math.round(span / 24);
  return (
    <div className="timeline" aria-label={`Timeline of the experiment: ${days} days`}>
      <div className="timeline-track">
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
