import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Protocol } from '../model/Protocol';
import type { AppState, AppStore } from '../state/appState';
import { useStore } from '../state/useStore';
import { withCpuCanvases } from './cpuCanvases';
import { downloadBlob } from './downloadText';
import { layoutEventLabels } from './eventLabelLayout';
import { paletteFor, type Palette } from './palette';
import { targetBands, type TargetBand, type TargetChart } from './targetBands';

/** A chart's series: the imaging sessions and behaviour tests of a run. */
type Series = Pick<AppState['series'], 'sessions' | 'behaviour'>;

interface SeriesSpec {
  readonly label: string;
  readonly colour: (palette: Palette) => string;
  readonly dash?: number[];
}

interface ChartSpec {
  readonly id: TargetChart;
  readonly title: string;
  readonly unit: string;
  readonly series: readonly SeriesSpec[];
  readonly range: (min: number, max: number) => [number, number];
  /** The chart's data from a run's series; `now`, for the live run, extends a curve to the clock. */
  readonly data: (series: Series, now?: { readonly day: number; readonly escapeIndex: number }) => uPlot.AlignedData;
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
function perDay(sessions: Series['sessions'], pick: (session: Series['sessions'][number]) => number | null): (number | null)[] {
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
    data: (s) => [s.sessions.map((p) => p.timeHours / 24), s.sessions.map((p) => p.densityPerUm)],
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
    data: (s) => [s.sessions.map((p) => p.timeHours / 24), perDay(s.sessions, (p) => p.formation), perDay(s.sessions, (p) => p.elimination)],
  },
  {
    id: 'escape',
    title: 'Escape behaviour',
    unit: '1 = healthy, 0 = gave up',
    series: [{ label: 'escape', colour: (p) => p.escape }],
    range: () => [0, 1.05],
    data: (s, now) => {
      const x = s.behaviour.map((b) => b.timeHours / 24);
      const y: (number | null)[] = s.behaviour.map((b) => b.escapeIndex);
      if (now && x.length > 0 && now.day > x[x.length - 1]) {
        x.push(now.day);
        y.push(now.escapeIndex);
      }
      return [x, y];
    },
  },
];

/**
 * What a chart draws: the live run's series and, after them, the previous run's (the faint copy; no values
 * when there is none), on the union of their times.
 */
function chartData(spec: ChartSpec, state: AppState): uPlot.AlignedData {
  const live = spec.data(state.series, { day: state.clock.timeHours / 24, escapeIndex: state.clock.escapeIndex });
  if (!state.previousRun) return [...live, ...spec.series.map(() => Array.from(live[0], () => null))] as uPlot.AlignedData;
  return uPlot.join([live, spec.data(state.previousRun)]);
}

