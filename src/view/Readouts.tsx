import type { AppStore } from '../state/appState';
import { useStore } from '../state/useStore';

/** The numbers behind the picture: spines visible to the microscope, and the behaviour index. */
export function Readouts({ store }: { store: AppStore }) {
  const visible = useStore(store, (s) => s.clock.visibleSpines);
  const live = useStore(store, (s) => s.clock.liveSpines);
  const escape = useStore(store, (s) => s.clock.escapeIndex);
  const session = useStore(store, (s) => s.series.sessions.at(-1) ?? null);
  return (
    <section className="panel readouts" aria-label="Readouts">
      <div className="readout" data-testid="visible-spines" data-value={visible}>
        <span className="readout-value">{visible.toLocaleString('en')}</span>
        <span className="readout-label">spines visible now, all dendrites</span>
        <span className="readout-detail">{(live - visible).toLocaleString('en')} more too small to see</span>
      </div>
      {session && (
        <div className="readout" data-testid="imaged-visible-spines" data-value={session.visibleSpines}>
          <span className="readout-value">{session.visibleSpines.toLocaleString('en')}</span>
          <span className="readout-label">visible spines, imaged tuft</span>
          <span className="readout-detail">scored at the last imaging session (day {(session.timeHours / 24).toFixed(session.timeHours % 24 ? 2 : 0)}), as the charts and the CLI's visibleSpines count them</span>
        </div>
      )}
      <div className="readout" data-testid="escape-index" data-value={escape}>
        <span className="readout-value">{escape.toFixed(2)}</span>
        <span className="readout-label">escape behaviour</span>
        <span className="readout-detail">1 = healthy mice keep trying to escape; lower = giving up</span>
      </div>
    </section>
  );
}
