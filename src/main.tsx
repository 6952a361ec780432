import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from './state/appState';
import { loadSavedSettings } from './state/savedSettings';
import { SimulationClient } from './state/SimulationClient';
import { parseUrlSettings } from './state/urlSettings';
import { App } from './view/App';
import { ErrorBoundary } from './view/ErrorBoundary';
import './view/styles.css';

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const url = parseUrlSettings(window.location.search);
const store = createAppStore(url, loadSavedSettings(safeStorage()));
const client = new SimulationClient(store, () => new Worker(new URL('../workers/simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' }));
void client.start();

/** Hooks for automated checks and the curious: the store, and a way to make the worker fail. */
declare global {
  interface Window {
    __spinelab?: {
      store: typeof store;
      crashWorker: () => void;
      killWorker: () => void;
      runSettings: () => ReturnType<SimulationClient['runSettings']>;
    };
  }
}
window.__spinelab = {
  store,
  crashWorker: () => client.crashWorker(),
  killWorker: () => client.killWorkerSilently(),
  runSettings: () => client.runSettings(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary what="SpineLab">
      <App store={store} client={client} />
    </ErrorBoundary>
  </StrictMode>,
);
