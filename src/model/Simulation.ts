import { hasSpinyTuft, isImagedBranch, pointAlong, type Branch, type Neuron } from './Morphology';
import { proceduralNeuron } from './proceduralNeuron';
import { resolveParameters, type Parameters } from './parameters';
import { protocolEventHours, stressIntensityAt, validateProtocol, type Protocol } from './Protocol';
import { canonicalSeed, createAleaState, createStream, normalLookupTable, type AleaState, type RandomStream } from './random';
import { Cohort, FLAG_ABLATED, FLAG_NEAR_LOST_SITE, SpineStatus, SpineStore } from './SpineStore';
import { EXP_LOOKUP_MIN, EXP_LOOKUP_SCALE, EXP_LOOKUP_SIZE, expLookupTable } from './expLookup';
import { doseScale, functionalEffect, plasticityDrive } from './ketamine';
import { steadyStateDensity } from './steadyStateDensity';

/** Model version, recorded in every output so a figure can be traced to the code that made it. */
export const MODEL_VERSION = '1.0.0';

/** How long an eliminated spine stays in its slot so the view can shrink it out (simulated hours). */
export const FADE_HOURS = 12;
/** A new ketamine-era spine counts as "ketamine-induced" when it forms within this time after a dose. */
export const KETAMINE_COHORT_WINDOW_HOURS = 7 * 24;
/**
 * Sizes enter the hazard as (volume / reference)^−exponent; the spine store caches (volume / 0.1 µm³)^−exponent
 * and the state's reference is folded into the state's base rate.
 */
const SIZE_FACTOR_REFERENCE_LOG_VOLUME = Math.log(0.1);
/** Status codes as module constants: const-enum members imported from another file are property reads under tsx/vite. */
const ALIVE: number = SpineStatus.Alive;
const FADING: number = SpineStatus.Fading;
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

/** The visible spines on imaged branches at one imaging session, as the experimenter scores them. */
export interface ImagingSnapshot {
  readonly timeHours: number;
  readonly serial: Uint32Array;
  readonly branch: Uint32Array;
  readonly positionUm: Float32Array;
  readonly cohort: Uint8Array;
  readonly volumeUm3: Float32Array;
  /** Visible spines on all spiny branches, imaged or not. */
  readonly visibleAllBranches: number;
}

export interface BehaviourSample {
  readonly timeHours: number;
  /** Visible spines on all branches relative to day 0. */
  readonly structuralRatio: number;
  /** Ketamine's rapid functional effect on ensemble coordination (index units). */
  readonly functionalEffect: number;
  /** Coordination of the prefrontal ensemble: structural state plus the rapid effect. */
  readonly ensembleCoherence: number;
  /** Escape behaviour, 0 (gave up) to 1 (as healthy mice). */
  readonly escapeIndex: number;
}

export interface LostSite {
  readonly branch: number;
  readonly positionUm: number;
  readonly timeHours: number;
  /** Stress intensity when the spine was lost; the memory decays from this. */
  readonly weight: number;
}

