import type { ReactNode } from 'react';
import { controlsLocked } from '../runtime/playbackMachine';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { FailurePanel } from './FailurePanel';
import { Notices } from './Notices';

/*
 * The parts of the page that change with the playback state, each subscribed on its own. The app itself
 * does not read the playback state: if it did, every Play or Pause would render the whole page again,
 * 3D view and panels included (7–35 ms of main-thread work per click, measured in Chromium).
 */

/** The notices strip, or the failure panel once the simulation has given up. */
export function NoticesOrFailure({ store, client }: { store: AppStore; client: SimulationClient }) {
  const failed = useStore(store, (s) => s.playback.kind === 'failed');
  return failed ? <FailurePanel store={store} client={client} /> : <Notices store={store} />;
}

/** What covers the 3D view while there is nothing to show, or while the simulation restarts or has stopped. */
export function SceneStatus({ store }: { store: AppStore }) {
  const kind = useStore(store, (s) => s.playback.kind);
  const hasScene = useStore(store, (s) => s.scene !== null);
  if (!hasScene && kind === 'starting') return <div className="scene-loading">Growing neurons…</div>;
  if (kind !== 'restarting' && kind !== 'failed') return null;
  return (
    <div className="scene-cover" data-testid="scene-cover" aria-hidden={kind === 'failed'}>
      <span>{kind === 'failed' ? 'The simulation stopped' : 'Restarting the simulation…'}</span>
    </div>
  );
}

/**
 * The sidebar. A disabled fieldset disables every control in it: nothing seems to work that cannot. Its
 * children are made by the app, so a change of the lock renders the fieldset alone, not the panels.
 */
export function ControlsFieldset({ store, children }: { store: AppStore; children: ReactNode }) {
  const locked = useStore(store, (s) => controlsLocked(s.playback));
  return (
    <fieldset className="sidebar" id="controls" tabIndex={-1} disabled={locked} data-testid="controls">
      {children}
    </fieldset>
  );
}
