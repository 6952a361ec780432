import { transfer } from 'comlink';
import type { Neuron } from '../src/model/Morphology';
import { LOST_SITE_STRIDE, LostSiteMarkers } from '../src/model/LostSiteMarkers';
import { neuronLayout } from '../src/model/neuronLayout';
import { resolveParameters, type Parameters } from '../src/model/parameters';
import type { Protocol } from '../src/model/Protocol';
import { scenarioProtocol, type ScenarioName } from '../src/model/scenarios';
import { scoreInterval } from '../src/model/observables/scoreInterval';
import { Simulation, type BehaviourSample } from '../src/model/Simulation';
import { importSwcNeuron, type SwcImportChoices } from '../src/model/swc/importSwcNeuron';
import type { SwcReorientation } from '../src/model/swc/neuronFromSwc';
import { exportSpines } from '../src/model/exportSpines';
import { cohortNames, FLAG_ABLATED, FLAG_NEAR_LOST_SITE, SpineStatus } from '../src/model/SpineStore';
import { headDiameterUm, SPINE_FRAME_STRIDE, spineCategory, writeSpineFrame, type SpineCategory } from '../src/model/writeSpineFrame';
import { buildDendriteMesh, dendriteMeshBuffers, type DendriteMesh } from '../src/runtime/dendriteMesh';
import { storyPacedSpeed, storyPacedTarget } from '../src/runtime/storyPacing';
import { checkWorkBudget } from '../src/model/workBudget';
import { RunHistory, type ParameterChange } from './RunHistory';
import { summariseSimulation, type ReplicateResult } from '../src/model/runReplicate';

/** What a run is made of: everything needed to recreate it exactly (after a crash, say). */
export interface RunSettings {
  readonly scenario: ScenarioName;
  readonly seed: number | string;
  /** Parameter overrides relative to the defaults (validated). */
  readonly parameters: Readonly<Record<string, number>>;
  readonly neuronCount: number;
  /** A full protocol to run instead of the scenario's (for imported or edited protocols). */
  readonly protocol?: Protocol;
  /** A reconstructed neuron (SWC text) to grow spines on instead of procedural neurons, with the user's
   * import choices (the same as the CLI's: loops are refused unless repair is asked for). */
  readonly swc?: SwcSource;
}

export interface SwcSource extends SwcImportChoices {
  readonly fileName: string;
  readonly text: string;
}

export interface PlaybackSettings {
  readonly playing: boolean;
  /** Simulated hours per wall-clock second. */
  readonly speedHoursPerSecond: number;
  /** Slow down around ketamine doses (see `storyPacedSpeed`). */
  readonly storyPacing: boolean;
  /** Upper bound on frames sent per second (lower it for software rendering). */
  readonly framesPerSecond: number;
  /** Where to start the clock (used to catch up after a restart); 0 when absent. */
  readonly startHours?: number;
}

/** Sent once per run (start or reset): what the view needs to build the static scene. */
export interface SceneInfo {
  readonly generation: number;
  readonly protocol: Protocol;
  readonly neurons: readonly Neuron[];
  /** x, y, z display offset per neuron (µm). */
  readonly neuronOffsetsUm: Float32Array;
  /** Per neuron, per branch: 1 when imaging sessions score the branch (apical tuft). */
  readonly imagedBranches: readonly Uint8Array[];
  readonly parameters: Parameters;
  readonly timeHours: number;
  /** The neurons' mesh, built here off the main thread (transferred). */
  readonly dendriteMesh: DendriteMesh;
  /** For an imported neuron: its name and what the importer had to say about the file. */
  readonly imported: {
    readonly name: string;
    readonly sampleCount: number;
    readonly warnings: readonly string[];
    /** How the neuron was turned to stand pia-up (undo with orientation 'file'), or null. */
    readonly orientation: SwcReorientation | null;
    readonly spinyLengthUm: number;
  } | null;
}

/**
 * One frame. The buffer holds `spineCount` rows of the spine frame (see writeSpineFrame) and, from float
 * index `markerOffset`, `markerCount` rows of lost-site markers (see LostSiteMarkers). It is transferred,
 * and must be handed back with `returnBuffer` so the worker can write the next frame into it.
 */
