import { useState } from 'react';
import { parseSweepResult, type SweepResult } from '../../sweep/sweepResult';
import { GridHeatMap } from './GridHeatMap';
import { SensitivityBars } from './SensitivityBars';
import './sweepResults.css';

/** Largest result file read (a 10⁵-point sweep's result is tens of MB). */
const MAX_RESULT_BYTES = 200 * 1024 * 1024;

interface Axes {
  readonly x: string;
  readonly y: string | null;
}

/** Puts `factor` on one axis; picking the other axis's factor swaps the two. */
function pick(axes: Axes, axis: 'x' | 'y', factor: string): Axes {
  const other = axis === 'x' ? 'y' : 'x';
  return axes[other] === factor ? ({ [axis]: factor, [other]: axes[axis] } as unknown as Axes) : { ...axes, [axis]: factor };
}

/**
 * Opens a merged sweep result (`npm run sim -- --merge … --out sweep-result.json`) and draws it: Morris and
 * Sobol sweeps as a sensitivity bar chart, grid sweeps as a heat map, for the readout picked.
 */
export default function SweepResultsView() {
  const [result, setResult] = useState<SweepResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [readout, setReadout] = useState('');
  const [axes, setAxes] = useState<Axes>({ x: '', y: null });
  const open = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_RESULT_BYTES) {
      setProblem(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the limit is ${MAX_RESULT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    try {
      const opened = parseSweepResult(await file.text());
      const factors = opened.factors.map((f) => f.name);
      setResult(opened);
      setReadout(opened.readouts[0]);
      setAxes({ x: factors[factors.length > 1 ? 1 : 0], y: factors.length > 1 ? factors[0] : null });
    } catch (error) {
      // The view keeps what it showed before, and says why this file was not opened.
      setProblem(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const factors = result?.factors.map((f) => f.name) ?? [];
  return (
    <div className="sweep-results-view">
      <label className="field stacked">
        <span>A merged sweep result (JSON)</span>
        <input type="file" accept=".json,application/json" data-testid="sweep-file" onChange={(e) => void open(e.target.files?.[0])} />
      </label>
      {problem && <p className="problem" role="alert" data-testid="sweep-problem">{problem}</p>}
      {result && (
        <>
          <p className="hint" data-testid="sweep-summary">
            <strong>{result.name}</strong>: {result.design} design, {result.points.length} points × {result.replicates} replicate{result.replicates > 1 ? 's' : ''}, model {result.model.version}
          </p>
          <label className="field">
            <span>Readout</span>
            <select value={readout} onChange={(e) => setReadout(e.target.value)} data-testid="sweep-readout">
              {result.readouts.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          {result.morris && <SensitivityBars morris={result.morris.indices[readout]} confidence={result.morris.confidence} />}
          {result.sobol && <SensitivityBars sobol={result.sobol.indices[readout]} confidence={result.sobol.confidence} />}
          {result.grid && (
            <>
              {factors.length > 1 && (
                <>
                  <label className="field">
                    <span>Across</span>
                    <select value={axes.x} onChange={(e) => setAxes(pick(axes, 'x', e.target.value))} data-testid="sweep-x">
                      {factors.map((f) => <option key={f} value={f}>{f}</option>)}
                    </select>
                  </label>
                  <label className="field">
                    <span>Down</span>
                    <select value={axes.y ?? ''} onChange={(e) => setAxes(pick(axes, 'y', e.target.value))} data-testid="sweep-y">
                      {factors.map((f) => <option key={f} value={f}>{f}</option>)}
                    </select>
                  </label>
                </>
              )}
              <GridHeatMap result={result} readout={readout} x={axes.x} y={axes.y} />
              {factors.length > 2 && <p className="hint">Each cell is the mean over the other factors’ levels.</p>}
            </>
          )}
          {!result.morris && !result.sobol && !result.grid && (
            <p className="hint">Random and Latin hypercube sweeps have no chart here; the CSV from <code>--merge … --format csv</code> holds every point.</p>
          )}
        </>
      )}
    </div>
  );
}
