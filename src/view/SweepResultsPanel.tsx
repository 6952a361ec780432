import { lazy, Suspense, useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary';

// The results view (file reading, charts) is loaded the first time the panel opens.
const SweepResultsView = lazy(() => import('./sweep/SweepResultsView'));

/** A researcher's view of a merged sweep result file: the sensitivity bar chart or the grid heat map. */
export function SweepResultsPanel() {
  const [opened, setOpened] = useState(false);
  return (
    <details className="panel sweep-results" data-testid="sweep-panel" onToggle={(e) => (e.target as HTMLDetailsElement).open && setOpened(true)}>
      <summary>Sweep results (for researchers)</summary>
      {opened && (
        <ErrorBoundary what="The sweep results view">
          <Suspense fallback={<p className="hint">Loading…</p>}>
            <SweepResultsView />
          </Suspense>
        </ErrorBoundary>
      )}
    </details>
  );
}
