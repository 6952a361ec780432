import { hasSpinyTuft, isImagedBranch, type Branch, type Neuron } from './Morphology';
import { proceduralNeuron } from './proceduralNeuron';
import { resolveParameters, type Parameters } from './parameters';
import { protocolEventHours, stressIntensityAt, validateProtocol, type Protocol } from './Protocol';
import { canonicalSeed, createAleaState, createStream, type AleaState, type RandomStream } from './random';
import { Cohort, FLAG_ABLATED, SpineStatus, SpineStore } from './SpineStore';
import { behaviourSample, branchConnections, ensembleBaseline, ensembleOutput, type BehaviourSample, type EnsembleBaseline } from './mechanisms/behaviour';
import { integrateHazards } from './mechanisms/eliminationHazard';
import { formSpines, type FormationCounts, type FormationStreams } from './mechanisms/formation';
import { countVisible, takeSnapshot, type ImagingSnapshot } from './mechanisms/imaging';
import { functionalEffectAt, plasticityDriveAt } from './mechanisms/ketamine';
import { LostSiteMemory, type LostSite } from './mechanisms/lostSiteMemory';
import { updateSizes } from './mechanisms/sizeProcess';
import { seedSteadyState } from './mechanisms/steadyState';
import { advanceStressLoad, createBranchFactors, updateBranchFactors, type BranchFactors } from './mechanisms/stress';

export type { BehaviourSample } from './mechanisms/behaviour';
export type { ImagingSnapshot } from './mechanisms/imaging';
export type { LostSite } from './mechanisms/lostSiteMemory';
export { FADE_HOURS } from './mechanisms/eliminationHazard';

/** Model version, recorded in every output so a figure can be traced to the code that made it. */
export const MODEL_VERSION = '2.1.0';

/** Burn-in steps may be coarser than the main step: they only settle the state before day 0. */
const BURN_IN_MAX_STEP_HOURS = 4;

export interface SimulationOptions {
  readonly protocol: Protocol;
  readonly seed: number | string;
  /** Overrides of the defaults; validated. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Neurons to grow spines on (an imported reconstruction); procedural neurons when absent. */
  readonly neurons?: readonly Neuron[];
}

export interface BranchInfo {
  readonly neuronIndex: number;
  readonly branch: Branch;
  /** Index into the flat branch table (`Simulation.branches`). */
  readonly globalIndex: number;
  /** Multiplies the stress effect on this branch (mean 1 across branches). */
  readonly susceptibility: number;
  /** Whether imaging sessions score this branch (apical tuft branches, as in the experiment). */
  readonly imaged: boolean;
}

/**
 * The simulation facade: a seeded, stochastic model of spine turnover on whole neurons under a protocol.
 * Create it, then `advanceTo(timeHours)`; it steps exactly onto every protocol event (imaging, doses,
 * ablations, stress on/off) and records imaging snapshots and behaviour samples as it passes them.
 *
 * Each mechanism lives in its own module under `mechanisms/`, and `step` calls them in order: stress
 * (branch factors), ketamine (exposure and drive), size process, formation (with lost-site re-formation),
 * elimination hazard (which feeds the lost-site memory). Imaging and behaviour are read out at events.
 */
/** Times closer than this (h) count as the same point of the step grid (absorbs rounding in k·Δt). */
const GRID_TOLERANCE_HOURS = 1e-9;

export class Simulation {
  readonly protocol: Protocol;
  readonly seed: number | string;
  readonly neurons: readonly Neuron[];
  readonly branches: readonly BranchInfo[];
  readonly spines: SpineStore;
  readonly snapshots: ImagingSnapshot[] = [];
  readonly behaviour: BehaviourSample[] = [];
  /** Sites of persistent spines that stress removed: what ketamine re-forms. */
  readonly memory: LostSiteMemory;
  /** Per branch: elimination and formation factors, and the share of elimination that stress added. */
  readonly factors: BranchFactors;
  /** Each neuron's branches. */
  readonly neuronBranches: readonly (readonly BranchInfo[])[];
  /** Spines born so far by source (day 0 on), and spines removed by ablations. */
  readonly births: FormationCounts = { baseline: 0, ketamineUniform: 0, reformed: 0, restoredAtSite: 0 };
  ablated = 0;
  /** The stress after-effect load, 0–1 (see `mechanisms/stress.ts`). */
  stressLoad = 0;
  parameters: Parameters;
  timeHours: number;
  /** Spine updates performed (one spine advanced one step), for benchmarks. */
  spineUpdates = 0;

  private readonly eventHours: number[];
  private nextEvent = 0;
  private readonly susceptibility: Float64Array;
  private readonly imagedBranch: boolean[];
  private readonly streams: FormationStreams;
  private readonly sizeNoise: AleaState;
  private readonly imagingStream: RandomStream;
  /** What behaviour is measured against (set at day 0). */
  private ensemble: EnsembleBaseline | null = null;
  private lastSizeUpdateHours: number;
  private nextSizeUpdateHours: number;
  private readonly burnInCounts: FormationCounts = { baseline: 0, ketamineUniform: 0, reformed: 0, restoredAtSite: 0 };

