import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';

/**
 * Shown instead of the messages once the simulation could not be restarted: what happened, and the two
 * things that help. The run controls are disabled meanwhile, so none of them seems to work and does not.
 */
export function FailurePanel({ store, client }: { store: AppStore; client: SimulationClient }) {
  const playback = useStore(store, (s) => s.playback);
  if (playback.kind !== 'failed') return null;
  return (
    <section className="failure-banner" role="alert" data-testid="failure" aria-labelledby="failure-title">
      <p>
        <strong id="failure-title">The simulation stopped and could not be restarted</strong> ({playback.reason}). The controls are off until it runs
        again.
      </p>
      <p className="failure-help">
        <em>Reload</em> starts again from the scenario, seed and speed in the address bar. <em>Reset</em> starts a new run here from day 0, with the procedural neurons and
        the default parameters.
      </p>
      <div className="button-row">
        <button type="button" className="primary" data-testid="failure-reload" onClick={() => window.location.reload()}>
          Reload the page
        </button>
        <button type="button" data-testid="failure-reset" onClick={() => client.startAfresh()}>
          Reset
        </button>
      </div>
    </section>
  );
}
