import { proxy, transfer, wrap, type Remote } from 'comlink';
import { parameterProblem } from '../model/parameters';
import type { ScenarioName } from '../model/scenarios';
import { FrameMailbox } from '../runtime/FrameMailbox';
import type { FrameMessage, PlaybackSettings, RunSettings, SceneInfo, SimulationApi } from '../../workers/simulationApi';
import { addNotice, dismissNotice, type AppState, type AppStore } from './appState';
import { formatClock } from './formatClock';
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
/** More restarts than this within a minute: stop retrying and say so. */
const MAX_RESTARTS_PER_MINUTE = 3;

function runSettingsOf(state: AppState): RunSettings {
  return { scenario: state.scenario, seed: state.seed, parameters: state.parameters, neuronCount: state.neuronCount, ...(state.swc ? { swc: state.swc } : {}) };
}

function playbackOf(state: AppState, startHours: number): PlaybackSettings {
  return {
    playing: state.playing,
    speedHoursPerSecond: state.speedHoursPerSecond,
    storyPacing: state.storyPacing,
    framesPerSecond: state.testMode ? 6 : 60,
    startHours,
  };
}

/**
 * The page's side of the simulation worker: starts it, receives frames into a mailbox that the 3D view
 * drains once per display frame, mirrors the clock into the UI store at ≤10 Hz, forwards the user's
 * commands, and restarts the worker, with everything the user set, when it fails or stops answering.
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
  private seriesInFlight = false;
  private lastSeriesAt = 0;
  private readonly onFrame = proxy((frame: FrameMessage) => this.receive(frame));

  constructor(
    private readonly store: AppStore,
    private readonly createWorker: () => Worker,
  ) {}

  /** Boots the worker and starts the run described by the store. */
  async start(): Promise<void> {
    this.intervals.push(
      setInterval(() => this.publishStatus(), STATUS_INTERVAL_MS),
      setInterval(() => void this.refreshDetails(), DETAILS_INTERVAL_MS),
      setInterval(() => void this.watchdog(), WATCHDOG_INTERVAL_MS),
    );
    await this.boot(0);
  }

  dispose(): void {
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

  // --- commands ----------------------------------------------------------------------------------

  togglePlay(): void {
    if (this.store.getState().playing) this.pause();
    else this.play();
  }

  play(): void {
    const finished = this.store.getState().clock.finished;
    this.store.setState({ playing: true });
    if (finished) void this.restartRun().then(() => this.call((api) => api.play()));
    else void this.call((api) => api.play());
  }

  pause(): void {
    this.store.setState({ playing: false });
    void this.call((api) => api.pause());
  }

  step(hours: number): void {
    void this.call((api) => api.step(hours));
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
    this.store.setState({ scenario });
    void this.restartRun();
  }

  /** Returns a problem in plain words, or null when the seed was taken. */
  setSeed(seed: string): string | null {
    const trimmed = seed.trim();
    if (!SEED_PATTERN.test(trimmed)) return 'A seed is 1 to 40 letters, digits, - or _ (for example 7 or lecture-1).';
    this.store.setState({ seed: trimmed });
    void this.restartRun();
    return null;
  }

  /**
   * Grows spines on a reconstructed neuron (SWC text) instead of the procedural ones, from day 0. A file
   * the importer refuses leaves the current run untouched; resolves with the problem, or null.
   */
  async loadSwc(fileName: string, text: string): Promise<string | null> {
    const api = this.api;
    if (!api) return 'The simulation is restarting; try again in a moment.';
    const previous = this.store.getState().swc;
    this.store.setState({ swc: { fileName, text } });
    try {
      const info = await api.reset(runSettingsOf(this.store.getState()));
      this.applyScene(info);
      const imported = info.imported;
      if (imported) {
        const warnings = imported.warnings.length > 0 ? ` The importer noted: ${imported.warnings.slice(0, 3).join(' ')}${imported.warnings.length > 3 ? ` (and ${imported.warnings.length - 3} more)` : ''}` : '';
        addNotice(this.store, 'info', `Growing spines on ${imported.name} (${imported.sampleCount.toLocaleString('en')} samples).${warnings}`);
      }
      return null;
    } catch (error) {
      this.store.setState({ swc: previous });
      const message = error instanceof Error ? error.message : String(error);
      return `${fileName} could not be used: ${message}`;
    }
  }

  /** Back to the procedural neurons. */
  useProceduralNeurons(): void {
    if (!this.store.getState().swc) return;
    this.store.setState({ swc: null });
    void this.restartRun();
  }

  /** Starts the current run again from day 0. */
  reset(): void {
    void this.restartRun();
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
    if (!api) return 'The simulation is restarting; try again in a moment.';
    try {
      await api.setParameters(overrides);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    this.store.setState({ parameters: { ...overrides } });
    return null;
  }

  select(slot: number): void {
    this.store.setState({ selectedSlot: slot, details: null });
    void this.refreshDetails();
    this.view?.();
  }

  /** For automated checks: makes the worker fail as a model error would. */
  crashWorker(): void {
    void this.api?.crash().catch(() => undefined);
  }

  /**
   * The neuron(s) with every live spine at the current simulated time, as JSON text, with a file name that
   * records scenario, seed and time. Null while the worker is restarting.
   */
  async exportSpines(): Promise<{ fileName: string; json: string } | null> {
    const api = this.api;
    if (!api) return null;
    const json = await api.exportSpines();
    const state = this.store.getState();
    const hours = Math.round(state.clock.timeHours);
    return { fileName: `spinelab-${state.scenario}-seed${state.seed}-${hours}h-spines.json`, json };
  }

  /** For automated checks: the worker vanishes without a word, as when a browser kills it. */
  killWorkerSilently(): void {
    this.worker?.terminate();
  }

  /** The run settings the worker holds (automated checks compare them across a restart). */
  async runSettings(): Promise<RunSettings | null> {
    return this.api ? this.api.runSettings() : null;
  }

  /** The frame most recently drawn (spine rows for picking). */
  get shownFrame(): ClientFrame | null {
    return this.latestShown;
  }

  // --- internals ---------------------------------------------------------------------------------

  private async call(command: (api: Remote<SimulationApi>) => Promise<unknown>): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      await command(api);
    } catch (error) {
      addNotice(this.store, 'error', `The simulation refused a command: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async restartRun(): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      this.applyScene(await api.reset(runSettingsOf(this.store.getState())));
    } catch (error) {
      addNotice(this.store, 'error', `The run could not be started: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async boot(startHours: number): Promise<boolean> {
    const token = ++this.bootToken;
    this.booting = true;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.worker === worker) void this.recover(event.message || 'the simulation worker failed');
    });
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker) void this.recover('a message from the simulation could not be read');
    });
    this.worker = worker;
    this.api = wrap<SimulationApi>(worker);
    this.mailbox.clear();
    // A new worker counts runs from 1 again: forget the old run's generation and frames, and keep any
    // frame that arrives before the scene does until it can be shown.
    this.sceneGeneration = -1;
    this.latest = null;
    try {
      const state = this.store.getState();
      const info = await this.api.start(runSettingsOf(state), playbackOf(state, startHours), this.onFrame);
      if (token !== this.bootToken) return false;
      this.applyScene(info);
      this.store.setState({ workerStatus: 'running' });
      return true;
    } catch (error) {
      if (token !== this.bootToken) return false;
      addNotice(this.store, 'error', `The simulation could not start: ${error instanceof Error ? error.message : String(error)}`);
      this.store.setState({ workerStatus: 'failed' });
      return false;
    } finally {
      if (token === this.bootToken) this.booting = false;
    }
  }

  /** The worker failed or went silent: start a new one with the same scenario, seed and parameters. */
  private async recover(reason: string): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    const now = Date.now();
    this.restartTimes = this.restartTimes.filter((t) => now - t < 60_000);
    this.restartTimes.push(now);
    const timeHours = this.latest?.timeHours ?? this.store.getState().clock.timeHours;
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.mailbox.clear();
    const cause = reason.replace(/^Uncaught (Error: )?/, '');
    if (this.restartTimes.length > MAX_RESTARTS_PER_MINUTE) {
      this.store.setState({ workerStatus: 'failed', playing: false });
      addNotice(this.store, 'error', `The simulation keeps failing (${cause}). Reload the page to start it again; your link keeps the scenario, seed and speed.`);
      this.restarting = false;
      return;
    }
    this.store.setState({ workerStatus: 'restarting' });
    const notice = addNotice(this.store, 'error', `The simulation stopped unexpectedly (${cause}). Restarting it with your scenario, seed and parameters…`);
    const ok = await this.boot(timeHours);
    dismissNotice(this.store, notice);
    if (ok) {
      addNotice(this.store, 'info', `The simulation stopped unexpectedly (${cause}). It was restarted with your scenario, seed and current parameters, and has caught up to ${formatClock(timeHours)} (parameter changes made during the run now apply from day 0, so details can differ).`);
    }
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
      clock: { ...s.clock, timeHours: info.timeHours, durationHours: info.protocol.durationHours, finished: false },
      selectedSlot: -1,
      details: null,
    }));
    this.lastSeriesAt = 0;
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
    if (frame.finished && !frame.playing && state.playing) this.store.setState({ playing: false });
    const series = state.series;
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
    if (!api || this.booting || this.restarting) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await Promise.race([
      api.ping().then(() => true, () => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), WATCHDOG_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!answered && this.api === api && !this.booting) void this.recover('it stopped responding');
  }
}