  constructor(options: SimulationOptions) {
    this.protocol = validateProtocol(options.protocol);
    this.seed = canonicalSeed(options.seed);
    this.parameters = resolveParameters(options.parameters ?? {});
    this.neurons = options.neurons && options.neurons.length > 0
      ? options.neurons
      : Array.from({ length: this.protocol.neuronCount }, (_, i) => proceduralNeuron(createStream(this.seed, ['neuron', i, 'morphology'])));
    const branches: BranchInfo[] = [];
    const neuronBranches: BranchInfo[][] = [];
    this.neurons.forEach((neuron, neuronIndex) => {
      const susceptibilityStream = createStream(this.seed, ['neuron', neuronIndex, 'susceptibility']);
      const hasTuft = hasSpinyTuft(neuron);
      const own: BranchInfo[] = [];
      for (const branch of neuron.branches) {
        const info: BranchInfo = {
          neuronIndex,
          branch,
          globalIndex: branches.length,
          susceptibility: susceptibilityStream.gammaMeanOne(this.parameters.branchSusceptibilityCv),
          imaged: isImagedBranch(branch, hasTuft),
        };
        branches.push(info);
        own.push(info);
      }
      neuronBranches.push(own);
    });
    this.branches = branches;
    this.neuronBranches = neuronBranches;
    this.susceptibility = Float64Array.from(branches, (b) => b.susceptibility);
    this.imagedBranch = branches.map((b) => b.imaged);
    this.factors = createBranchFactors(branches.length);
    this.streams = {
      baseline: this.neurons.map((_, i) => createStream(this.seed, ['neuron', i, 'formation'])),
      ketamine: this.neurons.map((_, i) => createStream(this.seed, ['neuron', i, 'ketamine-formation'])),
      targeting: createStream(this.seed, ['targeting']),
    };
    this.memory = new LostSiteMemory(branches.map((b) => b.neuronIndex), this.neurons.length, createStream(this.seed, ['lost-site-memory']));
    this.sizeNoise = createAleaState(this.seed, ['size']);
    this.imagingStream = createStream(this.seed, ['imaging']);
    this.spines = new SpineStore(4096);
    this.eventHours = protocolEventHours(this.protocol);
    this.timeHours = -this.parameters.burnInDays * 24;
    this.lastSizeUpdateHours = this.timeHours;
    this.nextSizeUpdateHours = this.timeHours;
    seedSteadyState(this, this.streams.baseline, this.timeHours);
    this.burnIn();
  }

  /** Stress-lost sites recorded so far (for the view's markers), in time order. */
  get lostSites(): readonly LostSite[] {
    return this.memory.sites;
  }

  get finished(): boolean {
    return this.timeHours >= this.protocol.durationHours;
  }

  /** Replaces parameters mid-run (validated). Structural choices made at creation (branch susceptibility) stay. */
  setParameters(overrides: Readonly<Record<string, unknown>>): void {
    this.parameters = resolveParameters(overrides, this.parameters);
  }

  /**
   * Advances through every whole step that ends by `targetHours` (clamped to the protocol's end). Steps lie
   * on a fixed grid: each ends at the next multiple of `timeStepHours`, at the next protocol event, or at
   * the protocol's end, whichever comes first. A target between grid points stops at the last one before
   * it, so the state at any time is the same however the run was cut into calls: played at any speed,
   * stepped, or run to the end at once. `timeHours` tells where the run now stands.
   */
  advanceTo(targetHours: number): void {
    const target = Math.min(targetHours, this.protocol.durationHours) + GRID_TOLERANCE_HOURS;
    this.handleEventsUpTo();
    for (;;) {
      const stepEnd = this.nextStepEnd();
      if (stepEnd > target || this.timeHours >= this.protocol.durationHours) break;
      this.step(stepEnd - this.timeHours, this.births);
      this.timeHours = stepEnd;
      this.handleEventsUpTo();
    }
  }

  /** Where the step that starts now ends: the next grid point, event or the protocol's end. */
  nextStepEnd(): number {
    const dt = this.parameters.timeStepHours;
    const nextGrid = (Math.floor(this.timeHours / dt + GRID_TOLERANCE_HOURS / dt) + 1) * dt;
    const nextEvent = this.nextEvent < this.eventHours.length ? this.eventHours[this.nextEvent] : Infinity;
    return Math.min(nextGrid, nextEvent, this.protocol.durationHours);
  }

  private handleEventsUpTo(): void {
    while (this.nextEvent < this.eventHours.length && this.eventHours[this.nextEvent] <= this.timeHours) {
      this.handleEvents(this.eventHours[this.nextEvent]);
      this.nextEvent++;
    }
  }

