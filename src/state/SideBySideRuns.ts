import type { RunSettings } from '../../workers/simulationApi';
import { addNotice, createAppStore, type AppState, type AppStore } from './appState';
import { createStore, type Store } from './createStore';
import type { EnsembleStore } from './EnsembleClient';
import { parseOverrides, type ConditionForm } from './ensembleRequest';
import { SimulationClient } from './SimulationClient';
import { parseUrlSettings, type ConditionPairIndices } from './urlSettings';

/** One side of the comparison: a condition of the bench, played in its own worker. */
export interface Side {
  readonly name: string;
  /** The side's own run state (its clock, counters, playback), as the page's store holds the page's. */
  readonly store: AppStore;
  readonly client: SimulationClient;
}

export interface SideBySideState {
  /** Left and right (top and bottom on a phone), or null while the 3D view shows the page's one run. */
  readonly sides: readonly [Side, Side] | null;
}

/**
 * The run a condition of the bench makes on the page's neurons and seed (common random numbers: the same
 * morphology and the same draws, so that what differs between the sides is the condition); throws the
 * parameter problem in words.
 */
export function conditionRunSettings(condition: ConditionForm, page: Pick<AppState, 'scenario' | 'seed' | 'neuronCount' | 'protocol' | 'swc'>): RunSettings {
  const fromPage = condition.source === 'page';
  if (fromPage && !page.protocol) throw new Error(`"${condition.name}" uses the protocol from the editor, but the page runs a preset`);
  return {
    scenario: fromPage ? page.scenario : condition.source,
    seed: page.seed,
    parameters: parseOverrides(condition.overridesText),
    neuronCount: page.neuronCount,
    ...(fromPage && page.protocol ? { protocol: page.protocol } : {}),
    ...(page.swc ? { swc: page.swc } : {}),
  };
}

/** A frame at `timeHours` shows `side` at `targetHours` (the last step of its grid at or before it, within its protocol). */
function reached(side: Side, timeHours: number, targetHours: number): boolean {
  const { clock, scene } = side.store.getState();
  const goal = Math.min(targetHours, clock.durationHours);
  const step = scene?.parameters.timeStepHours ?? 0;
  return timeHours <= goal + 1e-6 && timeHours >= goal - step - 1e-6;
}

/**
 * Two conditions of the bench played at once, side by side, on the page's clock. Each runs in a worker of
 * its own (a SimulationClient: restarted like the page's run when it fails) and stays paused; both follow
 * the page's run by seeking to the time of its latest frame, in step: a new time goes to the sides only
 * once both show the last one, so that the slower never falls behind the other. The model steps on a
 * fixed grid, so both land on the same simulated times as the page's run: play, pause, seeking and speed
 * drive both. Nothing is started while the page shows one run.
 */
export class SideBySideRuns {
  readonly store: Store<SideBySideState> = createStore<SideBySideState>({ sides: null });
  /** What the current sides were built from, by reference (the page's store changes ten times a second). */
  private builtFrom: readonly unknown[] = [];
  private unsubscribe: (() => void)[] = [];
  /** The page's clock: the time of its latest frame. */
  private timeHours: number;
  /** The time both sides were last sent to, and which of them show it. */
  private targetHours = 0;
  private shown = [false, false];
  /** What the shown sides run (their settings, by value), to tell a renaming from a new run. */
  private runKey = '';

  constructor(
    private readonly page: AppStore,
    primary: SimulationClient,
    private readonly ensemble: EnsembleStore,
    private readonly createWorker: () => Worker,
    startHours = 0,
  ) {
    this.timeHours = startHours;
    primary.watchFrames((timeHours) => {
      this.timeHours = timeHours;
      this.pump();
    });
    page.subscribe(() => this.update());
    ensemble.subscribe(() => this.update());
    this.update();
  }