export interface FrameMessage {
  readonly generation: number;
  readonly buffer: ArrayBuffer;
  readonly spineCount: number;
  readonly markerOffset: number;
  readonly markerCount: number;
  readonly timeHours: number;
  readonly durationHours: number;
  readonly playing: boolean;
  readonly finished: boolean;
  /** Speed in force now (slower than chosen around a dose when story pacing is on). */
  readonly speedHoursPerSecond: number;
  readonly liveSpines: number;
  readonly visibleSpines: number;
  /** Escape behaviour at this moment, 0–1. */
  readonly escapeIndex: number;
  /** Imaging sessions and behaviour tests recorded so far (fetch new ones with `series`). */
  readonly sessionCount: number;
  readonly behaviourCount: number;
  /** Parameter overrides in force. */
  readonly parameterVersion: number;
}

/** One imaging session as the charts show it (imaged tuft branches, like the experiment). */
export interface SessionPoint {
  readonly timeHours: number;
  readonly visibleSpines: number;
  readonly densityPerUm: number;
  /** Fractions of the previous session's spines; null at the first session. */
  readonly formation: number | null;
  readonly elimination: number | null;
}

export interface SeriesUpdate {
  readonly generation: number;
  readonly sessions: readonly SessionPoint[];
  readonly behaviour: readonly BehaviourSample[];
}

export interface SpineDetails {
  readonly slot: number;
  readonly serial: number;
  readonly alive: boolean;
  readonly category: SpineCategory;
  readonly cohort: (typeof cohortNames)[number];
  readonly birthHours: number;
  readonly ageHours: number;
  readonly deathHours: number | null;
  readonly volumeUm3: number;
  readonly headDiameterUm: number;
  /** Above the two-photon detection limit. */
  readonly visible: boolean;
  /** Has become persistent (stabilised). */
  readonly stable: boolean;
  readonly nearLostSite: boolean;
  readonly ablated: boolean;
  readonly neuronIndex: number;
  readonly branchKind: string;
  readonly imagedBranch: boolean;
  readonly timeHours: number;
}

export type FrameCallback = (frame: FrameMessage) => void;

export interface SimulationApiOptions {
  /** Wall clock in milliseconds. */
  readonly now?: () => number;
  /** Longest wall time one tick may cover (s): a stalled tab does not make the clock leap. */
  readonly maxWallStepSeconds?: number;
  /** Most markers of lost sites sent per frame. */
  readonly markerCapacity?: number;
  /** Called when the run loop fails; by default the error is rethrown outside the loop, so that the
   * worker reports it and the page can restart the worker. */
  readonly onFatal?: (error: unknown) => void;
}

const DEFAULT_PLAYBACK: PlaybackSettings = { playing: true, speedHoursPerSecond: 24, storyPacing: true, framesPerSecond: 60 };

/**
 * The simulation as a long-lived service: one run at a time, played in wall-clock time, streaming frames
 * through one callback. Frames travel in two reusable buffers that the page hands back, so the worker is
 * never more than two frames ahead of the display and allocates nothing per frame.
 */
