import type { SweepResult } from '../../sweep/sweepResult';
import { formatLevel, gridTable, viridisColour } from './gridTable';

const WIDTH = 340;
const LEFT = 64;
const TOP = 8;

/** A grid sweep's readout over two factors (the mean over any others), coloured on one scale with a key. */
export function GridHeatMap({ result, readout, x, y }: { result: SweepResult; readout: string; x: string; y: string | null }) {
  const table = gridTable(result, readout, x, y);
  const columns = table.xLevels.length;
  const rows = table.yLevels.length;
  const cellWidth = (WIDTH - LEFT - 4) / columns;
  const cellHeight = Math.min(36, Math.max(14, cellWidth * 0.7));
  const height = TOP + rows * cellHeight + 56;
  const span = table.max - table.min;
  const t = (v: number) => (span > 0 ? (v - table.min) / span : 0.5);
  const labelled = columns <= 8 && cellHeight >= 18;
  return (
    <figure className="heat-map">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${readout} over ${x}${y ? ` and ${y}` : ''}`} data-testid="heat-map">
        {table.cells.map((row, r) => (
          <g key={r}>
            <text x={LEFT - 6} y={TOP + (r + 0.5) * cellHeight} className="axis-label" textAnchor="end" dominantBaseline="middle">{y ? formatLevel(table.yLevels[r]) : ''}</text>
            {row.map((value, c) => (
              <g key={c} data-testid="heat-cell" data-x={String(table.xLevels[c])} data-y={y ? String(table.yLevels[r]) : ''} data-value={value ?? ''}>
                <rect x={LEFT + c * cellWidth} y={TOP + r * cellHeight} width={cellWidth - 1} height={cellHeight - 1} fill={value === null ? 'none' : viridisColour(t(value))} className={value === null ? 'empty' : undefined}>
                  <title>{`${x} = ${formatLevel(table.xLevels[c])}${y ? `, ${y} = ${formatLevel(table.yLevels[r])}` : ''}: ${formatLevel(value)}`}</title>
                </rect>
                {labelled && value !== null && (
                  <text x={LEFT + (c + 0.5) * cellWidth} y={TOP + (r + 0.5) * cellHeight} className={`cell-label${t(value) > 0.6 ? ' dark' : ''}`} textAnchor="middle" dominantBaseline="middle">{formatLevel(value)}</text>
                )}
              </g>
            ))}
          </g>
        ))}
        {table.xLevels.map((level, c) => (
          <text key={c} x={LEFT + (c + 0.5) * cellWidth} y={TOP + rows * cellHeight + 12} className="axis-label" textAnchor="middle">{formatLevel(level)}</text>
        ))}
        <text x={LEFT + (WIDTH - LEFT) / 2} y={TOP + rows * cellHeight + 26} className="axis-title" textAnchor="middle">{x}</text>
        {y && <text x={10} y={TOP + (rows * cellHeight) / 2} className="axis-title" textAnchor="middle" transform={`rotate(-90 10 ${TOP + (rows * cellHeight) / 2})`}>{y}</text>}
        <defs>
          <linearGradient id="heat-key">
            {[0, 0.25, 0.5, 0.75, 1].map((s) => <stop key={s} offset={s} stopColor={viridisColour(s)} />)}
          </linearGradient>
        </defs>
        <rect x={LEFT} y={height - 20} width={WIDTH - LEFT - 4} height={8} fill="url(#heat-key)" />
        <text x={LEFT - 6} y={height - 14} className="axis-label" textAnchor="end" dominantBaseline="middle">{formatLevel(table.min)}</text>
        <text x={WIDTH - 4} y={height - 26} className="axis-label" textAnchor="end">{formatLevel(table.max)}</text>
      </svg>
    </figure>
  );
}
