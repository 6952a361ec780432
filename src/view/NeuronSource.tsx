import { useEffect, useState } from 'react';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { downloadBlob } from './downloadBlob';

/** Largest SWC file accepted (a large whole-brain reconstruction is a few MB). */
const MAX_SWC_BYTES = 20 * 1024 * 1024;

/** Which neurons spines grow on: the procedural ones, or a reconstruction loaded from an SWC file. */
export function NeuronSource({ store, client }: { store: AppStore; client: SimulationClient }) {
  const swc = useStore(store, (s) => s.swc);
  const scene = useStore(store, (s) => s.scene);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_SWC_BYTES) {
      setProblem(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the limit is ${MAX_SWC_BYTES / 1024 / 1024} MB.`);
      return;
    }
    setBusy(true);
    try {
      setProblem(await client.loadSwc(file.name, await file.text()));
    } catch (error) {
      setProblem(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  // A file dropped anywhere on the page is read like a picked one.
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      void load(event.dataTransfer?.files[0]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });
  const exportSpines = async () => {
    let exported: Awaited<ReturnType<SimulationClient['exportSpines']>> = null;
    try {
      exported = await client.exportSpines();
    } catch {
      // The worker restarted mid-request.
    }
    if (!exported) {
      setProblem('The export could not be made while the simulation restarts; try again in a moment.');
      return;
    }
    downloadBlob(new Blob([exported.json], { type: 'application/json' }), exported.fileName);
  };
  const count = scene?.neurons.length ?? 0;
  return (
    <section className="panel neuron-source" aria-label="Neurons">
      <h2>Neurons</h2>
      <p className="hint" data-testid="neuron-source">
        {swc && scene?.imported
          ? `Reconstruction: ${scene.imported.name} (${scene.imported.sampleCount.toLocaleString('en')} samples)`
          : `${count} procedural layer 5 pyramidal ${count === 1 ? 'neuron' : 'neurons'}`}
      </p>
      <div className="button-row">
        <label className="file-button">
          <input type="file" accept=".swc,.SWC,text/plain" data-testid="swc-input" disabled={busy} onChange={(e) => void load(e.target.files?.[0])} />
          <span>{busy ? 'Reading…' : 'Load a reconstruction (SWC)…'}</span>
        </label>
        {swc && (
          <button type="button" onClick={() => client.useProceduralNeurons()}>
            Back to procedural neurons
          </button>
        )}
        <button type="button" data-testid="export-spines" onClick={() => void exportSpines()} title="The neuron and every spine now (positions, sizes, cohorts) as JSON, for analysis elsewhere">
          Export spines (JSON)
        </button>
      </div>
      <p className="hint">or drop an SWC file anywhere on the page</p>
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          Drop the SWC file to grow spines on it
        </div>
      )}
      {problem && (
        <p className="problem" role="alert" data-testid="swc-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
