import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Protocol } from '../model/Protocol';
import type { AppState, AppStore } from '../state/appState';
import { useStore } from '../state/useStore';
import { withCpuCanvases } from './cpuCanvases';
import { downloadBlob } from './downloadText';
import { paletteFor, type Palette } from './palette';

interface SeriesSpec {
  readonly label: string;
  readonly colour: (palette: Palette) => string;
  readonly dash?: number[];
}

interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly series: readonly SeriesSpec[];
  readonly range: (min: number, max: number) => [number, number];
  readonly data: (state: ReturnType<AppStore['getState']>) => uPlot.AlignedData;
}

/** Protocol events drawn on every chart's time axis. */
function protocolEvents(protocol: Protocol): { day: number; label: string }[] {
  const events: { day: number; label: string }[] = [];
  protocol.stress.forEach((epoch, i) => {
    events.push({ day: epoch.startHours / 24, label: i === 0 ? 'stress starts' : 'stress again' });
    events.push({ day: epoch.endHours / 24, label: 'stress ends' });
  });
  for (const dose of protocol.ketamine) events.push({ day: dose.timeHours / 24, label: 'ketamine' });
  for (const ablation of protocol.ablations) events.push({ day: ablation.timeHours / 24, label: 'deletion' });
  // Stress ending at the dose: one line, the dose's label.
  return events.filter((e, i) => !(e.label === 'stress ends' && events.some((o, j) => j !== i && o.label === 'ketamine' && Math.abs(o.day - e.day) < 1e-6)));
}

/**
 * A fraction scored over an imaging interval, as % per day of that interval. Intervals shrink around the
 * dose (hours instead of days): per interval, the same daily turnover would show as a dip there.
 */
function perDay(sessions: AppState['series']['sessions'], pick: (session: AppState['series']['sessions'][number]) => number | null): (number | null)[] {
  return sessions.map((session, i) => {
    const value = pick(session);
    if (value === null || i === 0) return null;
    const days = (session.timeHours - sessions[i - 1].timeHours) / 24;
    return days > 0 ? (100 * value) / days : null;
  });
}

const charts: readonly ChartSpec[] = [
  {
    id: 'density',
    title: 'Visible spine density',
    unit: 'per µm of imaged tuft, as the CLI scores visibleSpines',
    series: [{ label: 'density', colour: (p) => p.density }],
    range: (min, max) => (Number.isFinite(min) ? [Math.max(0, min - (max - min) * 0.6 - 0.02), max + (max - min) * 0.3 + 0.02] : [0, 1]),
    data: (s) => [s.series.sessions.map((p) => p.timeHours / 24), s.series.sessions.map((p) => p.densityPerUm)],
  },
  {
    id: 'turnover',
    title: 'Spines gained and lost',
    unit: '% of spines per day of each imaging interval',
    series: [
      { label: 'formed', colour: (p) => p.formation },
      { label: 'eliminated', colour: (p) => p.elimination, dash: [6, 4] },
    ],
    range: (_min, max) => [0, Math.max(10, Number.isFinite(max) ? max * 1.15 : 10)],
    data: (s) => [
      s.series.sessions.map((p) => p.timeHours / 24),
      perDay(s.series.sessions, (p) => p.formation),
      perDay(s.series.sessions, (p) => p.elimination),
    ],
  },
  {
    id: 'escape',
    title: 'Escape behaviour',
    unit: '1 = healthy, 0 = gave up',
    series: [{ label: 'escape', colour: (p) => p.escape }],
    range: () => [0, 1.05],
    data: (s) => {
      const x = s.series.behaviour.map((b) => b.timeHours / 24);
      const y: (number | null)[] = s.series.behaviour.map((b) => b.escapeIndex);
      const now = s.clock.timeHours / 24;
      if (x.length > 0 && now > x[x.length - 1]) {
        x.push(now);
        y.push(s.clock.escapeIndex);
      }
      return [x, y];
    },
  },
];

