import { useCallback, useEffect, useState } from 'react';
import type { AppStore } from '../state/appState';
import { encodeBench } from '../state/benchLink';
import type { EnsembleClient } from '../state/EnsembleClient';
import { DEFAULT_ENSEMBLE_FORM } from '../state/ensembleRequest';
import { SAVED_RUN_FORMAT, SAVED_RUN_VERSION, savedRunLink, type SavedEntry, type SavedRuns } from '../state/savedRuns';
import { formatClock } from '../state/formatClock';
import { useStore } from '../state/useStore';

/**
 * Named runs kept in this browser (IndexedDB): save the bench as it is now (scenario, seed, protocol,
 * parameters, conditions, time), list, open and delete. An entry that cannot be read is listed with the
 * reason and can be deleted; it never hides the others.
 */
export function SavedRunsPanel({ store, ensemble, savedRuns }: { store: AppStore; ensemble?: EnsembleClient; savedRuns: SavedRuns }) {
  const timeHours = useStore(store, (s) => s.clock.timeHours);
  const [entries, setEntries] = useState<SavedEntry[] | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setEntries(await savedRuns.list());
    } catch (error) {
      setEntries([]);
      setMessage(`This browser does not let SpineLab keep runs (${error instanceof Error ? error.message : String(error)}); links still work.`);
    }
  }, [savedRuns]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const save = async () => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setMessage('Give the run a name to save it under.');
      return;
    }
    const s = store.getState();
    try {
      await savedRuns.save({
        format: SAVED_RUN_FORMAT,
        version: SAVED_RUN_VERSION,
        name: trimmed,
        savedAt: new Date().toISOString(),
        scenario: s.scenario,
        seed: s.seed,
        speedHoursPerSecond: s.speedHoursPerSecond,
        neuronCount: s.neuronCount,
        timeHours: s.clock.timeHours,
        bench: encodeBench({ protocol: s.protocol, parameters: s.parameters, ensemble: ensemble?.store.getState().form ?? DEFAULT_ENSEMBLE_FORM }),
      });
      setMessage(`Saved "${trimmed}" at ${formatClock(s.clock.timeHours)}.`);
      setName('');
    } catch (error) {
      setMessage(`"${trimmed}" could not be saved (${error instanceof Error ? error.message : String(error)}).`);
    }
    await refresh();
  };
  const remove = async (entryName: string) => {
    await savedRuns.remove(entryName);
    setMessage(`Deleted "${entryName}".`);
    await refresh();
  };
  const openRun = (entry: Extract<SavedEntry, { run: unknown }>) => {
    const base = window.location.href.split('#')[0];
    const link = savedRunLink(base, entry.run);
    // The light test view stays on for automated checks.
    window.location.assign(store.getState().testMode ? link.replace('#', '#test&') : link);
  };

  return (
    <section className="panel saved-runs" aria-label="Saved runs" data-testid="saved-runs">
      <h2>Saved runs</h2>
      <div className="button-row">
        <input type="text" value={name} maxLength={60} placeholder={`Name (now: ${formatClock(timeHours)})`} onChange={(e) => setName(e.target.value)} aria-label="Name of the run to save" data-testid="saved-run-name" />
        <button type="button" onClick={() => void save()} data-testid="saved-run-save">
          Save
        </button>
      </div>
      {message && (
        <p className="hint" role="status" data-testid="saved-run-message">
          {message}
        </p>
      )}
      <ul className="saved-run-list">
        {entries?.map((entry) =>
          'run' in entry ? (
            <li key={entry.name} data-testid="saved-run">
              <strong>{entry.name}</strong> <span className="hint inline">{entry.run.scenario}, seed {entry.run.seed}, {formatClock(entry.run.timeHours)}</span>
              <div className="button-row">
                <button type="button" onClick={() => openRun(entry)}>
                  Open
                </button>
                <button type="button" onClick={() => void remove(entry.name)}>
                  Delete
                </button>
              </div>
            </li>
          ) : (
            <li key={entry.name} data-testid="saved-run-refused">
              <p className="problem">
                “{entry.name}” cannot be opened: {entry.problem}.
              </p>
              <button type="button" onClick={() => void remove(entry.name)}>
                Delete
              </button>
            </li>
          ),
        )}
      </ul>
      {entries?.length === 0 && <p className="hint">No saved runs in this browser yet.</p>}
    </section>
  );
}
