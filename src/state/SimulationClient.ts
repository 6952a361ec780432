import { proxy, transfer, wrap, type Remote } from 'comlink';
import { parameterProblem, resolveParameters } from '../model/parameters';
import { parseDecimal } from '../model/parseDecimal';
import type { SwcImportChoices } from '../model/swc/importSwcNeuron';
import type { Protocol } from '../model/Protocol';
import type { ScenarioName } from '../model/scenarios';
import { SPINE_FRAME_STRIDE } from '../model/writeSpineFrame';
import { FrameMailbox } from '../runtime/FrameMailbox';
import { controlsLocked, nextPlayback, wantsToPlay, type PlaybackEvent } from '../runtime/playbackMachine';
import type { FrameMessage, PlaybackSettings, RunSettings, SceneInfo, SimulationApi, SwcSource } from '../../workers/simulationApi';
import { doseWarnings } from '../model/mechanisms/ketamine';
import { addNotice, dismissNotice, type AppState, type AppStore } from './appState';
import { formatClock } from './formatClock';
import { liveRunExport, type LiveRunExport } from './liveRunExport';
import { previousRunAfterChange, previousRunLabel, worthKeeping, type RunIdentity } from './previousRun';
import { SEED_PATTERN } from './urlSettings';

/** A frame as the page holds it: the message plus a float view of its buffer. */
export interface ClientFrame extends FrameMessage {
  floats: Float32Array;
}

/** How often React-facing state (clock, counters) is refreshed from frames. */
const STATUS_INTERVAL_MS = 100;
const SERIES_INTERVAL_MS = 250;
const DETAILS_INTERVAL_MS = 500;
const WATCHDOG_INTERVAL_MS = 1500;
/**
 * A worker that does not answer a ping within this time is considered dead. The longest task it runs
 * between messages (growing 30 neurons on a reset) takes about 2 s on a slow machine.
 */
const WATCHDOG_TIMEOUT_MS = 5000;
/**
 * A load (a run built in a new worker, or rebuilt from day 0 in the current one) that takes longer than
 * this is abandoned: the worker is replaced and the input is not tried again. Building and catching up the
 * largest run the page offers (30 neurons to the end of the protocol) takes about 2 s here.
 */
export const LOAD_TIMEOUT_MS = 15_000;
/** More restarts than this within a minute: stop retrying and say so. */
const MAX_RESTARTS_PER_MINUTE = 3;

function runSettingsOf(state: AppState): RunSettings {
  return { scenario: state.scenario, seed: state.seed, parameters: state.parameters, neuronCount: state.neuronCount, ...(state.protocol ? { protocol: state.protocol } : {}), ...(state.swc ? { swc: state.swc } : {}) };
}

/** The store's fields that describe the run, as in `settings` (to show the run the worker really holds). */
function runFieldsOf(settings: RunSettings): Pick<AppState, 'scenario' | 'seed' | 'parameters' | 'protocol' | 'swc'> {
  return { scenario: settings.scenario, seed: String(settings.seed), parameters: settings.parameters, protocol: settings.protocol ?? null, swc: settings.swc ?? null };
}

/** Identifies a run's input, to remember which inputs a worker failed or stalled on. */
function inputKey(settings: RunSettings): string {
  return JSON.stringify([settings.scenario, settings.seed, settings.parameters, settings.neuronCount, settings.swc ?? null, settings.protocol ?? null]);
}

/** A note as a sentence: capitalised and ending in a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How a load ended: with a scene, refused by a worker that carries on, or abandoned with its worker. */
type LoadOutcome = { readonly info: SceneInfo } | { readonly refused: string } | { readonly abandoned: string };

function playbackOf(state: AppState, startHours: number): PlaybackSettings {
  return {
    playing: wantsToPlay(state.playback),
    speedHoursPerSecond: state.speedHoursPerSecond,
    storyPacing: state.storyPacing,
    framesPerSecond: state.testMode ? 6 : 60,
    startHours,
  };
}

/**
 * The page's side of the simulation worker: starts it, receives frames into a mailbox that the 3D view
 * drains once per display frame, mirrors the clock into the UI store at ≤10 Hz, forwards the user's
 * commands through the playback state machine, and restarts the worker, with everything the user set,
 * when it fails or stops answering. An input the worker failed or stalled on while loading it is never
 * tried again: the new worker comes back on the run before it, or on the procedural neurons.
 */
