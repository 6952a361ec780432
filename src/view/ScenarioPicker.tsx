import { isScenarioName, scenarioNames, scenarioText } from '../model/scenarios';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';

/** One option per preset, under its title, for every list that offers the presets. */
export function ScenarioOptions() {
  return (
    <>
      {scenarioNames.map((name) => (
        <option key={name} value={name}>
          {scenarioText[name].title}
        </option>
      ))}
    </>
  );
}

/** The five presets, each with what the paper found and what to watch for. */
export function ScenarioPicker({ store, client }: { store: AppStore; client: SimulationClient }) {
  const scenario = useStore(store, (s) => s.scenario);
  const projector = useStore(store, (s) => s.projector);
  const text = scenarioText[scenario];
  const description = (
    <p className="scenario-description" data-testid="scenario-description">
      {text.description}
    </p>
  );
  return (
    <section className="panel scenario" aria-label="Scenario">
      <label className="field stacked">
        <span>Scenario</span>
        <select
          value={scenario}
          data-testid="scenario-select"
          // Arrows alone never switch the scenario (and restart the run): open the list (Space, Enter or
          // Alt+↓) and confirm a choice with Enter. ← and → stay the clock's keys.
          onKeyDown={(e) => {
            if (!e.altKey && ['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) e.preventDefault();
          }}
          onChange={(e) => {
            if (isScenarioName(e.target.value)) client.setScenario(e.target.value);
          }}
        >
          <ScenarioOptions />
        </select>
      </label>
      {projector ? (
        // On a projector the picture needs the room: the explanation is one click away.
        <details className="scenario-more">
          <summary>What happens, and what to watch for</summary>
          {description}
        </details>
      ) : (
        description
      )}
    </section>
  );
}