/**
 * The simulation facade: a seeded, stochastic model of spine turnover on whole neurons under a protocol.
 * Create it, then `advanceTo(timeHours)`; it steps exactly onto every protocol event (imaging, doses,
 * ablations, stress on/off) and records imaging snapshots and behaviour samples as it passes them.
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
  /** Persistent spines lost under stress: the sites ketamine-driven formation is drawn back to. */
  readonly lostSites: LostSite[] = [];
  parameters: Parameters;
  timeHours: number;
  /** Spine updates performed (one spine advanced one step), for benchmarks. */
  spineUpdates = 0;

  private readonly eventHours: number[];
  private nextEvent = 0;
  private readonly lostByBranch: LostSite[][];
  private readonly branchEliminationFactor: Float64Array;
  private readonly branchFormationFactor: Float64Array;
  private readonly neuronBranches: BranchInfo[][];
  private readonly neuronSpinyLengthUm: Float64Array;
  private readonly formationStreams: RandomStream[];
  private readonly sizeNoise: AleaState;
  private readonly targetingStream: RandomStream;
  private readonly imagingStream: RandomStream;
  /** Per neuron: its stress-lost sites and their decayed total weight (the dendrite's memory). */
  private readonly neuronLostSites: LostSite[][];
  private readonly neuronMemory: Float64Array;
  private readonly scratch = new Float64Array(7);
  private baselineVisible = 0;
  private lastSizeUpdateHours: number;
  private nextSizeUpdateHours: number;

  constructor(options: SimulationOptions) {
    this.protocol = validateProtocol(options.protocol);
    this.seed = canonicalSeed(options.seed);
    this.parameters = resolveParameters(options.parameters ?? {});
    this.neurons = options.neurons && options.neurons.length > 0
      ? options.neurons
      : Array.from({ length: this.protocol.neuronCount }, (_, i) => proceduralNeuron(createStream(this.seed, ['neuron', i, 'morphology'])));
    const branches: BranchInfo[] = [];
    this.neuronBranches = [];
    this.neuronSpinyLengthUm = new Float64Array(this.neurons.length);
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
        if (branch.spiny) this.neuronSpinyLengthUm[neuronIndex] += branch.lengthUm;
      }
      this.neuronBranches.push(own);
    });
    this.branches = branches;
    this.lostByBranch = branches.map(() => []);
    this.branchEliminationFactor = new Float64Array(branches.length).fill(1);
    this.branchFormationFactor = new Float64Array(branches.length).fill(1);
    this.formationStreams = this.neurons.map((_, i) => createStream(this.seed, ['neuron', i, 'formation']));
    this.sizeNoise = createAleaState(this.seed, ['size']);
    this.neuronLostSites = this.neurons.map(() => []);
    this.neuronMemory = new Float64Array(this.neurons.length);
    this.targetingStream = createStream(this.seed, ['targeting']);
    this.imagingStream = createStream(this.seed, ['imaging']);
    this.spines = new SpineStore(4096);
    this.eventHours = protocolEventHours(this.protocol);
    this.timeHours = -this.parameters.burnInDays * 24;
    this.lastSizeUpdateHours = this.timeHours;
    this.nextSizeUpdateHours = this.timeHours;
    this.seedSteadyState();
    this.burnIn();
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
      this.step(stepEnd - this.timeHours);
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

  /** Sum over doses of dose-scaled delayed plasticity drive at time t. */
  plasticityDriveAt(timeHours: number): number {
    const p = this.parameters;
    let drive = 0;
    for (const dose of this.protocol.ketamine) {
      drive += doseScale(dose.doseMgPerKg, p.ketamineEd50MgPerKg) * plasticityDrive(timeHours - dose.timeHours, p.ketaminePeakHours, p.ketamineDriveRiseLogWidth, p.ketamineDriveDecayLogWidth);
    }
    return drive;
  }

  functionalEffectAt(timeHours: number): number {
    const p = this.parameters;
    let effect = 0;
    for (const dose of this.protocol.ketamine) {
      effect += p.functionalEffectAmplitude * doseScale(dose.doseMgPerKg, p.ketamineEd50MgPerKg) * functionalEffect(timeHours - dose.timeHours, p.functionalEffectDecayHours);
    }
    return effect;
  }

  /** Visible (above the detection limit) live spines, on imaged branches only or on all spiny branches. */
  visibleCount(imagedOnly = false): number {
    const s = this.spines;
    const threshold = Math.log(this.parameters.detectionThresholdUm3);
    let count = 0;
    for (let i = 0; i < s.highWater; i++) {
      if (s.status[i] !== SpineStatus.Alive || s.logVolume[i] < threshold) continue;
      if (imagedOnly && !this.branches[s.branch[i]].imaged) continue;
      count++;
    }
    return count;
  }

  /** Behaviour readout at the current time (also recorded at the protocol's behaviour tests). */
  behaviourNow(): BehaviourSample {
    const structuralRatio = this.baselineVisible > 0 ? this.visibleCount() / this.baselineVisible : 1;
    const functional = this.functionalEffectAt(this.timeHours);
    const ensembleCoherence = 1 - this.parameters.structuralWeight * Math.max(0, 1 - structuralRatio) + functional;
    return {
      timeHours: this.timeHours,
      structuralRatio,
      functionalEffect: functional,
      ensembleCoherence,
      escapeIndex: Math.min(1, Math.max(0, ensembleCoherence)),
    };
  }

  /** Current stress intensity. */
  stressAt(timeHours: number): number {
    return stressIntensityAt(this.protocol, timeHours);
  }

  // --- internals -------------------------------------------------------------------------------

  /** Analytic two-state steady state as a starting point (size effects are then settled by burn-in). */
  private seedSteadyState(): void {
    const p = this.parameters;
    const { transientPerUm, persistentPerUm, persistentLossPerDay: persistentLoss } = steadyStateDensity(p);
    const total = transientPerUm + persistentPerUm;
    if (!(total > 0)) return;
    const persistentShare = persistentPerUm / total;
    for (const info of this.branches) {
      if (!info.branch.spiny) continue;
      const random = this.formationStreams[info.neuronIndex];
      const count = random.poisson(total * info.branch.lengthUm);
      for (let k = 0; k < count; k++) {
        const persistent = random.uniform() < persistentShare;
        const slot = this.createSpine(info, random.uniform() * info.branch.lengthUm, this.timeHours, Cohort.Initial, random, false);
        const median = persistent ? p.persistentMedianVolumeUm3 : p.transientMedianVolumeUm3;
        this.spines.logVolume[slot] = Math.log(median) + p.sizeLogSd * random.normal();
        this.spines.sizeFactor[slot] = Math.exp(-p.sizeHazardExponent * (this.spines.logVolume[slot] - SIZE_FACTOR_REFERENCE_LOG_VOLUME));
        if (persistent) {
          this.spines.matureAtHours[slot] = -Infinity;
          this.spines.birthHours[slot] = this.timeHours - (24 * random.exponential()) / Math.max(persistentLoss, 1e-3);
        }
      }
    }
  }

  private burnIn(): void {
    const savedStep = this.parameters.timeStepHours;
    const step = Math.max(savedStep, BURN_IN_MAX_STEP_HOURS);
    while (this.timeHours < 0) {
      const stepEnd = Math.min(this.timeHours + step, 0);
      this.step(stepEnd - this.timeHours);
      this.timeHours = stepEnd;
    }
    this.timeHours = 0;
  }

  private handleEvents(timeHours: number): void {
    if (timeHours === 0) this.baselineVisible = this.visibleCount();
    for (const ablation of this.protocol.ablations) if (ablation.timeHours === timeHours) this.ablate();
    if (this.protocol.imagingHours.includes(timeHours)) this.snapshots.push(this.snapshot());
    if (this.protocol.behaviourHours.includes(timeHours)) this.behaviour.push(this.behaviourNow());
  }

  /** The paper's optical deletion: every live spine formed after ketamine is removed at once. */
  private ablate(): void {
    const s = this.spines;
    for (let i = 0; i < s.highWater; i++) {
      if (s.status[i] === SpineStatus.Alive && s.cohort[i] === Cohort.Ketamine) {
        s.eliminate(i, this.timeHours);
        s.flags[i] |= FLAG_ABLATED;
      }
    }
  }

  /**
   * An imaging session: each live spine's size is measured with multiplicative error (two-photon size
   * estimates vary from session to session), and the spine is scored if the measured head exceeds the
   * detection limit. Spines near the limit are therefore scored inconsistently, as in real data.
   */
  private snapshot(): ImagingSnapshot {
    const s = this.spines;
    const threshold = Math.log(this.parameters.detectionThresholdUm3);
    const noise = this.parameters.imagingNoiseLogSd;
    const slots: number[] = [];
    const measured: number[] = [];
    let visibleAllBranches = 0;
    for (let i = 0; i < s.highWater; i++) {
      if (s.status[i] !== SpineStatus.Alive) continue;
      const logVolume = s.logVolume[i] + (noise > 0 ? noise * this.imagingStream.normal() : 0);
      if (logVolume < threshold) continue;
      visibleAllBranches++;
      if (this.branches[s.branch[i]].imaged) {
        slots.push(i);
        measured.push(logVolume);
      }
    }
    const n = slots.length;
    const snapshot: ImagingSnapshot = {
      timeHours: this.timeHours,
      serial: new Uint32Array(n),
      branch: new Uint32Array(n),
      positionUm: new Float32Array(n),
      cohort: new Uint8Array(n),
      volumeUm3: new Float32Array(n),
      visibleAllBranches,
    };
    slots.forEach((slot, k) => {
      snapshot.serial[k] = s.serial[slot];
      snapshot.branch[k] = s.branch[slot];
      snapshot.positionUm[k] = s.positionUm[slot];
      snapshot.cohort[k] = s.cohort[slot];
      snapshot.volumeUm3[k] = Math.exp(measured[k]);
    });
    return snapshot;
  }

  private cohortAt(timeHours: number, stress: number): Cohort {
    if (timeHours < 0) return Cohort.Initial;
    for (const dose of this.protocol.ketamine) {
      const since = timeHours - dose.timeHours;
      if (since >= 0 && since <= KETAMINE_COHORT_WINDOW_HOURS) return Cohort.Ketamine;
    }
    return stress > 0 ? Cohort.Stress : Cohort.Baseline;
  }

  /**
   * Creates a spine born at `birthHours` within the step that started at `stepStartHours`. The hazard loop
   * charges every live spine a whole step, so a newborn starts with minus the hazard of the part of the
   * step before its birth: it pays exactly from birth (transient rate, its branch's factor, its size).
   */
  private createSpine(info: BranchInfo, positionUm: number, birthHours: number, cohort: Cohort, random: RandomStream, nearLostSite: boolean, stepStartHours = birthHours): number {
    const p = this.parameters;
    const s = this.spines;
    const slot = s.allocate();
    s.branch[slot] = info.globalIndex;
    s.positionUm[slot] = positionUm;
    s.birthHours[slot] = birthHours;
    s.cohort[slot] = cohort;
    s.logVolume[slot] = Math.log(p.newSpineVolumeUm3) + 0.5 * p.sizeLogSd * random.normal();
    s.sizeFactor[slot] = Math.exp(-p.sizeHazardExponent * (s.logVolume[slot] - SIZE_FACTOR_REFERENCE_LOG_VOLUME));
    const maturation = p.maturationPerDay * (cohort === Cohort.Ketamine ? p.ketamineMaturationFactor : 1);
    s.matureAtHours[slot] = maturation > 0 ? birthHours + (24 * random.exponential()) / maturation : Infinity;
    s.hazardThreshold[slot] = random.exponential();
    if (birthHours > stepStartHours) {
      const transientRatePerHour = (p.transientEliminationPerDay / 24) * Math.exp(p.sizeHazardExponent * (Math.log(p.transientMedianVolumeUm3) - SIZE_FACTOR_REFERENCE_LOG_VOLUME));
      s.hazard[slot] = -transientRatePerHour * this.branchEliminationFactor[info.globalIndex] * s.sizeFactor[slot] * (birthHours - stepStartHours);
    }
    if (nearLostSite || this.nearRememberedSite(info.globalIndex, positionUm, birthHours)) s.flags[slot] |= FLAG_NEAR_LOST_SITE;
    // Where the spine sits on the dendrite surface, pointing outwards at a random angle.
    const point = this.scratch;
    pointAlong(info.branch, positionUm, point);
    const angle = random.uniform() * 2 * Math.PI;
    const [ux, uy, uz, vx, vy, vz] = perpendicularBasis(point[3], point[4], point[5]);
    const ox = Math.cos(angle) * ux + Math.sin(angle) * vx;
    const oy = Math.cos(angle) * uy + Math.sin(angle) * vy;
    const oz = Math.cos(angle) * uz + Math.sin(angle) * vz;
    s.x[slot] = point[0] + ox * point[6];
    s.y[slot] = point[1] + oy * point[6];
    s.z[slot] = point[2] + oz * point[6];
    s.dx[slot] = ox;
    s.dy[slot] = oy;
    s.dz[slot] = oz;
    return slot;
  }

  /** Whether a stress-lost site still remembered (decayed weight ≥ 5 % of a full trace) lies within the rescue distance. */
  private nearRememberedSite(branch: number, positionUm: number, timeHours: number): boolean {
    const sites = this.lostByBranch[branch];
    const distance = this.parameters.rescueDistanceUm;
    const memoryTau = this.parameters.lostSiteMemoryDays * 24;
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      if (Math.abs(site.positionUm - positionUm) <= distance && site.weight * Math.exp(-(timeHours - site.timeHours) / memoryTau) >= 0.05) return true;
    }
    return false;
  }

  /** One step of length `stepHours` from `this.timeHours`: formation, then size and survival of every spine. */
  private step(stepHours: number): void {
    const t = this.timeHours;
    const stress = this.stressAt(t);
    const drive = this.plasticityDriveAt(t + stepHours / 2);
    if (t >= this.nextSizeUpdateHours) this.updateSizes(t, stress);
    this.updateBranchFactors(stress, drive);
    this.form(t, stepHours, stress, drive);
    this.integrateHazards(t + stepHours, stepHours, stress);
  }

  private updateBranchFactors(stress: number, drive: number): void {
    const p = this.parameters;
    const protection = Math.max(0, 1 - p.ketamineEliminationProtection * drive);
    for (let g = 0; g < this.branches.length; g++) {
      const stressLoad = stress * this.branches[g].susceptibility;
      this.branchEliminationFactor[g] = Math.max(0, 1 + (p.stressEliminationFactor - 1) * stressLoad) * protection;
      this.branchFormationFactor[g] = Math.max(0, 1 + (p.stressFormationFactor - 1) * stressLoad);
    }
  }

  private form(t: number, stepHours: number, stress: number, drive: number): void {
    const p = this.parameters;
    const perUmThisStep = (p.formationPerUmPerDay * stepHours) / 24;
    const extra = p.ketamineFormationGain * drive;
    const cohort = this.cohortAt(t, stress);
    const memoryDecay = Math.exp(-stepHours / (p.lostSiteMemoryDays * 24));
    for (let neuronIndex = 0; neuronIndex < this.neurons.length; neuronIndex++) {
      this.neuronMemory[neuronIndex] *= memoryDecay;
      const random = this.formationStreams[neuronIndex];
      // Ketamine's extra formation is partly drawn to remembered stress-lost sites: fully while the
      // memory holds at least one site's worth of weight, proportionally less as it fades.
      const targetedShare = extra > 0 ? p.rescueTargetingFraction * Math.min(1, this.neuronMemory[neuronIndex]) : 0;
      let targetedMean = 0;
      for (const info of this.neuronBranches[neuronIndex]) {
        if (!info.branch.spiny) continue;
        const base = perUmThisStep * this.branchFormationFactor[info.globalIndex] * info.branch.lengthUm;
        targetedMean += base * extra * targetedShare;
        const count = random.poisson(base * (1 + extra * (1 - targetedShare)));
        for (let k = 0; k < count; k++) {
          this.createSpine(info, random.uniform() * info.branch.lengthUm, t + random.uniform() * stepHours, cohort, random, false, t);
        }
      }
      const count = targetedMean > 0 ? random.poisson(targetedMean) : 0;
      if (count > 0) this.formAtLostSites(neuronIndex, count, t, stepHours, cohort, random);
    }
  }

  /** Places `count` new spines within the rescue distance of remembered sites, chosen by decayed weight. */
  private formAtLostSites(neuronIndex: number, count: number, t: number, stepHours: number, cohort: Cohort, random: RandomStream): void {
    const p = this.parameters;
    const sites = this.neuronLostSites[neuronIndex];
    const memoryTau = p.lostSiteMemoryDays * 24;
    const weights = sites.map((site) => site.weight * Math.exp(-(t - site.timeHours) / memoryTau));
    const total = weights.reduce((sum, w) => sum + w, 0);
    for (let k = 0; k < count; k++) {
      const site = pickWeighted(sites, weights, total, this.targetingStream.uniform());
      const info = this.branches[site.branch];
      const offset = (this.targetingStream.uniform() - 0.5) * p.rescueDistanceUm;
      const position = Math.min(info.branch.lengthUm, Math.max(0, site.positionUm + offset));
      this.createSpine(info, position, t + random.uniform() * stepHours, cohort, random, true, t);
    }
  }

  /**
   * Size dynamics, on their own clock (operator splitting): log volume follows an Ornstein–Uhlenbeck
   * process (the continuous limit of a Kesten process), so sizes are log-normal. Its exact solution over
   * any interval is used, so updating every `sizeUpdateHours` (sizes decorrelate over ≈1/relaxation = 10
   * days) gives the same size distribution as updating every step, at a fraction of the cost. Each
   * spine's size factor for the hazard, exp(−exponent·(x − reference)), is cached here.
   */
  private updateSizes(t: number, stress: number): void {
    const p = this.parameters;
    const s = this.spines;
    const status = s.status;
    const logVolume = s.logVolume;
    const sizeFactor = s.sizeFactor;
    const matureAt = s.matureAtHours;
    const birth = s.birthHours;
    const since = this.lastSizeUpdateHours;
    const relaxationPerHour = p.sizeRelaxationPerDay / 24;
    const decayAll = Math.exp(-relaxationPerHour * (t - since));
    const noiseAll = p.sizeLogSd * Math.sqrt(1 - decayAll * decayAll);
    const shift = p.stressSizeShift * stress;
    const referenceTransient = Math.log(p.transientMedianVolumeUm3);
    const referencePersistent = Math.log(p.persistentMedianVolumeUm3);
    const exponent = p.sizeHazardExponent;
    const expTable = expLookupTable;
    const { table: normalTable, size: tableSize } = normalLookupTable();
    const rng = this.sizeNoise;
    let c = rng.c;
    let s0 = rng.s0;
    let s1 = rng.s1;
    let s2 = rng.s2;
    for (let i = 0; i < s.highWater; i++) {
      if (status[i] !== ALIVE) continue;
      // Spines born since the last update evolve only from their birth.
      let decay = decayAll;
      let noise = noiseAll;
      if (birth[i] > since) {
        decay = Math.exp(-relaxationPerHour * (t - birth[i]));
        noise = p.sizeLogSd * Math.sqrt(1 - decay * decay);
      }
      const target = (t >= matureAt[i] ? referencePersistent : referenceTransient) + shift;
      // A standard normal from one Alea draw (seedrandom's recurrence, inlined) via the inverse-CDF table.
      const next = 2091639 * s0 + c * 2.3283064365386963e-10;
      s0 = s1;
      s1 = s2;
      c = next | 0;
      s2 = next - c;
      const u = s2 * tableSize;
      const j = u | 0;
      const z = normalTable[j] + (u - j) * (normalTable[j + 1] - normalTable[j]);
      const x = target + (logVolume[i] - target) * decay + noise * z;
      logVolume[i] = x;
      // exp(−exponent·(x − reference)) by table (expLookup, inlined); clamped beyond e^±16.
      let position = (-exponent * (x - SIZE_FACTOR_REFERENCE_LOG_VOLUME) - EXP_LOOKUP_MIN) * EXP_LOOKUP_SCALE;
      if (position < 0) position = 0;
      else if (position > EXP_LOOKUP_SIZE) position = EXP_LOOKUP_SIZE;
      const k = position | 0;
      sizeFactor[i] = expTable[k] + (position - k) * (expTable[k + 1] - expTable[k]);
    }
    rng.c = c;
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    this.lastSizeUpdateHours = t;
    this.nextSizeUpdateHours = t + p.sizeUpdateHours;
  }

  /**
   * The hot loop. Each spine carries an exponential threshold drawn at birth; it is eliminated when its
   * integrated hazard crosses it, which is exact for time-varying hazards and needs no random draw per
   * step. The hazard is the state's base rate × the branch's stress/ketamine factor × the cached size factor.
   */
  private integrateHazards(endHours: number, stepHours: number, stress: number): void {
    const p = this.parameters;
    const s = this.spines;
    const status = s.status;
    const matureAt = s.matureAtHours;
    const hazard = s.hazard;
    const threshold = s.hazardThreshold;
    const branch = s.branch;
    const sizeFactor = s.sizeFactor;
    const deathHours = s.deathHours;
    const factor = this.branchEliminationFactor;
    const stepDays = stepHours / 24;
    // Base rates at each state's typical size, re-expressed against the cached size factor's reference.
    const exponent = p.sizeHazardExponent;
    const lossTransient = p.transientEliminationPerDay * stepDays * Math.exp(exponent * (Math.log(p.transientMedianVolumeUm3) - SIZE_FACTOR_REFERENCE_LOG_VOLUME));
    const lossPersistent = p.persistentEliminationPerDay * stepDays * Math.exp(exponent * (Math.log(p.persistentMedianVolumeUm3) - SIZE_FACTOR_REFERENCE_LOG_VOLUME));
    const highWater = s.highWater;
    let updates = 0;
    for (let i = 0; i < highWater; i++) {
      const state = status[i];
      if (state !== ALIVE) {
        if (state === FADING && endHours - deathHours[i] >= FADE_HOURS) s.release(i);
        continue;
      }
      updates++;
      const persistent = endHours >= matureAt[i];
      const accumulated = hazard[i] + (persistent ? lossPersistent : lossTransient) * factor[branch[i]] * sizeFactor[i];
      if (accumulated >= threshold[i]) {
        s.eliminate(i, endHours);
        if (persistent && stress > 0) this.rememberLoss(i, endHours, stress);
      } else hazard[i] = accumulated;
    }
    this.spineUpdates += updates;
  }

  /**
   * Remembers where a persistent spine was lost under stress. Long-established spines leave the strongest
   * trace (weight grows with age up to a week): they are the ones chronic glucocorticoids remove
   * (Liston & Gan 2011) and the ones ketamine re-forms (Moda-Sava 2019).
   */
  private rememberLoss(slot: number, timeHours: number, stress: number): void {
    const ageHours = timeHours - this.spines.birthHours[slot];
    const weight = stress * Math.min(1, ageHours / (7 * 24));
    const site: LostSite = { branch: this.spines.branch[slot], positionUm: this.spines.positionUm[slot], timeHours, weight };
    this.lostSites.push(site);
    this.lostByBranch[site.branch].push(site);
    const neuronIndex = this.branches[site.branch].neuronIndex;
    this.neuronLostSites[neuronIndex].push(site);
    this.neuronMemory[neuronIndex] += weight;
  }
}

function pickWeighted<T>(items: readonly T[], weights: readonly number[], total: number, u: number): T {
  let remaining = u * total;
  for (let i = 0; i < items.length; i++) {
    remaining -= weights[i];
    if (remaining <= 0) return items[i];
  }
  return items[items.length - 1];
}

/** Two unit vectors perpendicular to the (unit) tangent and to each other. */
function perpendicularBasis(tx: number, ty: number, tz: number): [number, number, number, number, number, number] {
  // Cross with the axis least aligned with the tangent.
  const ax = Math.abs(tx) < 0.9 ? 1 : 0;
  const ay = ax === 1 ? 0 : 1;
  let ux = ty * 0 - tz * ay;
  let uy = tz * ax - tx * 0;
  let uz = tx * ay - ty * ax;
  const n = Math.hypot(ux, uy, uz) || 1;
  ux /= n;
  uy /= n;
  uz /= n;
  return [ux, uy, uz, ty * uz - tz * uy, tz * ux - tx * uz, tx * uy - ty * ux];
}