function clipToPlot(u: uPlot): void {
  u.ctx.beginPath();
  u.ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  u.ctx.clip();
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}

/** Saves the chart's canvas as a PNG file. */
function exportPng(chart: uPlot | null, id: string): void {
  chart?.ctx.canvas.toBlob((blob) => blob && downloadBlob(`${id}.png`, blob), 'image/png');
}

function TimeChart({ spec, store, protocol, palette, height }: { spec: ChartSpec; store: AppStore; protocol: Protocol; palette: Palette; height: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const hover = useRef<HTMLSpanElement>(null);
  const nowDay = useRef(0);
  /** The days the user zoomed to (dragging across the plot), kept while data arrive; null for the whole run. */
  const zoom = useRef<[number, number] | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const changeDays = useRef<number[]>([]);
  const events = useMemo(() => protocolEvents(protocol), [protocol]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const durationDays = protocol.durationHours / 24;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: false },
      // Hover shows the values; dragging across the plot zooms the time axis ("Whole run" shows it all).
      cursor: { show: true, x: true, y: false, points: { show: false }, drag: { x: true, y: false, setScale: true } },
      scales: {
        // Not auto-ranged: the whole run unless the user zoomed (new data never move it).
        x: { time: false, auto: false, min: 0, max: durationDays, range: (_u, min, max) => [min, max] },
        y: { range: (_u, min, max) => spec.range(min, max) },
      },
      axes: [
        { stroke: palette.chartText, grid: { stroke: palette.chartGrid, width: 1 }, ticks: { stroke: palette.chartGrid }, font: palette.chartFont, values: (_u, splits) => splits.map((v) => `${v}`), label: 'day', labelFont: palette.chartFont, labelSize: 18, size: 30 },
        { stroke: palette.chartText, grid: { stroke: palette.chartGrid, width: 1 }, ticks: { stroke: palette.chartGrid }, font: palette.chartFont, size: palette.chartLineWidth > 3 ? 64 : 46 },
      ],
      series: [
        {},
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.colour(palette),
          width: palette.chartLineWidth,
          dash: s.dash,
          spanGaps: true,
          points: { show: true, size: palette.chartLineWidth * 2 + 2, fill: s.colour(palette), stroke: s.colour(palette) },
        })),
      ],
      hooks: {
        setCursor: [
          (u) => {
            const index = u.cursor.idx;
            if (!hover.current) return;
            if (index === null || index === undefined) {
              hover.current.textContent = '';
              return;
            }
            const day = u.data[0][index];
            const values = spec.series.map((series, k) => {
              const value = u.data[k + 1][index];
              return value === null || value === undefined ? null : `${series.label} ${formatValue(value)}`;
            });
            hover.current.textContent = `day ${formatValue(day)}: ${values.filter(Boolean).join(', ') || 'no value'}`;
          },
        ],
        setScale: [
          (u, key) => {
            if (key !== 'x') return;
            const { min, max } = u.scales.x;
            const whole = min === undefined || max === undefined || (min <= 1e-9 && max >= durationDays - 1e-9);
            zoom.current = whole ? null : [min, max];
            setZoomed(!whole);
          },
        ],
        drawClear: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            clipToPlot(u);
            ctx.fillStyle = palette.stressBand;
            for (const epoch of protocol.stress) {
              const x0 = u.valToPos(epoch.startHours / 24, 'x', true);
              const x1 = u.valToPos(epoch.endHours / 24, 'x', true);
              ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
            }
            ctx.restore();
          },
        ],
        draw: [
          (u) => {
            const ctx = u.ctx;
            const ratio = devicePixelRatio || 1;
            ctx.save();
            // Zoomed in, lines and labels outside the shown days stay off the axes.
            clipToPlot(u);
            ctx.strokeStyle = palette.eventLine;
            ctx.fillStyle = palette.chartText;
            ctx.lineWidth = Math.max(1, palette.chartLineWidth / 2) * ratio;
            ctx.font = palette.chartFont.replace(/(\d+)px/, (_m, px) => `${Math.round(Number(px) * ratio * 0.9)}px`);
            ctx.textAlign = 'left';
            ctx.textBaseline = 'alphabetic';
            ctx.setLineDash([4 * ratio, 3 * ratio]);
            events.forEach((event, i) => {
              const x = u.valToPos(event.day, 'x', true);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              // Labels that would run past the plot's right edge are written to the left of their line.
              const y = u.bbox.top + (12 + (i % 2) * 13) * ratio * (palette.chartLineWidth > 3 ? 1.5 : 1);
              const width = ctx.measureText(event.label).width;
              const fitsRight = x + 3 * ratio + width <= u.bbox.left + u.bbox.width;
              ctx.fillText(event.label, fitsRight ? x + 3 * ratio : x - 3 * ratio - width, y);
            });
            // Parameter changes made during the run.
            ctx.strokeStyle = palette.chartText;
            ctx.setLineDash([1 * ratio, 3 * ratio]);
            for (const day of changeDays.current) {
              const x = u.valToPos(day, 'x', true);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.fillText('parameters', x + 3 * ratio, u.bbox.top + u.bbox.height - 4 * ratio);
            }
            // Now.
            ctx.setLineDash([]);
            ctx.strokeStyle = palette.chartText;
            ctx.lineWidth = ratio * (palette.chartLineWidth > 3 ? 3 : 1.5);
            const x = u.valToPos(nowDay.current, 'x', true);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    nowDay.current = store.getState().clock.timeHours / 24;
    changeDays.current = store.getState().parameterChanges.map((change) => change.timeHours / 24);
    zoom.current = null;
    setZoomed(false);
    const chart = withCpuCanvases(() => new uPlot(options, spec.data(store.getState()), element));
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [spec, store, protocol, palette, height, events]);

  // Data and the "now" line follow the store (which changes at most ten times a second), redrawn at most
  // four times a second, always ending on the latest state.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const redraw = () => {
      timer = null;
      last = performance.now();
      const chart = plot.current;
      if (!chart) return;
      const state = store.getState();
      nowDay.current = state.clock.timeHours / 24;
      changeDays.current = state.parameterChanges.map((change) => change.timeHours / 24);
      chart.setData(spec.data(state), true);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer === null) timer = setTimeout(redraw, Math.max(0, last + 250 - performance.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, spec]);

  return (
    <figure className="chart" data-testid={`chart-${spec.id}`}>
      <figcaption>
        <strong>{spec.title}</strong> <span className="detail">{spec.unit}</span>
        <span className="chart-tools">
          {zoomed && (
            <button type="button" className="link-button" onClick={() => plot.current?.setScale('x', { min: 0, max: protocol.durationHours / 24 })}>
              Whole run
            </button>
          )}
          <button type="button" className="link-button" onClick={() => exportPng(plot.current, spec.id)} title="Save this chart as a PNG image">
            PNG
          </button>
        </span>
        <span ref={hover} className="chart-hover detail" data-testid={`chart-${spec.id}-hover`} aria-live="off" />
        {spec.series.length > 1 && (
          <span className="chart-key">
            {spec.series.map((s) => (
              <span key={s.label} className="chart-key-item">
                <span className={`chart-key-line${s.dash ? ' dashed' : ''}`} style={{ borderColor: s.colour(palette) }} />
                {s.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      <div ref={host} className="chart-plot" />
    </figure>
  );
}

/** Live charts of what the experiment measured, with the protocol's events on the time axis. */
export default function Charts({ store }: { store: AppStore }) {
  const protocol = useStore(store, (s) => s.scene?.protocol ?? null);
  const projector = useStore(store, (s) => s.projector);
  const palette = paletteFor(projector);
  if (!protocol) return null;
  return (
    <section className="charts" aria-label="Charts">
      {charts.map((spec) => (
        <TimeChart key={spec.id} spec={spec} store={store} protocol={protocol} palette={palette} height={projector ? 130 : 140} />
      ))}
    </section>
  );
}