export class SimulationClient {
  private worker: Worker | null = null;
  private api: Remote<SimulationApi> | null = null;
  private readonly mailbox = new FrameMailbox<ClientFrame>((buffer) => {
    void this.api?.returnBuffer(transfer(buffer, [buffer])).catch(() => undefined);
  });
  private sceneGeneration = -1;
  private latest: ClientFrame | null = null;
  private latestShown: ClientFrame | null = null;
  private view: (() => void) | null = null;
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly intervals: ReturnType<typeof setInterval>[] = [];
  private booting = false;
  private restarting = false;
  private restartTimes: number[] = [];
  private bootToken = 0;
  /** Set by `dispose`: a boot or restart still in flight must not start another worker that nobody ends. */
  private disposed = false;
  private seriesInFlight = false;
  /** Automated checks waiting for a frame (see `spineRowsAt`); each says whether it took the frame. */
  private frameWaiters: ((frame: ClientFrame) => boolean)[] = [];
  /** Told the time of every frame as it arrives (runs shown beside this one follow its clock). */
  private readonly frameWatchers = new Set<(timeHours: number) => void>();
  /** The latest time a seek asked for that has not gone to the worker yet, and whether one is on its way. */
  private seekTarget: number | null = null;
  private seeking = false;
  private lastSeriesAt = 0;
  /**
   * The furthest the current run's chart series went before the user went back in time (the store holds
   * them only up to the moment shown), for the faint copy of the run when a change follows; null when the
   * store's series are the furthest.
   */
  private furthestSeries: AppState['series'] | null = null;
  /** The settings of the run the worker holds: what a new worker falls back to when a load fails. */
  private lastGood: RunSettings | null = null;
  /** Inputs a worker failed or stalled on while loading them. */
  private readonly failedInputs = new Set<string>();
  /** Settle the loads in flight when their worker is replaced. */
  private readonly loadsInFlight = new Set<(reason: string) => void>();
  /** Settles the boot in flight when its worker reports an error. */
  private bootDied: ((reason: string) => void) | null = null;
  private readonly onFrame = proxy((frame: FrameMessage) => this.receive(frame));

  private readonly loadTimeoutMs: number;

  /** `options.loadTimeoutMs` replaces LOAD_TIMEOUT_MS (tests). */
  constructor(
    private readonly store: AppStore,
    private readonly createWorker: () => Worker,
    options: { readonly loadTimeoutMs?: number } = {},
  ) {
    this.loadTimeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  }

  /** Boots the worker and starts the run described by the store, at `startHours` (a link's `t=`). */
  async start(startHours = 0): Promise<void> {
    this.intervals.push(
      setInterval(() => this.publishStatus(), STATUS_INTERVAL_MS),
      setInterval(() => void this.refreshDetails(), DETAILS_INTERVAL_MS),
      setInterval(() => void this.watchdog(), WATCHDOG_INTERVAL_MS),
    );
    await this.bootWithFallbacks(runSettingsOf(this.store.getState()), startHours, null);
  }

