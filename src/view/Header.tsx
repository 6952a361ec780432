import { phaseLabel } from '../model/phaseLabel';
import type { AppStore } from '../state/appState';
import { formatClock } from '../state/formatClock';
import { useStore } from '../state/useStore';
import { Timeline } from './Timeline';

/** Title, the simulated clock with the experiment's phase, the protocol timeline and the projector switch. */
export function Header({ store, onProjector, onSeek }: { store: AppStore; onProjector: (on: boolean) => void; onSeek?: (hours: number) => void }) {
  const timeHours = useStore(store, (s) => s.clock.timeHours);
  const protocol = useStore(store, (s) => s.scene?.protocol ?? null);
  const projector = useStore(store, (s) => s.projector);
  const phase = protocol ? phaseLabel(protocol, timeHours) : null;
  return (
    <header className="header">
      <div className="brand">
        <h1>SpineLab</h1>
        <p className="tagline">Dendritic spines under chronic stress and ketamine</p>
      </div>
      <div className="clock" data-testid="sim-clock" data-hours={timeHours} aria-live="off">
        <span className="clock-time">{formatClock(timeHours)}</span>
        {phase && <span className={`phase phase-${phase.kind}`}>{phase.text}</span>}
      </div>
      {protocol && <Timeline protocol={protocol} timeHours={timeHours} onSeek={onSeek} />}
      <label className="switch">
        <input type="checkbox" checked={projector} onChange={(e) => onProjector(e.target.checked)} data-testid="projector-toggle" />
        <span>Projector mode</span>
      </label>
    </header>
  );
}