export function createSimulationApi(options: SimulationApiOptions = {}) {
  const now = options.now ?? (() => performance.now());
  const maxWallStepSeconds = options.maxWallStepSeconds ?? 0.25;
  const markerCapacity = options.markerCapacity ?? 16_384;
  const onFatal = options.onFatal ?? ((error: unknown) => setTimeout(() => { throw error; }, 0));

  let sim: Simulation | null = null;
  /** The run's checkpoints and parameter log, for seeking. */
  let history: RunHistory | null = null;
  let settings: RunSettings | null = null;
  let playback: PlaybackSettings = DEFAULT_PLAYBACK;
  let onFrame: FrameCallback | null = null;
  let generation = 0;
  let markers: LostSiteMarkers | null = null;
  let branchOffsetsUm: Float32Array = new Float32Array(0);
  let imagedLengthUm = 0;
  let sessions: SessionPoint[] = [];
  let parameterVersion = 0;
  let escapeIndex = 1;
  let escapeSampledAt = -Infinity;
  /** Where playback wants the clock to be (h). The model follows it on its own step grid, so the state at any
   * simulated time does not depend on the playback speed or on the timing of the ticks. */
  let playheadHours = 0;

  const freeBuffers: ArrayBuffer[] = [new ArrayBuffer(0), new ArrayBuffer(0)];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let lastTickWall = now();
  let lastSentWall = -Infinity;
  let failed = false;

  function requireSim(): Simulation {
    if (!sim) throw new Error('the simulation has not been started');
    return sim;
  }

  function build(run: RunSettings, startHours: number): SceneInfo {
    // An imported reconstruction is read first: a file that cannot be used leaves the current run as it was.
    const imported = run.swc ? importSwcNeuron(run.swc.text, run.swc) : null;
    const protocol = run.protocol ?? scenarioProtocol(run.scenario, imported ? 1 : run.neuronCount);
    const neurons = imported ? [imported.neuron] : undefined;
    // A run too large for a browser tab is refused before it starts, saying what to lower.
    checkWorkBudget(protocol, run.parameters, neurons);
    const next = new Simulation({ protocol, seed: run.seed, parameters: run.parameters, neurons });
    // Advancing to day 0 at least records day 0's imaging session and behaviour test for the charts.
    next.advanceTo(0);
    const nextHistory = new RunHistory(next);
    nextHistory.advance(next, Math.max(0, startHours));
    const layout = neuronLayout(next.neurons, next.branches.map((b) => b.neuronIndex));
    sim = next;
    history = nextHistory;
    settings = run;
    generation++;
    branchOffsetsUm = layout.branchOffsetsUm;
    markers = new LostSiteMarkers(next, branchOffsetsUm);
    imagedLengthUm = next.branches.reduce((sum, b) => sum + (b.imaged ? b.branch.lengthUm : 0), 0);
    sessions = [];
    playheadHours = next.timeHours;
    escapeSampledAt = -Infinity;
    dirty = true;
    lastTickWall = now();
    schedule();
    const imagedBranches = next.neurons.map((_, n) => Uint8Array.from(next.branches.filter((b) => b.neuronIndex === n), (b) => (b.imaged ? 1 : 0)));
    const dendriteMesh = buildDendriteMesh(next.neurons, layout.neuronOffsetsUm, imagedBranches);
    return transfer({
      generation,
      protocol,
      neurons: next.neurons,
      neuronOffsetsUm: layout.neuronOffsetsUm,
      imagedBranches,
      dendriteMesh,
      parameters: next.parameters,
      timeHours: next.timeHours,
      imported: imported ? { name: imported.neuron.name, sampleCount: imported.sampleCount, warnings: imported.warnings, orientation: imported.orientation, spinyLengthUm: imported.spinyLengthUm } : null,
    }, dendriteMeshBuffers(dendriteMesh));
  }

  function schedule(): void {
    if (timer !== null || failed || !sim || !onFrame) return;
    if (!(playback.playing || dirty) || freeBuffers.length === 0) return;
    const minIntervalMs = 1000 / Math.max(1, playback.framesPerSecond);
    const wait = Math.max(0, lastSentWall + minIntervalMs - now());
    timer = setTimeout(tick, wait);
  }

  function tick(): void {
    timer = null;
    try {
      produceFrame();
    } catch (error) {
      failed = true;
      onFatal(error);
      return;
    }
    schedule();
  }

  function produceFrame(): void {
    const run = requireSim();
    const wall = now();
    const wallSeconds = Math.min(maxWallStepSeconds, Math.max(0, (wall - lastTickWall) / 1000));
    lastTickWall = wall;
    if (playback.playing && !run.finished) {
      playheadHours = Math.min(run.protocol.durationHours, storyPacedTarget(run.protocol, playheadHours, wallSeconds, playback.speedHoursPerSecond, playback.storyPacing));
      history!.advance(run, playheadHours);
    }
    if (run.finished && playback.playing) playback = { ...playback, playing: false };
    const spineFloats = run.spines.capacity * SPINE_FRAME_STRIDE;
    const needed = spineFloats + markerCapacity * LOST_SITE_STRIDE;
    let buffer = freeBuffers.pop()!;
    if (buffer.byteLength < needed * 4) buffer = new ArrayBuffer(Math.ceil(needed * 1.25) * 4);
    const view = new Float32Array(buffer);
    const stats = writeSpineFrame(run, branchOffsetsUm, view);
    const markerCount = markers!.write(view, spineFloats, markerCapacity);
    if (wall - escapeSampledAt > 250 || dirty) {
      escapeIndex = run.behaviourNow().escapeIndex;
      escapeSampledAt = wall;
    }
    dirty = false;
    lastSentWall = wall;
    const frame: FrameMessage = {
      generation,
      buffer,
      spineCount: stats.spineCount,
      markerOffset: spineFloats,
      markerCount,
      timeHours: run.timeHours,
      durationHours: run.protocol.durationHours,
      playing: playback.playing,
      finished: run.finished,
      speedHoursPerSecond: storyPacedSpeed(run.protocol, run.timeHours, playback.speedHoursPerSecond, playback.storyPacing),
      liveSpines: stats.liveSpines,
      visibleSpines: stats.visibleSpines,
      escapeIndex,
      sessionCount: run.snapshots.length,
      behaviourCount: run.behaviour.length,
      parameterVersion,
    };
    onFrame!(transfer(frame, [buffer]));
  }

  function markDirty(): void {
    dirty = true;
    schedule();
  }

  function updateSessions(run: Simulation): void {
    for (let i = sessions.length; i < run.snapshots.length; i++) {
      const snapshot = run.snapshots[i];
      const visibleSpines = snapshot.serial.length;
      const score = i > 0 ? scoreInterval(run.snapshots[i - 1], snapshot) : null;
      sessions.push({
        timeHours: snapshot.timeHours,
        visibleSpines,
        densityPerUm: imagedLengthUm > 0 ? visibleSpines / imagedLengthUm : 0,
        formation: score ? score.formation : null,
        elimination: score ? score.elimination : null,
      });
    }
  }

  return {
    /** Starts (or replaces) the run and registers the frame callback; resolves with the static scene. */
    start(run: RunSettings, play: Partial<PlaybackSettings>, callback: FrameCallback): SceneInfo {
      onFrame = callback;
      failed = false;
      playback = { ...DEFAULT_PLAYBACK, ...play };
      return build(run, play.startHours ?? 0);
    },

    /** Starts the run again from day 0, with new settings when given; playback continues as it was. */
    reset(run?: RunSettings): SceneInfo {
      const next = run ?? settings;
      if (!next) throw new Error('the simulation has not been started');
      return build(next, 0);
    },

    play(): void {
      requireSim();
      if (!playback.playing) {
        lastTickWall = now();
        playheadHours = sim!.timeHours;
      }
      playback = { ...playback, playing: true };
      markDirty();
    },

    pause(): void {
      playback = { ...playback, playing: false };
      markDirty();
    },

    /** Advances by `hours` of simulated time at once (while paused, for instance), in whole model steps. */
    step(hours: number): void {
      const run = requireSim();
      if (!(hours > 0)) return;
      history!.advance(run, run.timeHours + hours);
      playheadHours = run.timeHours;
      markDirty();
    },

    /**
     * Shows the run at `hours` of simulated time (the last model step at or before it), earlier or later
     * than now: from the last daily checkpoint before it, re-simulated, so that the state is exactly the one
     * playing there reaches. Playback carries on from there as it was (playing or paused).
     */
    seek(hours: number): void {
      const run = requireSim();
      if (!Number.isFinite(hours)) throw new RangeError(`a time to seek to must be a number of hours, got ${hours}`);
      const found = history!.seek(run, hours);
      if (found !== run) {
        sim = found;
        markers = new LostSiteMarkers(found, branchOffsetsUm);
      }
      sessions.length = Math.min(sessions.length, found.snapshots.length);
      playheadHours = found.timeHours;
      lastTickWall = now();
      escapeSampledAt = -Infinity;
      if (found.finished || playback.playing) playback = { ...playback, playing: playback.playing && !found.finished };
      markDirty();
    },

    /**
     * This run carried on to the end of its protocol with every logged parameter change, scored as the CLI
     * scores a replicate (without the spine identities), with its change log: the page's "Export this run".
     * A copy runs, a simulated day at a time with other messages answered in between; the run on screen
     * stays where it is. `generation` says which run it was.
     */
    async finishedRun(): Promise<{ generation: number; result: ReplicateResult; changes: readonly ParameterChange[] }> {
      const run = requireSim();
      const forRun = generation;
      const changes = history!.parameterChanges;
      const steps = history!.finish(run);
      let step = steps.next();
      while (!step.done) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        step = steps.next();
      }
      return { generation: forRun, result: { ...summariseSimulation(step.value), snapshots: [], branches: [] }, changes };
    },

    /** The mid-run parameter changes of this run so far (time and overrides), for provenance. */
    parameterChanges(): readonly ParameterChange[] {
      return history?.parameterChanges ?? [];
    },

    setSpeed(hoursPerSecond: number): void {
      if (!(hoursPerSecond > 0) || !Number.isFinite(hoursPerSecond)) throw new RangeError(`speed must be a positive number of hours per second, got ${hoursPerSecond}`);
      playback = { ...playback, speedHoursPerSecond: hoursPerSecond };
      markDirty();
    },

    setStoryPacing(on: boolean): void {
      playback = { ...playback, storyPacing: on };
      markDirty();
    },

    setFramesPerSecond(framesPerSecond: number): void {
      playback = { ...playback, framesPerSecond };
    },

    /**
     * Replaces the parameter overrides (relative to the defaults) in the running simulation. Throws a
     * ParameterError naming the problem, leaving the run untouched, when a value is invalid.
     */
    setParameters(overrides: Readonly<Record<string, number>>): Parameters {
      const run = requireSim();
      const resolved = resolveParameters(overrides);
      run.setParameters(resolved);
      history!.recordChange(run, overrides);
      settings = { ...settings!, parameters: { ...overrides } };
      parameterVersion++;
      markDirty();
      return run.parameters;
    },

    /** Hands a frame's buffer back for reuse. */
    returnBuffer(buffer: ArrayBuffer): void {
      if (freeBuffers.length < 2) freeBuffers.push(buffer);
      schedule();
    },

    /** Imaging sessions from `fromSession` and behaviour tests from `fromBehaviour` on. */
    series(fromSession: number, fromBehaviour: number): SeriesUpdate {
      const run = requireSim();
      updateSessions(run);
      return { generation, sessions: sessions.slice(fromSession), behaviour: run.behaviour.slice(fromBehaviour) };
    },

    /** Everything known about the spine in `slot` (the instance index the view picked), or null. */
    spineDetails(slot: number): SpineDetails | null {
      const run = requireSim();
      const s = run.spines;
      if (!Number.isInteger(slot) || slot < 0 || slot >= s.highWater || s.status[slot] === SpineStatus.Free) return null;
      const alive = s.status[slot] === SpineStatus.Alive;
      const volumeUm3 = Math.exp(s.logVolume[slot]);
      const info = run.branches[s.branch[slot]];
      return {
        slot,
        serial: s.serial[slot],
        alive,
        category: spineCategory(s.status[slot], s.cohort[slot], s.flags[slot]),
        cohort: cohortNames[s.cohort[slot]],
        birthHours: s.birthHours[slot],
        ageHours: (alive ? run.timeHours : s.deathHours[slot]) - s.birthHours[slot],
        deathHours: alive ? null : s.deathHours[slot],
        volumeUm3,
        headDiameterUm: headDiameterUm(s.logVolume[slot]),
        visible: volumeUm3 >= run.parameters.detectionThresholdUm3,
        stable: (alive ? run.timeHours : s.deathHours[slot]) >= s.matureAtHours[slot],
        nearLostSite: (s.flags[slot] & FLAG_NEAR_LOST_SITE) !== 0,
        ablated: (s.flags[slot] & FLAG_ABLATED) !== 0,
        neuronIndex: info.neuronIndex,
        branchKind: info.branch.kind,
        imagedBranch: info.imaged,
        timeHours: run.timeHours,
      };
    },

    /** The neuron(s) and every live spine now, as the JSON text of `exportSpines` (for a download). */
    exportSpines(): string {
      return JSON.stringify(exportSpines(requireSim()));
    },

    /** The run's settings as the worker holds them. */
    runSettings(): RunSettings | null {
      return settings;
    },

    /** The playback settings in force (automated checks confirm that the page's settings arrived). */
    playbackSettings(): PlaybackSettings {
      return playback;
    },

    ping(): number {
      return generation;
    },

    /** For tests of the page's recovery: fails the worker as a model error would. */
    crash(): void {
      failed = true;
      onFatal(new Error('simulation crash requested for testing'));
    },

    /**
     * For tests of the page's recovery: keeps the worker busy for `ms` (at most two minutes), answering
     * nothing, as an input that takes forever to load would.
     */
    stall(ms: number): void {
      const until = now() + Math.min(Math.max(0, ms), 120_000);
      while (now() < until) {
        // Busy on purpose: a stalled worker answers no message.
      }
    },

    /** Stops the loop (tests; the page terminates the worker instead). */
    stop(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      onFrame = null;
      sim = null;
      history = null;
    },
  };
}

export type SimulationApi = ReturnType<typeof createSimulationApi>;
