import type { AppStore } from '../state/appState';
import { formatClock } from '../state/formatClock';
import { useStore } from '../state/useStore';

const percent = (fraction: number | null) => (fraction === null ? '–' : `${(100 * fraction).toFixed(1)} %`);

/**
 * The charts' numbers as tables (the text alternative of each chart): the same series the charts draw,
 * from the store, one row per imaging session or behaviour test so far.
 */
export function ChartTables({ store }: { store: AppStore }) {
  const sessions = useStore(store, (s) => s.series.sessions);
  const behaviour = useStore(store, (s) => s.series.behaviour);
  return (
    <details className="panel chart-tables" data-testid="chart-tables">
      <summary>The charts as tables</summary>
      <table>
        <caption>Spine density and turnover, per imaging session</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Spines per µm</th>
            <th scope="col">Formed</th>
            <th scope="col">Eliminated</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.timeHours}>
              <th scope="row">{formatClock(s.timeHours)}</th>
              <td>{s.densityPerUm.toFixed(3)}</td>
              <td>{percent(s.formation)}</td>
              <td>{percent(s.elimination)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Escape behaviour (1 = healthy, 0 = gave up), per behaviour test</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Escape</th>
          </tr>
        </thead>
        <tbody>
          {behaviour.map((b) => (
            <tr key={b.timeHours}>
              <th scope="row">{formatClock(b.timeHours)}</th>
              <td>{b.escapeIndex.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
