import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { addNotice, createAppStore } from './state/appState';
import { keepSavedSettings, loadSavedSettings, openLocalStorage } from './state/savedSettings';
import { EnsembleClient } from './state/EnsembleClient';
import { SavedRuns } from './state/savedRuns';
import { SimulationClient } from './state/SimulationClient';
import { SideBySideRuns } from './state/SideBySideRuns';
import { parseUrlSettings } from './state/urlSettings';
import { App } from './view/App';
import { ErrorBoundary } from './view/ErrorBoundary';
import { cameraPoseOnScreen } from './view/scene/CameraRig';
import './view/styles.css';

const storage = openLocalStorage();
const url = parseUrlSettings(window.location.search, window.location.hash);
const store = createAppStore(url, loadSavedSettings(storage), window.matchMedia('(prefers-reduced-motion: reduce)').matches);
keepSavedSettings(store, storage, () =>
  addNotice(store, 'info', 'This browser does not let SpineLab store data, so the projector and story-pacing settings apply to this visit only and will not be kept.'),
);
// A link pasted over the current one changes only the fragment, which loads nothing by itself: open it.
// (The page's own updates of the address bar use replaceState, which fires no hashchange.)
window.addEventListener('hashchange', () => window.location.reload());
const createSimulationWorker = () => new Worker(new URL('../workers/simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
const client = new SimulationClient(store, createSimulationWorker);
void client.start(url.startHours);
const ensemble = new EnsembleClient(() => new Worker(new URL('../workers/replicate.worker.ts', import.meta.url), { type: 'module', name: 'replicate' }), url.bench?.ensemble);
const sideBySide = new SideBySideRuns(store, client, ensemble.store, createSimulationWorker, url.startHours);
const leaveCoreWhilePlaying = () => ensemble.leaveCoreToPage(store.getState().playback.kind === 'playing');
leaveCoreWhilePlaying();
store.subscribe(leaveCoreWhilePlaying);

/** Hooks for automated checks and the curious: the store, and ways to make the worker fail or stall. */
declare global {
  interface Window {
    __spinelab?: {
      store: typeof store;
      crashWorker: () => void;
      killWorker: () => void;
      stallWorker: (ms: number) => void;
      runSettings: () => ReturnType<SimulationClient['runSettings']>;
      workerPlayback: () => ReturnType<SimulationClient['workerPlayback']>;
      seek: (hours: number) => void;
      spineRowsAt: (hours: number) => Promise<number[]>;
      cameraPose: typeof cameraPoseOnScreen;
      /** The spine rows of the next frame at `hours` of the side-by-side view's side 0 or 1. */
      sideRowsAt: (side: number, hours: number) => Promise<number[]>;
      /** Makes side 0 or 1's worker fail as a model error would. */
      crashSide: (side: number) => void;
    };
  }
}
window.__spinelab = {
  store,
  crashWorker: () => client.crashWorker(),
  killWorker: () => client.killWorkerSilently(),
  stallWorker: (ms) => client.stallWorker(ms),
  runSettings: () => client.runSettings(),
  workerPlayback: () => client.workerPlayback(),
  seek: (hours) => client.seek(hours),
  spineRowsAt: (hours) => client.spineRowsAt(hours),
  cameraPose: cameraPoseOnScreen,
  sideRowsAt: (side, hours) => {
    const shown = sideBySide.store.getState().sides?.[side];
    return shown ? shown.client.spineRowsAt(hours) : Promise.reject(new Error(`no side ${side} is shown`));
  },
  crashSide: (side) => sideBySide.store.getState().sides?.[side]?.client.crashWorker(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary what="SpineLab">
      <App store={store} client={client} ensemble={ensemble} savedRuns={new SavedRuns()} sideBySide={sideBySide} />
    </ErrorBoundary>
  </StrictMode>,
);
