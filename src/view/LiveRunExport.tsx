import { useState } from 'react';
import type { AppStore } from '../state/appState';
import type { LiveRunExport as Export } from '../state/liveRunExport';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { downloadText } from './downloadText';

/**
 * "Export this run": the live run's imaging readouts and behaviour in the CLI's CSV or JSON, with its
 * provenance (model version, seed, protocol, parameters and any mid-run parameter changes), the protocol
 * file and the `npm run sim` command that reproduces it, or what the command cannot reproduce. The run is
 * scored over its whole protocol (a copy finishes it in the worker), as the CLI scores a run.
 */
export function LiveRunExport({ store, client }: { store: AppStore; client: SimulationClient }) {
  const seed = useStore(store, (s) => s.seed);
  const protocolName = useStore(store, (s) => s.scene?.protocol.name ?? null);
  const changes = useStore(store, (s) => s.parameterChanges.length);
  const [busy, setBusy] = useState(false);
  const [latest, setLatest] = useState<Export | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // What the panel shows (the command, the protocol file, a problem) belongs to one run: a new run (scenario,
  // seed, protocol, neurons, parameters) or a change of parameters during it clears it, before it is drawn.
  const scene = useStore(store, (s) => s.scene);
  const [shownFor, setShownFor] = useState({ scene, changes });
  if (shownFor.scene !== scene || shownFor.changes !== changes) {
    setShownFor({ scene, changes });
    setLatest(null);
    setProblem(null);
    setCopied(false);
  }
  const base = `spinelab-${(protocolName ?? 'run').replace(/[^A-Za-z0-9_-]+/g, '-')}-seed${seed.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

  const withExport = async (use: (made: Export) => void) => {
    setBusy(true);
    setProblem(null);
    setCopied(false);
    const forScene = store.getState().scene;
    try {
      const made = await client.exportRun();
      if (!made || store.getState().scene !== forScene) {
        setProblem('The run changed or the simulation is restarting; try again in a moment.');
        return;
      }
      setLatest(made);
      use(made);
    } catch (error) {
      setProblem(`The run could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const copy = (made: Export) => {
    if (!made.command) return;
    navigator.clipboard.writeText(made.command).then(
      () => setCopied(true),
      () => window.prompt('Copy the command:', made.command ?? ''),
    );
  };

  return (
    <section className="panel run-export" aria-label="Export this run" data-testid="run-export">
      <h2>Export this run</h2>
      <p className="hint">
        The imaging readouts and behaviour of this run over its whole protocol, in the CLI’s CSV or JSON with its provenance
        {changes > 0 ? `, including the ${changes} parameter change${changes === 1 ? '' : 's'} made during the run` : ''}.
      </p>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void withExport((made) => downloadText(`${base}.csv`, made.csv, 'text/csv'))} data-testid="export-run-csv">
          CSV
        </button>
        <button type="button" disabled={busy} onClick={() => void withExport((made) => downloadText(`${base}.json`, made.json, 'application/json'))} data-testid="export-run-json">
          JSON
        </button>
        <button type="button" disabled={busy} onClick={() => void withExport(copy)} data-testid="copy-run-command">
          {copied ? 'Copied' : 'Copy command'}
        </button>
        {latest?.protocolFile && (
          <button type="button" onClick={() => latest.protocolFile && downloadText(latest.protocolFile.name, latest.protocolFile.text, 'application/json')} data-testid="export-run-protocol">
            Protocol
          </button>
        )}
      </div>
      {busy && <p className="hint">Scoring the whole run…</p>}
      {problem && <p className="problem">{problem}</p>}
      {latest && (
        <div className="hint" data-testid="run-export-command">
          {latest.command ? <code className="command">{latest.command}</code> : null}
          {latest.protocolFile && <p>
              The command reads the protocol file that <em>Protocol</em> saves ({latest.protocolFile.name}).
            </p>}
          {latest.caveats.map((caveat) => (
            <p key={caveat} className="caveat">
              {caveat}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