/** A hex colour (#rrggbb) at `alpha` (0–1) opacity. */
function withAlpha(hex: string, alpha: number): string {
  return `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
}

/** The faint copy's line: the series' colour, lighter, thinner and dashed. */
const PREVIOUS_ALPHA = 0.5;
const PREVIOUS_DASH = [2, 4];

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

/** The band's hover text where the cursor's day and value fall in it, else null. */
function bandAt(bands: readonly TargetBand[], day: number, value: number | null | undefined): TargetBand | null {
  return bands.find((b) => day >= b.fromDay - 1e-9 && day <= b.toDay + 1e-9 && (value === null || value === undefined || (value >= b.low && value <= b.high))) ?? null;
}

function TimeChart({ spec, store, protocol, palette, height, bands, previous }: { spec: ChartSpec; store: AppStore; protocol: Protocol; palette: Palette; height: number; bands: readonly TargetBand[]; previous: boolean }) {
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
        ...spec.series.map((s) => ({
          label: `previous ${s.label}`,
          stroke: withAlpha(s.colour(palette), PREVIOUS_ALPHA),
          width: Math.max(1, palette.chartLineWidth - 0.5),
          dash: PREVIOUS_DASH,
          spanGaps: true,
          points: { show: false },
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
            const values = [...spec.series, ...spec.series.map((series) => ({ ...series, label: `previous ${series.label}` }))].map((series, k) => {
              const value = u.data[k + 1][index];
              return value === null || value === undefined ? null : `${series.label} ${formatValue(value)}`;
            });
            const band = bandAt(bands, day, null);
            hover.current.textContent = `day ${formatValue(day)}: ${values.filter(Boolean).join(', ') || 'no value'}${band ? ` (target ${band.id}: ${formatValue(band.low)}–${formatValue(band.high)})` : ''}`;
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
            // Calibration targets: a hatched-edge band over the days and range each covers.
            ctx.fillStyle = withAlpha(palette.chartText.slice(0, 7), 0.14);
            ctx.strokeStyle = withAlpha(palette.chartText.slice(0, 7), 0.45);
            ctx.lineWidth = devicePixelRatio || 1;
            for (const band of bands) {
              const x0 = u.valToPos(band.fromDay, 'x', true);
              const x1 = u.valToPos(band.toDay, 'x', true);
              const y0 = u.valToPos(band.high, 'y', true);
              const y1 = u.valToPos(band.low, 'y', true);
              ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
              ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
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
            const lineXs = events.map((event) => u.valToPos(event.day, 'x', true));
            for (const x of lineXs) {
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            // Labels beside their lines, stacked in rows where they would overlap (eventLabelLayout).
            const rowHeight = 13 * ratio * (palette.chartLineWidth > 3 ? 1.5 : 1);
            const placed = layoutEventLabels(
              events.map((event, i) => ({ x: lineXs[i], width: ctx.measureText(event.label).width })),
              u.bbox.left,
              u.bbox.left + u.bbox.width,
              3 * ratio,
            );
            events.forEach((event, i) => ctx.fillText(event.label, placed[i].left, u.bbox.top + 12 * ratio * (palette.chartLineWidth > 3 ? 1.5 : 1) + placed[i].row * rowHeight));
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
            // The bands' labels (HTML, for their hover text) at each band's top-left corner, in CSS pixels.
            for (const [k, label] of bandLabels.entries()) {
              const band = bands[k];
              const left = u.valToPos(band.fromDay, 'x');
              const inView = u.valToPos(band.toDay, 'x') > 0 && left < u.over.clientWidth;
              label.hidden = !inView;
              label.style.left = `${Math.max(0, left) + 2}px`;
              label.style.top = `${Math.max(0, u.valToPos(band.high, 'y')) + 1}px`;
            }
          },
        ],
      },
    };
    const bandLabels = bands.map((band) => {
      const label = document.createElement('span');
      label.className = 'chart-target-label';
      label.textContent = band.id;
      label.title = band.description;
      label.tabIndex = 0;
      label.setAttribute('role', 'note');
      label.setAttribute('aria-label', band.description);
      label.dataset.testid = `target-${band.id}`;
      return label;
    });
    nowDay.current = store.getState().clock.timeHours / 24;
    changeDays.current = store.getState().parameterChanges.map((change) => change.timeHours / 24);
    zoom.current = null;
    setZoomed(false);
    const chart = withCpuCanvases(() => new uPlot(options, chartData(spec, store.getState()), element));
    for (const label of bandLabels) chart.over.append(label);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [spec, store, protocol, palette, height, events, bands]);

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
      chart.setData(chartData(spec, state), true);
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
        {(spec.series.length > 1 || previous) && (
          <span className="chart-key">
            {spec.series.map((s) => (
              <span key={s.label} className="chart-key-item">
                <span className={`chart-key-line${s.dash ? ' dashed' : ''}`} style={{ borderColor: s.colour(palette) }} />
                {s.label}
              </span>
            ))}
            {previous && (
              <span className="chart-key-item previous" data-testid={`chart-${spec.id}-previous`}>
                <span className="chart-key-line dotted" style={{ borderColor: withAlpha(spec.series[0].colour(palette), PREVIOUS_ALPHA) }} />
                previous run
              </span>
            )}
          </span>
        )}
      </figcaption>
      <div ref={host} className="chart-plot" />
    </figure>
  );
}

const NO_BANDS: readonly TargetBand[] = [];

/**
 * Live charts of what the experiment measured, with the protocol's events on the time axis; optionally the
 * calibration targets that apply to a chart's readout as bands (targetBands), and the run before the last
 * change as a faint copy (previousRun.ts) until the user clears it.
 */
export default function Charts({ store }: { store: AppStore }) {
  const protocol = useStore(store, (s) => s.scene?.protocol ?? null);
  const projector = useStore(store, (s) => s.projector);
  const previousLabel = useStore(store, (s) => s.previousRun?.label ?? null);
  const [showTargets, setShowTargets] = useState(false);
  const bands = useMemo(() => (protocol && showTargets ? targetBands(protocol) : []), [protocol, showTargets]);
  const bandsOf = useMemo(() => new Map(charts.map((spec) => [spec.id, bands.filter((b) => b.chart === spec.id)])), [bands]);
  const palette = paletteFor(projector);
  if (!protocol) return null;
  return (
    <section className="charts" aria-label="Charts">
      <div className="charts-bar">
        <label className="check" title="Bands where the model's calibration targets apply to a chart's readout (an unstressed stretch of the run); hover a band's label for the target and its source">
          <input type="checkbox" checked={showTargets} onChange={(e) => setShowTargets(e.target.checked)} data-testid="show-targets" /> Show calibration targets
        </label>
        {showTargets && bands.length === 0 && <span className="detail">No target applies to this protocol’s charts (they are defined before stress, a dose or a deletion).</span>}
        {bands.length > 0 && <span className="detail">Grey boxes: where the model is calibrated to be in an unstressed mouse (point at {[...new Set(bands.map((b) => b.id))].join(', ')} for the target and its source).</span>}
        {previousLabel && (
          <span className="charts-previous" data-testid="previous-run">
            <span className="detail">Dotted, faint: {previousLabel}</span>
            <button type="button" className="link-button" onClick={() => store.setState({ previousRun: null })} data-testid="clear-previous-run">
              Clear previous run
            </button>
          </span>
        )}
      </div>
      {charts.map((spec) => (
        <TimeChart key={spec.id} spec={spec} store={store} protocol={protocol} palette={palette} height={projector ? 130 : 140} bands={bandsOf.get(spec.id) ?? NO_BANDS} previous={previousLabel !== null} />
      ))}
    </section>
  );
}