  /**
   * Builds, rebuilds or stops the sides when the choice, the chosen conditions or the page's run change.
   * The sides are rebuilt only when what they run changes (compared by value): renaming a condition
   * renames its side, and editing a condition that is not shown, or typing an override that is not yet
   * valid (the bench's form shows the problem), leaves them running.
   */
  private update(): void {
    const state = this.page.getState();
    const forms = this.ensemble.getState().form.conditions;
    const from = [state.compare, forms, state.scenario, state.seed, state.neuronCount, state.protocol, state.swc, state.testMode];
    if (from.every((value, i) => value === this.builtFrom[i])) return;
    // The page's own run changed: it starts again from day 0, and so do the sides (not from the old time).
    const pageRun = from.slice(2);
    if (this.builtFrom.length > 0 && pageRun.some((value, i) => value !== this.builtFrom[i + 2])) this.timeHours = 0;
    this.builtFrom = from;
    const compare = state.compare;
    if (!compare) return this.stop();
    const chosen = compare.map((i) => forms[i]);
    let settings: RunSettings[];
    try {
      if (chosen.some((form) => !form)) throw new Error(`the bench has ${forms.length} conditions, numbered 0 to ${forms.length - 1}`);
      settings = chosen.map((form) => conditionRunSettings(form, state));
    } catch (error) {
      const showing = this.store.getState().sides;
      if (showing && chosen.every((form) => form)) return; // A condition being typed: keep what is shown.
      this.stop();
      addNotice(this.page, 'error', `The 3D view shows one run: the two conditions to show side by side could not be used (${error instanceof Error ? error.message : String(error)}).`);
      this.page.setState({ compare: null });
      return;
    }
    const names = chosen.map((form, i) => form.name.trim() || `condition ${compare[i] + 1}`);
    const runKey = JSON.stringify([settings, state.testMode]);
    const showing = this.store.getState().sides;
    if (showing && runKey === this.runKey) {
      if (showing.some((side, i) => side.name !== names[i])) this.store.setState({ sides: showing.map((side, i) => ({ ...side, name: names[i] })) as unknown as [Side, Side] });
      return;
    }
    this.stop();
    this.runKey = runKey;
    this.targetHours = this.timeHours;
    this.shown = [false, false];
    const sides = settings.map((run, i) => this.startSide(names[i], run, state.testMode, i)) as unknown as [Side, Side];
    this.store.setState({ sides });
    // The page's run is not drawn meanwhile: no spine of it stays selected.
    this.page.setState({ selectedSlot: -1, details: null });
  }

  private startSide(name: string, run: RunSettings, testMode: boolean, index: number): Side {
    // Opened paused (as with reduced motion): the side moves only when the page's clock does.
    const store = createAppStore(parseUrlSettings(''), { projector: false, storyPacing: false }, true);
    store.setState({ scenario: run.scenario, seed: String(run.seed), parameters: run.parameters, neuronCount: run.neuronCount, protocol: run.protocol ?? null, swc: run.swc ?? null, testMode });
    const client = new SimulationClient(store, this.createWorker);
    const side = { name, store, client };
    // Once its run is (again) ready, after a start or a restart, it goes to the time the other side was sent to.
    let ready = false;
    this.unsubscribe.push(
      store.subscribe(() => {
        const kind = store.getState().playback.kind;
        const nowReady = kind === 'paused' || kind === 'finished';
        if (nowReady && !ready) client.seek(this.targetHours);
        ready = nowReady;
        // A side that stopped for good holds the other back no longer.
        if (kind === 'failed') this.pump();
      }),
      client.watchFrames((timeHours) => {
        if (!reached(side, timeHours, this.targetHours)) return;
        this.shown[index] = true;
        this.pump();
      }),
    );
    void client.start(this.timeHours);
    return side;
  }

  /** Sends both sides to the page's time once both show the time they were last sent to. */
  private pump(): void {
    const sides = this.store.getState().sides;
    if (!sides || this.timeHours === this.targetHours) return;
    if (!sides.every((side, i) => this.shown[i] || side.store.getState().playback.kind === 'failed')) return;
    this.targetHours = this.timeHours;
    this.shown = [false, false];
    for (const side of sides) side.client.seek(this.targetHours);
  }

  private stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    for (const side of this.store.getState().sides ?? []) side.client.dispose();
    this.store.setState({ sides: null });
    this.runKey = '';
  }
}
