import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppStore } from '../state/appState';
import { runLink } from '../state/urlSettings';
import type { EnsembleClient } from '../state/EnsembleClient';
import type { SavedRuns } from '../state/savedRuns';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { useOverlayInsets } from './useOverlayInsets';
import { useTimeInLink } from './useTimeInLink';
import { replaceLink } from './replaceLink';
import { useBenchInLink } from './useBenchInLink';
import { useCameraInLink } from './useCameraInLink';
import { CameraButtons } from './CameraButtons';
import { EnsemblePanel } from './EnsemblePanel';
import { ErrorBoundary } from './ErrorBoundary';
import { ProtocolEditor } from './ProtocolEditor';
import { SavedRunsPanel } from './SavedRunsPanel';
import { ControlsFieldset, NoticesOrFailure, SceneStatus } from './PlaybackGates';
import { Header } from './Header';
import { Legend } from './Legend';
import { NeuronSource } from './NeuronSource';
import { Readouts } from './Readouts';
import { ScenarioPicker } from './ScenarioPicker';
import { SceneView, webgl2Available } from './scene/SceneView';
import { SpineDetailsPanel } from './SpineDetailsPanel';
import { SweepResultsPanel } from './SweepResultsPanel';
import { TimeControls } from './TimeControls';
import { shortcutHelp, useKeyboardShortcuts } from './useKeyboardShortcuts';
import ParameterPanel from './ParameterPanel';
import { ChartTables } from './ChartTables';
import { LiveRunExport } from './LiveRunExport';
import { KeyHelp } from './KeyHelp';
import { Lesson } from './lesson/Lesson';
import { chapterById } from './lesson/chapters';
import { Narration } from './Narration';
import { SceneDescription } from './SceneDescription';
import { SavePicture } from './SavePicture';
import { RecordClip } from './RecordClip';
import { createStore } from '../state/createStore';
import type { SideBySideRuns, SideBySideState } from '../state/SideBySideRuns';
import { SideBySideChoice, useCompareInLink } from './SideBySideChoice';
import { SideBySideLabels, useBottomStrip, useSideBySideArrangement } from './SideBySideLabels';

// Charts (uPlot) and the parameter panel are not needed for the first picture: loaded after it.
const Charts = lazy(() => import('./Charts'));
const ONE_RUN = createStore<SideBySideState>({ sides: null });

