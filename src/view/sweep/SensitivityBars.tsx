import type { MorrisIndex } from '../../sweep/morris';
import type { SobolIndex } from '../../sweep/sobol';
import { formatLevel } from './gridTable';

const WIDTH = 340;
const LABEL = 140;
const PAD = 12;
const BAR = WIDTH - LABEL - PAD;

interface Bar {
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly className: string;
  readonly label: string;
}

interface Row {
  readonly factor: string;
  readonly bars: readonly Bar[];
  /** Morris σ, drawn as a diamond. */
  readonly marker?: number | null;
}

/**
 * Horizontal bars, one row per factor, most influential first: Morris μ* with its bootstrap interval and σ,
 * or Sobol S1 and ST with theirs.
 */
export function SensitivityBars({ morris, sobol, confidence }: { morris?: readonly MorrisIndex[]; sobol?: readonly SobolIndex[]; confidence: number }) {
  const rows: Row[] = morris
    ? [...morris].sort((a, b) => (b.muStar ?? -1) - (a.muStar ?? -1)).map((x) => ({ factor: x.factor, bars: [{ value: x.muStar, low: x.muStarLow, high: x.muStarHigh, className: 'bar-primary', label: 'μ*' }], marker: x.sigma }))
    : [...(sobol ?? [])].sort((a, b) => (b.ST ?? -1) - (a.ST ?? -1)).map((x) => ({ factor: x.factor, bars: [
      { value: x.S1, low: x.S1Low, high: x.S1High, className: 'bar-primary', label: 'S1' },
      { value: x.ST, low: x.STLow, high: x.STHigh, className: 'bar-secondary', label: 'ST' },
    ] }));
  const numbers = rows.flatMap((r) => [...r.bars.flatMap((b) => [b.value, b.high]), r.marker ?? null]).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(sobol ? 1 : 0, ...numbers, 1e-12);
  const scale = (v: number) => (Math.max(0, v) / top) * BAR;
  const rowHeight = sobol ? 26 : 18;
  const height = rows.length * rowHeight + 30;
  const percent = Math.round(confidence * 100);
  return (
    <figure className="sensitivity">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={morris ? 'Morris μ* per factor' : 'Sobol indices per factor'} data-testid="sensitivity-chart">
        {rows.map((row, r) => {
          const y = r * rowHeight + 4;
          const barHeight = (rowHeight - 6) / row.bars.length;
          return (
            <g key={row.factor} data-testid="sensitivity-row" data-factor={row.factor}>
              <text x={LABEL - 6} y={y + (rowHeight - 6) / 2} className="axis-label" textAnchor="end" dominantBaseline="middle">
                <title>{row.factor}</title>
                {row.factor.length > 20 ? `${row.factor.slice(0, 19)}…` : row.factor}
              </text>
              {row.bars.map((bar, b) => {
                const top = y + b * barHeight;
                return (
                  <g key={bar.label} data-testid="sensitivity-bar" data-kind={bar.label} data-value={bar.value ?? ''}>
                    <title>{`${row.factor}: ${bar.label} = ${formatLevel(bar.value)} (${percent} % interval ${formatLevel(bar.low)} to ${formatLevel(bar.high)})`}</title>
                    <rect className={bar.className} x={LABEL} y={top} width={bar.value === null ? 0 : scale(bar.value)} height={barHeight - 1} />
                    {bar.low !== null && bar.high !== null && (
                      <line className="whisker" x1={LABEL + scale(bar.low)} x2={LABEL + scale(bar.high)} y1={top + (barHeight - 1) / 2} y2={top + (barHeight - 1) / 2} />
                    )}
                  </g>
                );
              })}
              {row.marker !== undefined && row.marker !== null && (
                <path className="marker" d={`M ${LABEL + scale(row.marker)} ${y} l 4 ${(rowHeight - 6) / 2} l -4 ${(rowHeight - 6) / 2} l -4 ${-(rowHeight - 6) / 2} z`} data-testid="sigma-marker">
                  <title>{`${row.factor}: σ = ${formatLevel(row.marker)}`}</title>
                </path>
              )}
            </g>
          );
        })}
        <line className="axis" x1={LABEL} x2={LABEL + BAR} y1={height - 24} y2={height - 24} />
        {[0, 0.5, 1].map((f) => (
          <text key={f} x={LABEL + f * BAR} y={height - 10} className="axis-label" textAnchor={f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}>{formatLevel(f * top)}</text>
        ))}
      </svg>
      <figcaption className="hint">
        {morris
          ? `Bars: μ*, the mean size of a factor's effect over its whole range (readout units); lines: ${percent} % bootstrap interval; diamonds: σ, large when the effect depends on the other factors.`
          : `Bars: first-order S1 (upper) and total-order ST (lower) shares of the readout's variance; lines: ${percent} % bootstrap intervals.`}
      </figcaption>
    </figure>
  );
}
