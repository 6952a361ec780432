import type { AppState, AppStore } from '../state/appState';
import { formatClock } from '../state/formatClock';
import { useStore } from '../state/useStore';

const percent = (fraction: number | null) => (fraction === null ? '–' : `${(100 * fraction).toFixed(1)} %`);

function SessionsTable({ caption, sessions, testId }: { caption: string; sessions: AppState['series']['sessions']; testId?: string }) {
  return (
    <table data-testid={testId}>
      <caption>{caption}</caption>
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
  );
}

/**
 * The charts' numbers as tables (the text alternative of each chart): the same series the charts draw,
 * from the store, one row per imaging session or behaviour test so far, and the faint copy of the previous
 * run's sessions while the charts show one.
 */
export function ChartTables({ store }: { store: AppStore }) {
  const sessions = useStore(store, (s) => s.series.sessions);
  const behaviour = useStore(store, (s) => s.series.behaviour);
  const previous = useStore(store, (s) => s.previousRun);
  return (
    <details className="panel chart-tables" data-testid="chart-tables">
      <summary>The charts as tables</summary>
      <SessionsTable caption="Spine density and turnover, per imaging session" sessions={sessions} />
      {previous && <SessionsTable caption={`Faint on the charts: ${previous.label}, per imaging session`} sessions={previous.sessions} testId="previous-run-table" />}
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
