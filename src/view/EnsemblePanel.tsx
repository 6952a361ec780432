import { useState } from 'react';
import { isScenarioName, scenarioProtocol, scenarioText } from '../model/scenarios';
import type { AppStore } from '../state/appState';
import type { EnsembleClient } from '../state/EnsembleClient';
import {
  conditionCommand,
  conditionCsv,
  conditionJson,
  formatOverrides,
  MAX_CONDITIONS,
  MAX_REPLICATES,
  MIN_CONDITIONS,
  parseOverrides,
  protocolFileName,
  type ConditionForm,
  type EnsembleRequest,
} from '../state/ensembleRequest';
import { useStore } from '../state/useStore';
import { downloadText } from './downloadText';
import { EnsembleCharts } from './EnsembleCharts';
import { ScenarioOptions } from './ScenarioPicker';

function problemOf(text: string): string | null {
  try {
    parseOverrides(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function formatSeconds(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/**
 * Conditions side by side: 2–4 named conditions (a preset and parameter overrides), N replicates each on
 * the same seeds, run in a worker pool off the page's main thread, with progress, time left and cancel.
 * Each condition's readouts export in the CLI's CSV and JSON, with the command that reproduces them.
 */
export function EnsemblePanel({ store, ensemble }: { store: AppStore; ensemble: EnsembleClient }) {
  const status = useStore(ensemble.store, (s) => s.status);
  const neuronCount = useStore(store, (s) => s.neuronCount);
  const pageProtocol = useStore(store, (s) => s.protocol);
  const form = useStore(ensemble.store, (s) => s.form);
  const { conditions, replicatesText, seedText } = form;
  const setConditions = (change: (list: readonly ConditionForm[]) => readonly ConditionForm[]) => ensemble.setForm({ ...form, conditions: change(conditions) });
  const setReplicatesText = (text: string) => ensemble.setForm({ ...form, replicatesText: text });
  const setSeedText = (text: string) => ensemble.setForm({ ...form, seedText: text });
  const [copied, setCopied] = useState<string | null>(null);

  const replicates = Number(replicatesText);
  const seed = Number(seedText);
  const replicatesProblem = /^\d+$/.test(replicatesText) && replicates >= 1 && replicates <= MAX_REPLICATES ? null : `Replicates per condition must be a whole number from 1 to ${MAX_REPLICATES}.`;
  const seedProblem = /^\d{1,9}$/.test(seedText) ? null : 'The first seed must be a whole number (0 to 999999999); replicate k uses seed + k.';
  const conditionProblems = conditions.map((c) => problemOf(c.overridesText));
  const nameProblem = conditions.some((c) => c.name.trim() === '') ? 'Every condition needs a name (it labels the charts and the files).' : null;
  const sourceProblem = conditions.some((c) => c.source === 'page') && !pageProtocol ? 'A condition uses the protocol from the editor, but the page runs a preset: run the edited protocol in the page first.' : null;
  const runnable = !replicatesProblem && !seedProblem && !nameProblem && !sourceProblem && conditionProblems.every((p) => p === null);
  const running = status.kind === 'running';

  const update = (index: number, change: Partial<ConditionForm>) => setConditions((list) => list.map((c, i) => (i === index ? { ...c, ...change } : c)));
  const request = (): EnsembleRequest => ({
    conditions: conditions.map((c) => ({
      name: c.name.trim(),
      scenario: c.source === 'page' ? null : c.source,
      protocol: c.source === 'page' ? pageProtocol! : scenarioProtocol(c.source, neuronCount),
      parameters: parseOverrides(c.overridesText),
    })),
    replicates,
    seed,
  });
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(text);
    } catch {
      setCopied(null);
      window.prompt('Copy the command:', text);
    }
  };

  return (
    <section className="panel ensemble" aria-label="Ensembles and conditions" data-testid="ensemble-panel">
      <h2>Conditions and replicates</h2>
      <p className="hint">Every condition runs on the same seeds, so differences come from the condition. Charts show the mean and its 95 % band.</p>
      <fieldset className="ensemble-conditions" disabled={running}>
        {conditions.map((condition, index) => (
          <div className="ensemble-condition" key={index} data-testid={`condition-${index}`}>
            <label className="field">
              <span>Name</span>
              <input type="text" value={condition.name} maxLength={40} onChange={(e) => update(index, { name: e.target.value })} data-testid={`condition-name-${index}`} />
            </label>
            <label className="field">
              <span>Protocol</span>
              <select
                value={condition.source}
                onChange={(e) => (e.target.value === 'page' || isScenarioName(e.target.value)) && update(index, { source: e.target.value })}
                data-testid={`condition-scenario-${index}`}
              >
                <ScenarioOptions />
                <option value="page" disabled={!pageProtocol}>
                  {pageProtocol ? `From the editor: ${pageProtocol.name}` : 'From the editor (run one in the page first)'}
                </option>
              </select>
            </label>
            <label className="field stacked">
              <span>Parameters changed (name=value, …)</span>
              <input
                type="text"
                value={condition.overridesText}
                placeholder="e.g. detectionThresholdUm3=0.06"
                onChange={(e) => update(index, { overridesText: e.target.value })}
                aria-invalid={conditionProblems[index] !== null}
                data-testid={`condition-parameters-${index}`}
              />
            </label>
            {conditionProblems[index] && <p className="problem">{conditionProblems[index]}</p>}
            {conditions.length > MIN_CONDITIONS && (
              <button type="button" onClick={() => setConditions((list) => list.filter((_, i) => i !== index))}>
                Remove “{condition.name}”
              </button>
            )}
          </div>
        ))}
        {conditions.length < MAX_CONDITIONS && (
          <button type="button" onClick={() => setConditions((list) => [...list, { name: `condition ${list.length + 1}`, source: 'control', overridesText: '' }])}>
            + Add a condition
          </button>
        )}
        <div className="ensemble-numbers">
          <label className="field">
            <span>Replicates each</span>
            <input type="text" inputMode="numeric" size={4} value={replicatesText} onChange={(e) => setReplicatesText(e.target.value.trim())} aria-invalid={replicatesProblem !== null} data-testid="ensemble-replicates" />
          </label>
          <label className="field">
            <span>First seed</span>
            <input type="text" inputMode="numeric" size={6} value={seedText} onChange={(e) => setSeedText(e.target.value.trim())} aria-invalid={seedProblem !== null} data-testid="ensemble-seed" />
          </label>
        </div>
        {[replicatesProblem, seedProblem, nameProblem, sourceProblem].filter(Boolean).map((problem) => (
          <p className="problem" key={problem}>
            {problem}
          </p>
        ))}
      </fieldset>
      <div className="button-row">
        {running ? (
          <button type="button" onClick={() => ensemble.cancel()} data-testid="ensemble-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" disabled={!runnable} onClick={() => void ensemble.run(request())} data-testid="ensemble-run">
            Run {conditions.length * (replicatesProblem ? 0 : replicates)} replicates
          </button>
        )}
      </div>
      {status.kind === 'running' && (
        <div className="ensemble-progress" data-testid="ensemble-progress">
          <progress value={status.progress.done} max={status.progress.total} />
          <span>
            {status.progress.done} / {status.progress.total} replicates
            {status.progress.remainingMs !== null ? ` · about ${formatSeconds(status.progress.remainingMs)} left` : ''} ·{' '}
            {status.workers < status.size ? `${status.workers} of ${status.size} workers while the clock plays (one core is left to the page)` : `${status.workers} worker${status.workers === 1 ? '' : 's'}`}
          </span>
        </div>
      )}
      {status.kind === 'cancelled' && <p className="hint">Cancelled; nothing was kept.</p>}
      {status.kind === 'failed' && <p className="problem">The ensemble stopped: {status.message}</p>}
      {status.kind === 'done' && (
        <div className="ensemble-results" data-testid="ensemble-done" data-seconds={status.seconds}>
          <p className="hint">
            {status.request.conditions.length * status.request.replicates} replicates in {status.seconds.toFixed(1)} s. Exports are the CLI's, value for value:
          </p>
          {status.request.conditions.map((condition, c) => {
            const results = status.results[c];
            const base = condition.name.replace(/[^A-Za-z0-9_-]+/g, '-');
            const command = conditionCommand(status.request, condition);
            return (
              <div className="ensemble-export" key={c}>
                <strong>{condition.name}</strong>
                {Object.keys(condition.parameters).length > 0 && <span className="hint inline"> ({formatOverrides(condition.parameters)})</span>}
                <div className="button-row">
                  <button type="button" data-testid={`export-csv-${c}`} onClick={() => downloadText(`${base}.csv`, conditionCsv(status.request, condition, results), 'text/csv')}>
                    CSV
                  </button>
                  <button type="button" data-testid={`export-json-${c}`} onClick={() => downloadText(`${base}.json`, conditionJson(status.request, condition, results), 'application/json')}>
                    JSON
                  </button>
                  <button
                    type="button"
                    data-testid={`export-protocol-${c}`}
                    onClick={() => downloadText(protocolFileName(condition), `${JSON.stringify(condition.protocol, null, 2)}\n`, 'application/json')}
                  >
                    Protocol
                  </button>
                  <button type="button" data-testid={`copy-command-${c}`} title={command} onClick={() => void copy(command)}>
                    {copied === command ? 'Copied' : 'Copy command'}
                  </button>
                </div>
              </div>
            );
          })}
          <EnsembleCharts ensemble={ensemble} />
        </div>
      )}
    </section>
  );
}