  /** Runs the whole protocol. */
  runToEnd(): this {
    this.advanceTo(this.protocol.durationHours);
    return this;
  }

  /** Sum over doses of the dose-weighted delayed plasticity drive at time t. */
  plasticityDriveAt(timeHours: number): number {
    return plasticityDriveAt(this.protocol.ketamine, this.parameters, timeHours);
  }

  functionalEffectAt(timeHours: number): number {
    return functionalEffectAt(this.protocol.ketamine, this.parameters, timeHours);
  }

  /** Visible (above the detection limit) live spines, on imaged branches only or on all spiny branches. */
  visibleCount(imagedOnly = false): number {
    return countVisible(this.spines, this.parameters.detectionThresholdUm3, imagedOnly ? this.imagedBranch : undefined);
  }

  /** Behaviour readout at the current time (also recorded at the protocol's behaviour tests). */
  behaviourNow(): BehaviourSample {
    const saturation = this.parameters.branchSaturation;
    const ensemble = this.ensemble;
    const output = ensemble && ensemble.output > 0 ? ensembleOutput(this.branchConnections(), this.branches, ensemble.densityPerUm, saturation) : 0;
    const structuralRatio = ensemble && ensemble.output > 0 ? output / ensemble.output : 1;
    return behaviourSample(this.timeHours, structuralRatio, this.functionalEffectAt(this.timeHours), this.parameters);
  }

  /** Current stress intensity. */
  stressAt(timeHours: number): number {
    return stressIntensityAt(this.protocol, timeHours);
  }

  // --- internals -------------------------------------------------------------------------------

  private branchConnections(): Float64Array {
    return branchConnections(this.spines, this.timeHours, this.parameters, this.branches.length);
  }

  private burnIn(): void {
    const step = Math.max(this.parameters.timeStepHours, BURN_IN_MAX_STEP_HOURS);
    while (this.timeHours < 0) {
      const stepEnd = Math.min(this.timeHours + step, 0);
      this.step(stepEnd - this.timeHours, this.burnInCounts);
      this.timeHours = stepEnd;
    }
    this.timeHours = 0;
  }

  private handleEvents(timeHours: number): void {
    if (timeHours === 0) this.ensemble = ensembleBaseline(this.branchConnections(), this.branches, this.neurons.length, this.parameters.branchSaturation);
    for (const ablation of this.protocol.ablations) if (ablation.timeHours === timeHours) this.ablate();
    if (this.protocol.imagingHours.includes(timeHours)) this.snapshots.push(takeSnapshot(this.spines, this.imagedBranch, this.timeHours, this.parameters, this.imagingStream));
    if (this.protocol.behaviourHours.includes(timeHours)) this.behaviour.push(this.behaviourNow());
  }

  /**
   * The paper's optical deletion. The probe shrinks recently potentiated spines (AS-PaRac1, Hayashi-Takagi
   * et al. 2015), that is, the ones ketamine induced: every live spine of the ketamine cohort is removed,
   * not the spines baseline turnover formed in the same days.
   */
  private ablate(): void {
    const s = this.spines;
    for (let i = 0; i < s.highWater; i++) {
      if (s.status[i] === SpineStatus.Alive && s.cohort[i] === Cohort.Ketamine) {
        s.eliminate(i, this.timeHours);
        s.flags[i] |= FLAG_ABLATED;
        this.ablated++;
      }
    }
  }

  /** One step of length `stepHours` from `this.timeHours`: each mechanism in turn. */
  private step(stepHours: number, counts: FormationCounts): void {
    const t = this.timeHours;
    const p = this.parameters;
    const stress = this.stressAt(t);
    const drive = this.plasticityDriveAt(t + stepHours / 2);
    if (t >= this.nextSizeUpdateHours) {
      updateSizes(this.spines, this.sizeNoise, t, this.lastSizeUpdateHours, stress, p);
      this.lastSizeUpdateHours = t;
      this.nextSizeUpdateHours = t + p.sizeUpdateHours;
    }
    updateBranchFactors(this.factors, this.susceptibility, stress, drive, p);
    formSpines(this, this.streams, t, stepHours, stress, drive, counts);
    this.integrateHazards(t + stepHours, stepHours);
    this.stressLoad = advanceStressLoad(this.stressLoad, stress, stepHours, p);
  }

  /** The hot loop (its own method so the benchmark can time it). */
  private integrateHazards(endHours: number, stepHours: number): void {
    // A closure made per step rather than held as state: a checkpoint (copyState) holds data only, and a
    // copied run must remember losses in its own memory, not its original's.
    const memory = this.memory;
    const spines = this.spines;
    this.spineUpdates += integrateHazards(spines, endHours, stepHours, this.parameters, this.factors, (slot, timeHours, stressExcess) => {
      memory.recordLoss(spines.branch[slot], spines.positionUm[slot], timeHours, stressExcess);
    });
  }
}