export function App({ store, client, ensemble, savedRuns, sideBySide }: { store: AppStore; client: SimulationClient; ensemble?: EnsembleClient; savedRuns?: SavedRuns; sideBySide?: SideBySideRuns }) {
  const projector = useStore(store, (s) => s.projector);
  const testMode = useStore(store, (s) => s.testMode);
  const [parametersOpen, setParametersOpen] = useState(false);
  const [canDraw] = useState(webgl2Available);
  const legend = useRef<HTMLElement>(null);
  const cameraButtons = useRef<HTMLDivElement>(null);
  const insets = useOverlayInsets(legend, cameraButtons);

  // Saved by keepSavedSettings (main.tsx), where storage allows.
  const setProjector = useCallback((on: boolean) => store.setState({ projector: on }), [store]);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);
  // The address bar always holds the link that starts this run (scenario, seed, speed, in the fragment):
  // a lecturer can copy it as it is.
  const scenario = useStore(store, (s) => s.scenario);
  const seed = useStore(store, (s) => s.seed);
  const speed = useStore(store, (s) => s.speedHoursPerSecond);
  useEffect(() => {
    replaceLink(runLink(window.location.href, scenario, seed, speed));
  }, [scenario, seed, speed]);
  const keyHelp = useRef<HTMLDialogElement>(null);
  const openHelp = useCallback(() => {
    if (keyHelp.current && !keyHelp.current.open) keyHelp.current.showModal();
  }, []);
  const closeHelp = useCallback(() => keyHelp.current?.close(), []);
  useKeyboardShortcuts(store, client, setProjector, openHelp);
  useTimeInLink(store);
  useBenchInLink(store, ensemble);
  useCameraInLink(store);
  useCompareInLink(store);
  const sides = useStore(sideBySide?.store ?? ONE_RUN, (s) => s.sides);
  const arrangement = useSideBySideArrangement();
  const [labelPx, setLabelPx] = useState(0);
  const bottomPx = useBottomStrip(sides !== null, legend, cameraButtons);
  const layout = useMemo(() => ({ arrangement, labelPx, bottomPx }), [arrangement, labelPx, bottomPx]);
  const seek = useCallback((hours: number) => client.seek(hours), [client]);
  // The lesson's chapter marks what to watch: a legend entry and a chart (styles.css, [data-watch]).
  const lesson = useStore(store, (s) => s.lesson);
  const watched = lesson && lesson !== 'intro' ? chapterById(lesson) : null;

  return (
    <div className={`app${projector ? ' projector' : ''}${testMode ? ' test-mode' : ''}`} data-projector={projector} data-watch={watched?.watch} data-watch-chart={watched?.chart}>
      <a className="skip-link" href="#controls">
        Skip to the controls
      </a>
      <Narration store={store} />
      <KeyHelp ref={keyHelp} onClose={closeHelp} />
      <Header store={store} onProjector={setProjector} onSeek={seek} />
      <NoticesOrFailure store={store} client={client} />
      <main className="stage">
        <div className="scene" data-testid="scene">
          <SceneView store={store} client={client} insets={insets} sides={sides} layout={layout} />
          {sides && canDraw && <SideBySideLabels sides={sides} arrangement={arrangement} bottomPx={bottomPx} onLabelHeight={setLabelPx} />}
          <SceneDescription store={store} />
          {canDraw && (
            <>
              <Legend store={store} ref={legend} />
              <CameraButtons store={store} ref={cameraButtons} />
              <SpineDetailsPanel store={store} client={client} />
            </>
          )}
          <SceneStatus store={store} />
        </div>
        <ControlsFieldset store={store}>
          <Lesson store={store} client={client} />
          <ScenarioPicker store={store} client={client} />
          <TimeControls store={store} client={client} />
          <Readouts store={store} />
          {ensemble && sideBySide && <SideBySideChoice store={store} ensemble={ensemble} />}
          <NeuronSource store={store} client={client} />
          <details className="panel parameters" data-testid="param-panel" onToggle={(e) => setParametersOpen((e.target as HTMLDetailsElement).open)}>
            <summary>Model parameters (for researchers)</summary>
            {parametersOpen && (
              <ErrorBoundary what="The parameter panel">
                <ParameterPanel store={store} client={client} />
              </ErrorBoundary>
            )}
          </details>
          <details className="panel protocol" data-testid="protocol-panel">
            <summary>Protocol editor</summary>
            <ErrorBoundary what="The protocol editor">
              <ProtocolEditor store={store} client={client} />
            </ErrorBoundary>
          </details>
          {ensemble && <EnsemblePanel store={store} ensemble={ensemble} />}
          {savedRuns && <SavedRunsPanel store={store} ensemble={ensemble} savedRuns={savedRuns} />}
          <SweepResultsPanel />
          <section className="panel exports" aria-label="Pictures for slides">
            <h2>For slides</h2>
            {sides ? (
              <p className="hint" data-testid="exports-one-run">
                Pictures and clips show one run: choose <em>One condition</em> under <em>3D view</em> to make them.
              </p>
            ) : (
              <>
                <SavePicture store={store} />
                <RecordClip store={store} client={client} />
              </>
            )}
          </section>
          <LiveRunExport store={store} client={client} />
          <ChartTables store={store} />
          <p className="hint keys">
            {shortcutHelp}{' '}
            <button type="button" className="link-button" onClick={openHelp}>
              All keys
            </button>
          </p>
        </ControlsFieldset>
      </main>
      <ErrorBoundary what="The charts">
        <Suspense fallback={<section className="charts loading">Loading charts…</section>}>
          <Charts store={store} />
        </Suspense>
      </ErrorBoundary>

    </div>
  );
}