  dispose(): void {
    this.disposed = true;
    // Outdate the boot in flight and settle it now, so that it neither keeps nor replaces its worker.
    this.bootToken++;
    this.bootDied?.('the page closed the simulation');
    if (this.fallbackTimer !== null) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = null;
    for (const id of this.intervals) clearInterval(id);
    this.intervals.length = 0;
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  // --- the 3D view's side ------------------------------------------------------------------------

  /** The view registers how to request a redraw; while none is attached, frames are drained on a timer. */
  attachView(invalidate: () => void): () => void {
    this.view = invalidate;
    if (this.mailbox.hasPending) invalidate();
    return () => {
      if (this.view !== invalidate) return;
      this.view = null;
      // Nothing will draw the frames held now: drain them on the status timer so the worker keeps going.
      if (this.mailbox.holdsBuffers) this.scheduleFallbackDrain();
    };
  }

  /** The newest frame of the current run, or null. Call `releaseFrames` once it has been copied. */
  takeFrame(): ClientFrame | null {
    const frame = this.mailbox.take(this.sceneGeneration);
    if (frame) this.latestShown = frame;
    return frame;
  }

  releaseFrames(): void {
    this.mailbox.release();
  }

  /** Calls `watcher` with the simulated time of each frame of this run as it arrives; returns the unsubscribe. */
  watchFrames(watcher: (timeHours: number) => void): () => void {
    this.frameWatchers.add(watcher);
    return () => this.frameWatchers.delete(watcher);
  }

  // --- commands ----------------------------------------------------------------------------------

  togglePlay(): void {
    if (wantsToPlay(this.store.getState().playback)) this.pause();
    else this.play();
  }

  /** Plays; at the end of the protocol, starts the run again from day 0 and plays it. */
  play(): void {
    const before = this.store.getState().playback;
    const after = this.dispatch({ type: 'play' });
    if (before.kind === 'finished') void this.startRun();
    else if (after.kind === 'playing' && before.kind !== 'playing') void this.call((api) => api.play());
  }

  pause(): void {
    const before = this.store.getState().playback;
    if (this.dispatch({ type: 'pause' }).kind === 'paused' && before.kind !== 'paused') void this.call((api) => api.pause());
  }

  step(hours: number): void {
    if (this.locked) return;
    void this.call((api) => api.step(hours));
  }

  /**
   * Moves the clock to `hours` of simulated time, earlier or later than now; playing carries on from
   * there, paused stays paused, and after the end the run holds paused at that moment.
   */
  seek(hours: number): void {
    const playback = this.store.getState().playback;
    if (this.locked || playback.kind === 'starting' || !Number.isFinite(hours)) return;
    const target = Math.max(0, Math.min(hours, this.store.getState().clock.durationHours));
    if (playback.kind === 'finished' && target < this.store.getState().clock.durationHours) {
      // The last frame says "finished": forget it, or the next status tick would put the run back at the end.
      this.latest = null;
      this.dispatch({ type: 'movedBeforeEnd' });
    }
    // A drag asks for many times: one seek at a time goes to the worker, always the latest asked for.
    this.seekTarget = target;
    if (!this.seeking) void this.sendSeeks();
  }

  private async sendSeeks(): Promise<void> {
    this.seeking = true;
    try {
      while (this.seekTarget !== null) {
        const target = this.seekTarget;
        this.seekTarget = null;
        await this.call((api) => api.seek(target));
      }
    } finally {
      this.seeking = false;
    }
  }

  setSpeed(hoursPerSecond: number): void {
    this.store.setState({ speedHoursPerSecond: hoursPerSecond });
    void this.call((api) => api.setSpeed(hoursPerSecond));
  }

  setStoryPacing(on: boolean): void {
    this.store.setState({ storyPacing: on });
    void this.call((api) => api.setStoryPacing(on));
  }

  setScenario(scenario: ScenarioName): void {
    if (this.locked) return;
    this.store.setState({ scenario, protocol: null });
    void this.startRun();
  }

  /**
   * Runs `protocol` (built in the editor or imported) from day 0 instead of the scenario's; null goes
   * back to the scenario's. Returns the refusal in words, or null when the run started.
   */
  async setProtocol(protocol: Protocol | null): Promise<string | null> {
    if (this.locked) return this.notRunning;
    this.store.setState({ protocol });
    const outcome = await this.startRun({ quiet: true });
    return 'info' in outcome ? null : 'refused' in outcome ? outcome.refused : outcome.abandoned;
  }

  /** Returns a problem in plain words, or null when the seed was taken. */
  setSeed(seed: string): string | null {
    const trimmed = seed.trim();
    if (!SEED_PATTERN.test(trimmed)) return 'A seed is 1 to 40 letters, digits, - or _ (for example 7 or lecture-1).';
    if (this.locked) return this.notRunning;
    this.store.setState({ seed: trimmed });
    void this.startRun();
    return null;
  }

  /**
   * Grows spines on a reconstructed neuron (SWC text) instead of the procedural ones, from day 0, with the
   * user's import choices (the CLI's: loops refused unless repair is asked for, scale, orientation). A file
   * the importer refuses leaves the current run untouched; one the worker fails or stalls on is dropped
   * and the run before it comes back. Either way the reason is shown at the top of the page, with what the
   * user can do about it. Resolves with the problem, or null.
   */
  async loadSwc(fileName: string, text: string, choices: SwcImportChoices = {}): Promise<string | null> {
    if (!this.api || this.locked) return this.notRunning;
    const fallback = this.neuronsOf(this.lastGood);
    const source: SwcSource = { fileName, text, ...choices };
    this.store.setState({ swc: source });
    const outcome = await this.startRun({ quiet: true });
    if ('refused' in outcome) {
      const problem = `${fileName} could not be used: ${outcome.refused}`;
      // The CLI's --repair-loops, offered where it applies.
      const loops = !choices.repairLoops && /names itself as its parent|each other's parents in a loop/.test(outcome.refused);
      const repair = { label: 'Load it with the loops made roots', run: () => void this.loadSwc(fileName, text, { ...choices, repairLoops: true }) };
      addNotice(this.store, 'error', problem, loops ? { actions: [repair] } : {});
      return problem;
    }
    if ('abandoned' in outcome) return `${fileName} could not be loaded: ${outcome.abandoned}. It will not be tried again; the simulation went back to ${fallback}.`;
    const imported = outcome.info.imported;
    if (imported) this.reportImport(source, imported);
    return null;
  }

  /**
   * What an import did, as one message: what was loaded, every note of the importer (grouped by kind, with
   * line numbers) under it, a field for the file's scale, and an undo for the pia-up turn.
   */
  private reportImport(source: SwcSource, imported: NonNullable<SceneInfo['imported']>): void {
    const millimetres = (imported.spinyLengthUm / 1000).toLocaleString('en', { maximumFractionDigits: 2 });
    const turn = imported.orientation
      ? ` It was turned ${imported.orientation.degrees}° so that ${imported.orientation.by === 'apical dendrite' ? 'its apical dendrite' : 'the long side of its dendrites'} points up (pia up).`
      : '';
    const text = `Growing spines on ${imported.name} (${imported.sampleCount.toLocaleString('en')} samples, ${millimetres} mm of dendrite).${turn}`;
    const reload = (choices: SwcImportChoices) => void this.loadSwc(source.fileName, source.text, { ...source, ...choices });
    const actions = imported.orientation ? [{ label: 'Keep the file’s orientation', run: () => reload({ orientation: 'file' }) }]
      : source.orientation === 'file' ? [{ label: 'Stand it pia-up', run: () => reload({ orientation: 'pia-up' }) }] : [];
    addNotice(this.store, 'info', text, {
      details: imported.warnings.map(sentence),
      actions,
      input: {
        label: 'Scale (µm per file unit)',
        value: String(source.umPerUnit ?? 1),
        submitLabel: 'Apply',
        submit: (value) => {
          const scale = parseDecimal(value.trim());
          if (!(scale !== undefined && scale > 0 && scale <= 1e6)) return 'Give a positive number, such as 0.001 for nanometres.';
          reload({ umPerUnit: scale });
          return null;
        },
      },
    });
  }

  /** Back to the procedural neurons. */
  useProceduralNeurons(): void {
    if (!this.store.getState().swc || this.locked) return;
    this.store.setState({ swc: null });
    void this.startRun();
  }

  /** Starts the current run again from day 0; `clearPreviousRun` also drops the faint copy (Reset all). */
  reset({ clearPreviousRun = false } = {}): void {
    if (this.locked) return;
    void this.startRun({ clearPreviousRun });
  }

  /**
   * After the simulation failed for good: a new worker from day 0 with the procedural neurons and the
   * default parameters (scenario, seed and speed kept), as if the page had just been opened.
   */
  startAfresh(): void {
    if (this.store.getState().playback.kind !== 'failed') return;
    this.restartTimes = [];
    this.failedInputs.clear();
    this.dispatch({ type: 'startAfresh' });
    this.store.setState({ swc: null, parameters: {}, protocol: null });
    void this.bootWithFallbacks(runSettingsOf(this.store.getState()), 0, null);
  }

  /**
   * Replaces the parameter overrides. Each value is checked against the schema first; an invalid one is
   * refused with the reason and nothing is sent. Resolves with the problem, or null when applied.
   */
  async setParameters(overrides: Readonly<Record<string, number>>): Promise<string | null> {
    for (const [name, value] of Object.entries(overrides)) {
      const problem = parameterProblem(name, value);
      if (problem) return problem;
    }
    const api = this.api;
    if (!api || this.locked) return this.notRunning;
    const before = this.store.getState();
    try {
      await api.setParameters(overrides);
    } catch (error) {
      return messageOf(error);
    }
    // Changed after going back in time: the run as it went before stays on the charts, faintly.
    const furthest = this.furthestOf(before.series);
    const previousRun = previousRunAfterChange(furthest, before.clock.timeHours, resolveParameters(before.parameters), resolveParameters(overrides));
    this.furthestSeries = null;
    if (previousRun) this.store.setState({ previousRun });
    this.store.setState({ parameters: { ...overrides }, parameterChanges: await api.parameterChanges().catch(() => this.store.getState().parameterChanges) });
    if (this.lastGood) this.lastGood = { ...this.lastGood, parameters: { ...overrides } };
    return null;
  }

  /** Selects the spine in `slot` (-1: none). While two conditions show side by side this run is not drawn, so none of its spines can be picked. */
  select(slot: number): void {
    if (slot >= 0 && this.store.getState().compare !== null) return;
    this.store.setState({ selectedSlot: slot, details: null });
    void this.refreshDetails();
    this.view?.();
  }

  /** For automated checks: makes the worker fail as a model error would. */
  crashWorker(): void {
    void this.api?.crash().catch(() => undefined);
  }

  /** For automated checks: keeps the worker busy for `ms`, as an input that takes forever would. */
  stallWorker(ms: number): void {
    void this.api?.stall(ms).catch(() => undefined);
  }

  /**
   * The neuron(s) with every live spine at the current simulated time, as JSON text, with a file name that
   * records scenario, seed and time. Null while the worker is restarting.
   */
  async exportSpines(): Promise<{ fileName: string; json: string } | null> {
    const api = this.api;
    if (!api || this.locked) return null;
    const json = await api.exportSpines();
    const state = this.store.getState();
    const hours = Math.round(state.clock.timeHours);
    return { fileName: `spinelab-${state.scenario}-seed${state.seed}-${hours}h-spines.json`, json };
  }

  /**
   * The live run's readouts as the CLI writes them (see liveRunExport): the worker carries a copy of the
   * run to the end of its protocol, with every mid-run change, and scores it. Null while the worker is
   * restarting, or when a new run started meanwhile.
   */
  async exportRun(): Promise<LiveRunExport | null> {
    const api = this.api;
    const scene = this.store.getState().scene;
    const settings = this.lastGood;
    if (!api || this.locked || !scene || !settings) return null;
    const finished = await api.finishedRun();
    if (finished.generation !== this.sceneGeneration) return null;
    return liveRunExport({ scenario: settings.scenario, seed: finished.result.seed, protocol: scene.protocol, parameters: scene.parameters, swc: settings.swc ?? null, changes: finished.changes }, finished.result);
  }

  /** For automated checks: the worker vanishes without a word, as when a browser kills it. */
  killWorkerSilently(): void {
    this.worker?.terminate();
  }

  /** The current run's series as far as they went: `series`, or the longer ones held before going back. */
  private furthestOf(series: AppState['series']): AppState['series'] {
    const furthest = this.furthestSeries;
    return furthest && furthest.sessions.length > series.sessions.length ? furthest : series;
  }

  /** The run settings the worker holds (automated checks compare them across a restart). */
  /**
   * For automated checks: the spine rows (see writeSpineFrame) of the next frame that shows `timeHours`,
   * copied as numbers, to compare what the view is given after playing, stepping or seeking.
   */
  spineRowsAt(timeHours: number): Promise<number[]> {
    return new Promise((resolve) => {
      this.frameWaiters.push((frame) => {
        if (Math.abs(frame.timeHours - timeHours) > 1e-9) return false;
        resolve(Array.from(frame.floats.subarray(0, frame.spineCount * SPINE_FRAME_STRIDE)));
        return true;
      });
    });
  }

  async runSettings(): Promise<RunSettings | null> {
    return this.api ? this.api.runSettings() : null;
  }

  /** The playback settings the worker holds (automated checks confirm that a setting arrived). */
  async workerPlayback(): Promise<PlaybackSettings | null> {
    return this.api ? this.api.playbackSettings() : null;
  }

  /** The frame most recently drawn (spine rows for picking). */
  get shownFrame(): ClientFrame | null {
    return this.latestShown;
  }

  // --- internals ---------------------------------------------------------------------------------

  private get locked(): boolean {
    return controlsLocked(this.store.getState().playback);
  }

  /** Why a command that needs a running simulation cannot be carried out now. */
  private get notRunning(): string {
    return this.store.getState().playback.kind === 'failed'
      ? 'The simulation has stopped: reload the page or press Reset in the message above first.'
      : 'The simulation is restarting; try again in a moment.';
  }

  private dispatch(event: PlaybackEvent) {
    this.store.setState((s) => ({ playback: nextPlayback(s.playback, event) }));
    return this.store.getState().playback;
  }

  /** The run is ready again: the worker plays or pauses as the state machine says. */
  private runReady(): void {
    const playback = this.dispatch({ type: 'runReady' });
    if (playback.kind === 'playing') void this.call((api) => api.play());
    if (playback.kind === 'paused') void this.call((api) => api.pause());
  }

  private get timeoutReason(): string {
    return `it did not finish loading within ${this.loadTimeoutMs / 1000} s`;
  }

  private neuronsOf(settings: RunSettings | null): string {
    return settings?.swc ? settings.swc.fileName : 'the procedural neurons';
  }

  private async call(command: (api: Remote<SimulationApi>) => Promise<unknown>): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      await command(api);
    } catch (error) {
      addNotice(this.store, 'error', `The simulation refused a command: ${messageOf(error)}`);
    }
  }

  /**
   * Builds the run the store describes from day 0 in the current worker. A refusal leaves the worker's
   * run as it was; a load that fails the worker or stalls it past LOAD_TIMEOUT_MS is abandoned, and the
   * worker restarted on the run before it. Either way the store goes back to the run the worker holds,
   * and (unless `quiet`: the caller reports) a notice says why.
   */
  private async startRun({ quiet = false, clearPreviousRun = false } = {}): Promise<LoadOutcome> {
    const api = this.api;
    if (!api) return { refused: 'the simulation is restarting' };
    const settings = runSettingsOf(this.store.getState());
    const previous = this.lastGood;
    const before = this.store.getState();
    const beforeSeries = this.furthestOf(before.series);
    this.dispatch({ type: 'runStarting' });
    const outcome = await this.load(api.reset(settings), settings);
    if ('info' in outcome) {
      // The run before stays on the charts, faintly, when it differed from the new one (see previousRun.ts).
      const identity = (scene: SceneInfo, run: RunSettings, changes: AppState['parameterChanges']): RunIdentity => ({ seed: run.seed, protocol: scene.protocol, parameters: scene.parameters, neurons: run.swc?.fileName ?? null, changes });
      const label = before.scene && previous && worthKeeping(beforeSeries) ? previousRunLabel(identity(before.scene, previous, before.parameterChanges), identity(outcome.info, settings, [])) : null;
      const previousRun = clearPreviousRun ? null : label ? { label, sessions: beforeSeries.sessions, behaviour: beforeSeries.behaviour } : this.store.getState().previousRun;
      this.applyScene(outcome.info);
      this.store.setState({ previousRun });
      this.lastGood = settings;
      this.runReady();
      return outcome;
    }
    if ('refused' in outcome) {
      if (this.lastGood) this.store.setState(runFieldsOf(this.lastGood));
      this.runReady();
      if (!quiet) addNotice(this.store, 'error', `The run could not be started: ${outcome.refused}`);
    } else if (!quiet) {
      addNotice(this.store, 'error', `The new run could not be loaded: ${outcome.abandoned}. It will not be tried again; the simulation went back to the run before it${previous ? ` (${previous.scenario}, seed ${previous.seed}, ${this.neuronsOf(previous)})` : ''}.`);
    }
    return outcome;
  }

  /** Races a reset against its worker's failure and the load timeout. */
  private load(reset: Promise<SceneInfo>, settings: RunSettings): Promise<LoadOutcome> {
    return new Promise<LoadOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: LoadOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.loadsInFlight.delete(abandon);
        resolve(outcome);
      };
      const abandon = (reason: string) => {
        this.failedInputs.add(inputKey(settings));
        settle({ abandoned: reason });
      };
      this.loadsInFlight.add(abandon);
      const timer = setTimeout(() => void this.recover(this.timeoutReason), this.loadTimeoutMs);
      reset.then(
        (info) => settle({ info }),
        (error: unknown) => settle({ refused: messageOf(error) }),
      );
    });
  }

  /**
   * Starts a worker on `settings`, or, when that input already failed a worker, on the run before it or
   * on the procedural neurons; gives up (the failed state) when nothing is left to try or restarts come
   * too often. `cause` is why the previous worker went away (null at the first start).
   */
  private async bootWithFallbacks(settings: RunSettings, startHours: number, cause: string | null): Promise<void> {
    let candidate = settings;
    let why = cause;
    for (;;) {
      if (this.disposed) return;
      if (this.failedInputs.has(inputKey(candidate)) && candidate.swc) {
        const { swc: _dropped, ...procedural } = candidate;
        candidate = procedural;
      }
      if (this.failedInputs.has(inputKey(candidate)) || (why !== null && this.tooManyRestarts())) {
        this.giveUp(why ?? 'it could not start');
        return;
      }
      this.store.setState(runFieldsOf(candidate));
      const notice = why === null ? null : addNotice(this.store, 'error', `The simulation stopped unexpectedly (${why}). Restarting it with ${this.describeRun(candidate)}…`);
      const problem = await this.boot(candidate, startHours);
      if (notice !== null) dismissNotice(this.store, notice);
      if (problem === null) {
        if (why !== null) {
          addNotice(this.store, 'info', `The simulation stopped unexpectedly (${why}). It was restarted with ${this.describeRun(candidate)}, and has caught up to ${formatClock(startHours)} (parameter changes made during the run now apply from day 0, so details can differ).`);
        }
        return;
      }
      this.failedInputs.add(inputKey(candidate));
      why = problem;
    }
  }

  private describeRun(settings: RunSettings): string {
    return `your scenario, seed and current parameters${settings.swc ? ` on ${settings.swc.fileName}` : ''}`;
  }

  private tooManyRestarts(): boolean {
    const now = Date.now();
    this.restartTimes = this.restartTimes.filter((t) => now - t < 60_000);
    this.restartTimes.push(now);
    return this.restartTimes.length > MAX_RESTARTS_PER_MINUTE;
  }

  private giveUp(cause: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.mailbox.clear();
    this.dispatch({ type: 'gaveUp', reason: cause });
  }

  /** Starts a new worker on `settings`; resolves with null once it runs, or with why it did not. */
  private async boot(settings: RunSettings, startHours: number): Promise<string | null> {
    if (this.disposed) return 'the page closed the simulation';
    const token = ++this.bootToken;
    this.booting = true;
    const worker = this.createWorker();
    const died = new Promise<string>((resolve) => {
      this.bootDied = resolve;
    });
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      if (this.booting) this.bootDied?.(reason);
      else void this.recover(reason);
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      lost(event.message || 'the simulation worker failed');
    });
    worker.addEventListener('messageerror', () => lost('a message from the simulation could not be read'));
    this.worker = worker;
    this.api = wrap<SimulationApi>(worker);
    this.mailbox.clear();
    // A new worker counts runs from 1 again: forget the old run's generation and frames, and keep any
    // frame that arrives before the scene does until it can be shown.
    this.sceneGeneration = -1;
    this.latest = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(this.timeoutReason), this.loadTimeoutMs);
    });
    try {
      const started = this.api.start(settings, playbackOf(this.store.getState(), startHours), this.onFrame).then((info) => ({ info }));
      const outcome = await Promise.race([started, died.then((reason) => ({ reason })), timedOut.then((reason) => ({ reason }))]);
      if (token !== this.bootToken) return 'it was replaced';
      if ('reason' in outcome) {
        worker.terminate();
        return outcome.reason.replace(/^Uncaught (Error: )?/, '');
      }
      this.lastGood = settings;
      this.applyScene(outcome.info);
      this.runReady();
      return null;
    } catch (error) {
      worker.terminate();
      return messageOf(error);
    } finally {
      clearTimeout(timer);
      if (token === this.bootToken) {
        this.booting = false;
        this.bootDied = null;
      }
    }
  }

  /**
   * The worker failed or went silent: start a new one with the same scenario, seed and parameters. When it
   * went while loading a new run, that input is not tried again: the new worker comes back on the run
   * before it.
   */
  private async recover(reason: string): Promise<void> {
    if (this.restarting || this.disposed) return;
    this.restarting = true;
    const cause = reason.replace(/^Uncaught (Error: )?/, '');
    const timeHours = this.latest?.timeHours ?? this.store.getState().clock.timeHours;
    const loading = this.loadsInFlight.size > 0;
    const settings = loading && this.lastGood ? this.lastGood : runSettingsOf(this.store.getState());
    const why = `the simulation ${cause.startsWith('it ') ? cause.slice(3) : `failed while loading it (${cause})`}`;
    for (const abandon of [...this.loadsInFlight]) abandon(why);
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.mailbox.clear();
    this.dispatch({ type: 'workerLost' });
    await this.bootWithFallbacks(settings, timeHours, cause);
    this.restarting = false;
  }

  private receive(message: FrameMessage): void {
    const frame = message as ClientFrame;
    frame.floats = new Float32Array(frame.buffer);
    if (frame.generation < this.sceneGeneration) {
      void this.api?.returnBuffer(transfer(frame.buffer, [frame.buffer])).catch(() => undefined);
      return;
    }
    this.mailbox.deliver(frame);
    this.latest = frame;
    this.frameWaiters = this.frameWaiters.filter((waiter) => !waiter(frame));
    if (frame.generation === this.sceneGeneration) for (const watcher of this.frameWatchers) watcher(frame.timeHours);
    if (this.view) this.view();
    else this.scheduleFallbackDrain();
  }

  /** Without a 3D view (no WebGL), frames are still taken and handed back, at the status rate. */
  private scheduleFallbackDrain(): void {
    if (this.fallbackTimer !== null) return;
    this.fallbackTimer = setTimeout(() => {
      this.fallbackTimer = null;
      if (this.view) return;
      this.takeFrame();
      this.releaseFrames();
    }, STATUS_INTERVAL_MS);
  }

  private applyScene(info: SceneInfo): void {
    this.sceneGeneration = info.generation;
    if (this.latest && this.latest.generation < info.generation) this.latest = null;
    this.store.setState((s) => ({
      scene: info,
      series: { generation: info.generation, sessions: [], behaviour: [] },
      parameterChanges: [],
      clock: { ...s.clock, timeHours: info.timeHours, durationHours: info.protocol.durationHours, finished: false },
      selectedSlot: -1,
      details: null,
    }));
    this.lastSeriesAt = 0;
    this.furthestSeries = null;
    // A dose outside the range the model was built for (an imported protocol's) is said, as the CLI does.
    for (const warning of doseWarnings(info.protocol.ketamine)) addNotice(this.store, 'info', `This run's ${warning}.`);
    if (this.view) this.view();
    else if (this.mailbox.holdsBuffers) this.scheduleFallbackDrain();
  }

  private publishStatus(): void {
    const frame = this.latest;
    if (!frame || frame.generation !== this.sceneGeneration) return;
    const state = this.store.getState();
    const clock = state.clock;
    if (
      clock.timeHours !== frame.timeHours ||
      clock.visibleSpines !== frame.visibleSpines ||
      clock.liveSpines !== frame.liveSpines ||
      clock.escapeIndex !== frame.escapeIndex ||
      clock.finished !== frame.finished ||
      clock.speedHoursPerSecond !== frame.speedHoursPerSecond
    ) {
      this.store.setState({
        clock: {
          timeHours: frame.timeHours,
          durationHours: frame.durationHours,
          finished: frame.finished,
          speedHoursPerSecond: frame.speedHoursPerSecond,
          liveSpines: frame.liveSpines,
          visibleSpines: frame.visibleSpines,
          escapeIndex: frame.escapeIndex,
        },
      });
    }
    // The worker pauses itself at the end of the protocol.
    if (frame.finished) this.dispatch({ type: 'reachedEnd' });
    const series = state.series;
    if (frame.sessionCount < series.sessions.length || frame.behaviourCount < series.behaviour.length) {
      // The clock went back (seeking): the charts show the run up to the moment on screen.
      if (!this.furthestSeries || this.furthestSeries.sessions.length < series.sessions.length) this.furthestSeries = series;
      this.store.setState({ series: { ...series, sessions: series.sessions.slice(0, frame.sessionCount), behaviour: series.behaviour.slice(0, frame.behaviourCount) } });
      return;
    }
    const now = performance.now();
    if (
      !this.seriesInFlight &&
      now - this.lastSeriesAt >= SERIES_INTERVAL_MS &&
      (frame.sessionCount > series.sessions.length || frame.behaviourCount > series.behaviour.length)
    ) {
      void this.fetchSeries(series.sessions.length, series.behaviour.length);
    }
  }

  private async fetchSeries(fromSession: number, fromBehaviour: number): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.seriesInFlight = true;
    this.lastSeriesAt = performance.now();
    try {
      const update = await api.series(fromSession, fromBehaviour);
      this.store.setState((s) => {
        if (update.generation !== s.series.generation || s.series.sessions.length !== fromSession || s.series.behaviour.length !== fromBehaviour) return {};
        return {
          series: {
            generation: update.generation,
            sessions: [...s.series.sessions, ...update.sessions],
            behaviour: [...s.series.behaviour, ...update.behaviour],
          },
        };
      });
    } catch {
      // The worker is restarting; the next status tick asks again.
    } finally {
      this.seriesInFlight = false;
    }
  }

  private async refreshDetails(): Promise<void> {
    const { selectedSlot } = this.store.getState();
    const api = this.api;
    if (selectedSlot < 0 || !api) return;
    try {
      const details = await api.spineDetails(selectedSlot);
      if (this.store.getState().selectedSlot !== selectedSlot) return;
      const previous = this.store.getState().details;
      // A freed slot may be reused by a newborn spine: the selection follows the spine, not the slot.
      if (previous && details && details.serial !== previous.serial) {
        this.store.setState({ details: null, selectedSlot: -1 });
        return;
      }
      this.store.setState({ details });
    } catch {
      // Ignore: the worker may be restarting.
    }
  }

  private async watchdog(): Promise<void> {
    const api = this.api;
    // A load in flight has its own, longer, timeout.
    if (!api || this.booting || this.restarting || this.loadsInFlight.size > 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await Promise.race([
      api.ping().then(() => true, () => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), WATCHDOG_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!answered && this.api === api && !this.booting && this.loadsInFlight.size === 0) void this.recover('it stopped responding');
  }
}
