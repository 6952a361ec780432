import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { DEFAULT_SAVED_SETTINGS } from '../state/savedSettings';
import { DEFAULT_SCENARIO, DEFAULT_SEED, DEFAULT_SPEED_HOURS_PER_SECOND } from '../state/urlSettings';
import { requestView } from './CameraButtons';

/**
 * Every setting back to its default, as on a first visit: the story preset, seed, speed, story pacing,
 * projector, parameters, procedural neurons, camera view, one run in the 3D view (not two side by side) and lesson closed, no faint copy of a previous run on
 * the charts; a new run from day 0 that plays (unless reduced motion is asked for). Reset, by contrast, only
 * starts the current run again.
 */
export function resetAll(store: AppStore, client: SimulationClient): void {
  store.setState({
    scenario: DEFAULT_SCENARIO,
    seed: DEFAULT_SEED,
    parameters: {},
    previousRun: null,
    swc: null,
    lesson: null,
    projector: DEFAULT_SAVED_SETTINGS.projector,
    selectedSlot: -1,
    details: null,
    compare: null,
  });
  client.setSpeed(DEFAULT_SPEED_HOURS_PER_SECOND);
  client.setStoryPacing(DEFAULT_SAVED_SETTINGS.storyPacing);
  requestView(store, 'all');
  client.reset({ clearPreviousRun: true });
  if (store.getState().reducedMotion) client.pause();
  else client.play();
}
