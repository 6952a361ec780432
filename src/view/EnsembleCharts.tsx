import type { EnsembleClient } from '../state/EnsembleClient';
import type { ConditionBands, MeanBand } from '../state/ensembleRequest';
import { useStore } from '../state/useStore';
import { downloadText } from './downloadText';
import { okabeIto } from './palette';

/** One colour per condition, distinguishable with the common forms of colour blindness (Okabe–Ito). */
const CONDITION_COLOURS = [okabeIto.blue, okabeIto.vermillion, okabeIto.bluishGreen, okabeIto.orange];
const WIDTH = 420;
const HEIGHT = 170;
const MARGIN = { left: 44, right: 10, top: 10, bottom: 26 };

interface Curve {
  readonly name: string;
  readonly colour: string;
  readonly points: readonly MeanBand[];
}

function niceTicks(low: number, high: number, count: number): number[] {
  const step = 10 ** Math.floor(Math.log10((high - low) / count || 1));
  const size = [1, 2, 5, 10].map((m) => m * step).find((s) => (high - low) / s <= count) ?? step * 10;
  const ticks: number[] = [];
  for (let v = Math.ceil(low / size) * size; v <= high + 1e-9; v += size) ticks.push(Number(v.toPrecision(6)));
  return ticks;
}

/** One chart: each condition's mean as a line over its 95 % band; hover a point for its values. */
function BandChart({ id, title, unit, curves, digits }: { id: string; title: string; unit: string; curves: readonly Curve[]; digits: number }) {
  const all = curves.flatMap((c) => c.points);
  const days = all.map((p) => p.timeHours / 24);
  const x0 = Math.min(...days);
  const x1 = Math.max(...days, x0 + 1);
  const lows = all.map((p) => p.low).filter(Number.isFinite);
  const highs = all.map((p) => p.high).filter(Number.isFinite);
  const pad = (Math.max(...highs) - Math.min(...lows)) * 0.08 || 0.05;
  const y0 = Math.min(...lows) - pad;
  const y1 = Math.max(...highs) + pad;
  const x = (day: number) => MARGIN.left + ((day - x0) / (x1 - x0)) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (value: number) => HEIGHT - MARGIN.bottom - ((value - y0) / (y1 - y0)) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const path = (points: readonly MeanBand[], pick: (p: MeanBand) => number) => points.map((p, i) => `${i ? 'L' : 'M'}${x(p.timeHours / 24).toFixed(1)},${y(pick(p)).toFixed(1)}`).join('');
  const svgId = `ensemble-${id}`;
  const exportSvg = () => {
    const svg = document.getElementById(svgId);
    if (svg) downloadText(`${id}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`, 'image/svg+xml');
  };
  return (
    <figure className="chart ensemble-chart" data-testid={`ensemble-chart-${id}`}>
      <figcaption>
        <strong>{title}</strong> <span className="detail">{unit}; mean and 95 % band</span>
        <span className="chart-key">
          {curves.map((c) => (
            <span key={c.name} className="chart-key-item">
              <span className="chart-key-line" style={{ borderColor: c.colour }} />
              {c.name}
            </span>
          ))}
        </span>
        <button type="button" className="link-button" onClick={exportSvg}>
          SVG
        </button>
      </figcaption>
      <svg id={svgId} xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="ensemble-svg" role="img" aria-label={`${title}, mean and 95 % band per condition`}>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#ffffff" />
        {niceTicks(y0, y1, 4).map((v) => (
          <g key={`y${v}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(v)} y2={y(v)} stroke="#dddddd" />
            <text x={MARGIN.left - 4} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#333333">
              {v}
            </text>
          </g>
        ))}
        {niceTicks(x0, x1, 6).map((d) => (
          <text key={`x${d}`} x={x(d)} y={HEIGHT - 8} textAnchor="middle" fontSize="10" fill="#333333">
            day {d}
          </text>
        ))}
        {curves.map((c) => (
          <g key={c.name}>
            <path d={`${path(c.points, (p) => p.high)}${path([...c.points].reverse(), (p) => p.low).replace(/^M/, 'L')}Z`} fill={c.colour} fillOpacity="0.18" stroke="none" />
            <path d={path(c.points, (p) => p.mean)} fill="none" stroke={c.colour} strokeWidth="2" />
            {c.points.map((p) => (
              <circle key={p.timeHours} cx={x(p.timeHours / 24)} cy={y(p.mean)} r="3" fill={c.colour}>
                <title>{`${c.name}, day ${(p.timeHours / 24).toFixed(2)}: ${p.mean.toFixed(digits)} (95 % ${p.low.toFixed(digits)}–${p.high.toFixed(digits)})`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** The finished ensemble's charts: every condition overlaid, under the names the user gave. */
export function EnsembleCharts({ ensemble }: { ensemble: EnsembleClient }) {
  const status = useStore(ensemble.store, (s) => s.status);
  if (status.kind !== 'done') return null;
  const curves = (pick: (b: ConditionBands) => readonly MeanBand[]): Curve[] =>
    status.request.conditions.map((condition, c) => ({ name: condition.name, colour: CONDITION_COLOURS[c % CONDITION_COLOURS.length], points: pick(status.bands[c]) }));
  return (
    <section className="ensemble-charts" aria-label="Ensemble charts" data-testid="ensemble-charts">
      <BandChart id="visible-density" title="Visible spine density" unit="visible spines per µm of imaged tuft" curves={curves((b) => b.density)} digits={3} />
      <BandChart id="escape" title="Escape behaviour" unit="index, 0–1" curves={curves((b) => b.escape)} digits={2} />
    </section>
  );
}
