import { useState } from 'react';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';

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
    setProblem(await client.loadSwc(file.name, await file.text()));
    setBusy(false);
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
      </div>
      {problem && (
        <p className="problem" role="alert" data-testid="swc-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
