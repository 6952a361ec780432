/**
 * The work budget: before a run starts, an estimate of what it will cost, and a refusal, in one line that
 * says how to make it smaller, of a run that would take minutes and gigabytes. Valid-looking input can ask
 * for that: a year at 0.5 spines/µm/day on 50 neurons, a reconstruction with 10^9 µm of dendrite.
 *
 * The estimate is the mean-field spine count per µm of the two-state model (steadyStateDensity.ts), from
 * its seeded steady state through burn-in and the protocol: formation raised by stress where stress raises
 * it, and ketamine's delayed drive raising formation (as if no lost site captured any of it) and lowering
 * elimination (its protection), cell by cell; stress's lowering of formation and raising of elimination,
 * the stress after-effect on stabilisation and the slower stabilisation of ketamine-induced spines are left
 * out, so the count errs high: for a preset run (3 procedural neurons, taken at 5.45 mm of spiny dendrite
 * each) it gives ≈8,800 live spines at the peak and 1.4×10^7 updates in all, where the run holds ≈7,800 and
 * makes ≈1.1×10^7; with a dose every 8 hours for 20 days, 1.3× the simulated peak. Imaging snapshots are
 * bounded by every live spine on the imaged branches (≈4× what they keep). Not counted: the search of
 * remembered lost sites, which grows with long stress.
 *
 * The budget is per run (one replicate); replicates multiply the time, not the memory, and are asked for
 * explicitly. The model's own ceiling (SpineStore.MAX_LIVE_SPINES) backs it up while a run is going.
 */
import { doseEffect, plasticityDrive } from './mechanisms/ketamine';
import { hasSpinyTuft, isImagedBranch, spinyLengthUm, type Neuron } from './Morphology';
import { resolveParameters, type Parameters } from './parameters';
import { PROCEDURAL_TYPICAL_SPINY_LENGTH_UM } from './proceduralNeuron';
import { stressIntensityAt, type Protocol } from './Protocol';
import { MAX_LIVE_SPINES, SPINE_SLOT_BYTES } from './SpineStore';
import { steadyStateDensity } from './steadyStateDensity';

/**
 * Runs above any of these are refused. 2×10^9 updates is about half a minute on one core (≈70 million spine
 * updates per second, `npm run bench`), 200 times a preset run; half the live-spine ceiling leaves room for
 * fluctuations around the estimate; 512 MiB keeps a browser tab and a worker thread well clear of trouble.
 */
export interface WorkBudget {
  /** Spine updates, per-step and per-event work together. */
  readonly updates: number;
  readonly peakLiveSpines: number;
  readonly memoryBytes: number;
}

export const WORK_BUDGET: WorkBudget = {
  updates: 2e9,
  peakLiveSpines: MAX_LIVE_SPINES / 2,
  memoryBytes: 512 * 2 ** 20,
};

/** Branches of a procedural neuron, for the per-step work on branches (200 seeds gave 81–146). */
const PROCEDURAL_BRANCHES_PER_NEURON = 150;
/** Share of a procedural neuron's spiny dendrite that is imaged (its tuft; 200 seeds gave 0.16–0.41). */
const PROCEDURAL_IMAGED_SHARE = 0.4;
/** Bytes an imaging snapshot keeps per visible spine: serial, branch, position, cohort and volume. */
const SNAPSHOT_BYTES_PER_SPINE = 17;
/** Burn-in steps are at least this long (Simulation's BURN_IN_MAX_STEP_HOURS). */
const BURN_IN_STEP_HOURS = 4;

export interface WorkEstimate {
  /** Spiny dendrite of all neurons (µm); for procedural neurons, a typical neuron's. */
  readonly spinyLengthUm: number;
  /** Simulation steps, burn-in included. */
  readonly steps: number;
  /** Most live spines at any moment. */
  readonly peakLiveSpines: number;
  /** One live spine advanced one step, summed over the run, burn-in included: the bulk of the time. */
  readonly spineUpdates: number;
  /** Work that does not scale with spines: per-step work on branches, doses and stress epochs. */
  readonly stepUpdates: number;
  /** Work at protocol events: imaging sessions, behaviour tests and ablations visit every spine. */
  readonly eventUpdates: number;
  /** Bytes held at the end: the spine store's columns and every imaging snapshot (all live spines on imaged branches, at most). */
  readonly memoryBytes: number;
}

/** A run refused by the work budget; the message is one line that says how to make the run smaller. */
export class WorkBudgetError extends Error {
  constructor(message: string, readonly estimate: WorkEstimate) {
    super(message);
    this.name = 'WorkBudgetError';
  }
}

/**
 * Estimates what a run will cost. `parameters` are overrides of the defaults (validated); `neurons` are the
 * imported neurons, procedural ones (protocol.neuronCount of them) when absent or empty, as in Simulation.
 */
export function estimateWork(protocol: Protocol, parameters: Readonly<Record<string, unknown>> = {}, neurons?: readonly Neuron[]): WorkEstimate {
  const p = resolveParameters(parameters);
  const imported = neurons !== undefined && neurons.length > 0;
  const lengthUm = imported ? neurons.reduce((sum, neuron) => sum + spinyLengthUm(neuron), 0) : protocol.neuronCount * PROCEDURAL_TYPICAL_SPINY_LENGTH_UM;
  const imagedUm = imported ? neurons.reduce((sum, neuron) => sum + imagedLengthUm(neuron), 0) : PROCEDURAL_IMAGED_SHARE * lengthUm;
  const branchCount = imported ? neurons.reduce((sum, neuron) => sum + neuron.branches.length, 0) : protocol.neuronCount * PROCEDURAL_BRANCHES_PER_NEURON;
  const path = densityPath(protocol, p);
  const eventCount = protocol.imagingHours.length + protocol.behaviourHours.length + protocol.ablations.length + protocol.ketamine.length + 2 * protocol.stress.length;
  const steps = path.steps + eventCount;
  const peakLiveSpines = path.peakPerUm * lengthUm;
  const slots = peakLiveSpines * 1.25; // fading spines keep their slot for 12 h
  return {
    spinyLengthUm: lengthUm,
    steps,
    peakLiveSpines: finite(peakLiveSpines),
    spineUpdates: finite((path.spineStepsPerUm + eventCount * path.meanPerUm) * lengthUm),
    stepUpdates: finite(steps * (2 * branchCount + protocol.ketamine.length + protocol.stress.length)),
    eventUpdates: finite(eventCount * (protocol.imagingHours.length + protocol.behaviourHours.length + protocol.ablations.length) + path.visitsPerUm * lengthUm * 1.25),
    memoryBytes: finite(slots * SPINE_SLOT_BYTES + path.imagedPerUm * imagedUm * SNAPSHOT_BYTES_PER_SPINE),
  };
}

/**
 * Degenerate rates (a tiny maturation rate and no loss) give an unbounded count: the figure overflows to
 * Infinity, or NaN on the way. Both mean "more than can be run", kept finite so they compare and print.
 */
function finite(value: number): number {
  return Number.isFinite(value) ? value : Number.MAX_VALUE;
}

/**
 * Estimates the run and refuses it with a WorkBudgetError when it exceeds the budget (WORK_BUDGET unless a
 * caller has a tighter one); returns the estimate otherwise. The CLI calls it before a run (unless
 * --no-work-limit); the browser's worker can call the same.
 */
export function checkWorkBudget(
  protocol: Protocol, parameters: Readonly<Record<string, unknown>> = {}, neurons?: readonly Neuron[], budget: WorkBudget = WORK_BUDGET,
): WorkEstimate {
  const estimate = estimateWork(protocol, parameters, neurons);
  const problem = budgetProblem(estimate, budget, protocol.ketamine.length > 1);
  if (problem) throw new WorkBudgetError(problem, estimate);
  return estimate;
}

function budgetProblem(e: WorkEstimate, budget: WorkBudget, severalDoses: boolean): string | null {
  const doses = severalDoses ? ['fewer ketamine doses'] : [];
  if (e.peakLiveSpines > budget.peakLiveSpines) {
    return `this run would hold about ${count(e.peakLiveSpines)} live spines at once, more than the budget of ${count(budget.peakLiveSpines)}: ` +
      `use ${either(['fewer neurons', 'less dendrite', ...doses, 'a lower formation rate'])}`;
  }
  if (e.memoryBytes > budget.memoryBytes) {
    return `this run could keep up to about ${megabytes(e.memoryBytes)} of spines and imaging snapshots, more than the budget of ` +
      `${megabytes(budget.memoryBytes)}: use ${either(['fewer imaging sessions', 'fewer neurons', ...doses, 'a lower formation rate'])}`;
  }
  const updates = e.spineUpdates + e.stepUpdates + e.eventUpdates;
  if (updates > budget.updates) {
    const remedy = e.spineUpdates >= Math.max(e.stepUpdates, e.eventUpdates)
      ? ['fewer neurons', 'a shorter protocol', ...doses, 'a larger time step (timeStepHours)', 'a lower formation rate']
      : e.stepUpdates >= e.eventUpdates
        ? ['fewer ketamine doses or stress epochs', 'a reconstruction with fewer branches', 'a larger time step (timeStepHours)']
        : ['fewer imaging sessions or behaviour tests'];
    return `this run would take about ${count(updates)} updates, more than the budget of ${count(budget.updates)} (≈${duration(updates)} on one core): use ${either(remedy)}`;
  }
  return null;
}

/** "a, b or c". */
function either(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items[0];
}

interface DensityPath {
  /** Steps of the burn-in and the main run on the step grid (events not counted). */
  readonly steps: number;
  /** Σ over steps of live spines per µm. */
  readonly spineStepsPerUm: number;
  readonly meanPerUm: number;
  readonly peakPerUm: number;
  /** Σ over imaging sessions, behaviour tests and ablations of live spines per µm (each visits every spine). */
  readonly visitsPerUm: number;
  /** Σ over imaging sessions of live spines per µm (times the imaged length: a bound on what snapshots keep). */
  readonly imagedPerUm: number;
}

/**
 * Live spines per µm through burn-in and the protocol, on cells of the model's step (at least an hour, so a
 * year takes at most 8,760 cells), with the exact solution of the linear two-state model within each cell.
 * Ketamine acts cell by cell through its delayed drive D (summed over doses): formation × (1 + gain·D), as
 * if no lost site captured any of it, and elimination × max(0, 1 − protection·D), as in the model.
 */
function densityPath(protocol: Protocol, p: Parameters): DensityPath {
  const steady = steadyStateDensity(p);
  const sizeFactor = steady.persistentLossPerDay > 0 ? steady.persistentLossPerDay / p.persistentEliminationPerDay : Math.exp((p.sizeHazardExponent * p.sizeLogSd) ** 2 / 2);
  const eliminationT = (p.transientEliminationPerDay * sizeFactor) / 24;
  const lossP = steady.persistentLossPerDay / 24;
  const maturation = p.maturationPerDay / 24;
  const formation = p.formationPerUmPerDay / 24;
  let transient = steady.transientPerUm;
  let persistent = steady.persistentPerUm;
  let peak = transient + persistent;
  let spineSteps = 0;
  let steps = 0;
  const advance = (hours: number, formationPerHour: number, protection: number): void => {
    const before = transient;
    transient = relax(transient, formationPerHour, eliminationT * protection + maturation, hours);
    persistent = relax(persistent, (maturation * (before + transient)) / 2, lossP * protection, hours);
    peak = Math.max(peak, transient + persistent);
  };
  // Burn-in at baseline.
  const burnInStep = Math.max(p.timeStepHours, BURN_IN_STEP_HOURS);
  const burnInSteps = Math.ceil((p.burnInDays * 24) / burnInStep);
  for (let k = 0; k < burnInSteps; k++) {
    spineSteps += transient + persistent;
    advance(burnInStep, formation, 1);
  }
  steps += burnInSteps;
  // The protocol, cell by cell: formation raised by stress (never lowered here) and by ketamine's drive.
  const cellHours = Math.max(p.timeStepHours, 1);
  const cells = Math.ceil(protocol.durationHours / cellHours);
  const drive = drivePerCell(protocol, p, cellHours, cells);
  const visits = new Float64Array(cells + 1);
  const imaged = new Float64Array(cells + 1);
  for (const t of protocol.imagingHours) imaged[Math.floor(t / cellHours)]++;
  for (const t of [...protocol.imagingHours, ...protocol.behaviourHours]) visits[Math.floor(t / cellHours)]++;
  for (const ablation of protocol.ablations) visits[Math.floor(ablation.timeHours / cellHours)]++;
  let visitsPerUm = 0;
  let imagedPerUm = 0;
  let sum = 0;
  for (let cell = 0; cell <= cells; cell++) {
    const now = transient + persistent;
    visitsPerUm += visits[cell] * now;
    imagedPerUm += imaged[cell] * now;
    if (cell === cells) break;
    const stress = stressIntensityAt(protocol, cell * cellHours);
    const stressFactor = Math.max(1, 1 + (p.stressFormationFactor - 1) * stress);
    const ketamineFactor = 1 + p.ketamineFormationGain * drive[cell];
    const protection = Math.max(0, 1 - p.ketamineEliminationProtection * drive[cell]);
    const stepsInCell = cellHours / p.timeStepHours;
    spineSteps += now * stepsInCell;
    sum += now;
    advance(cellHours, formation * stressFactor * ketamineFactor, protection);
  }
  steps += Math.ceil(protocol.durationHours / p.timeStepHours);
  return { steps, spineStepsPerUm: spineSteps, meanPerUm: cells > 0 ? sum / cells : peak, peakPerUm: peak, visitsPerUm, imagedPerUm };
}

function imagedLengthUm(neuron: Neuron): number {
  const hasTuft = hasSpinyTuft(neuron);
  return neuron.branches.reduce((sum, branch) => sum + (isImagedBranch(branch, hasTuft) ? branch.lengthUm : 0), 0);
}

/** x after `hours` of dx/dt = input − rate·x (exact, so any rate is stable). */
function relax(x: number, inputPerHour: number, ratePerHour: number, hours: number): number {
  if (!(ratePerHour > 0)) return x + inputPerHour * hours;
  const decay = Math.exp(-ratePerHour * hours);
  return x * decay + (inputPerHour / ratePerHour) * (1 - decay);
}

/**
 * Ketamine's delayed drive at the middle of each cell, summed over doses. Each dose is visited only over
 * the cells where its drive exceeds e^(−32) of its peak (8 log-widths either side), so many doses stay cheap.
 */
function drivePerCell(protocol: Protocol, p: Parameters, cellHours: number, cells: number): Float64Array {
  const drive = new Float64Array(cells + 1);
  for (const dose of protocol.ketamine) {
    const scale = doseEffect(dose.doseMgPerKg, p);
    if (!(scale > 0)) continue;
    const from = dose.timeHours + p.ketaminePeakHours * Math.exp(-8 * p.ketamineDriveRiseLogWidth);
    const to = dose.timeHours + p.ketaminePeakHours * Math.exp(8 * p.ketamineDriveDecayLogWidth);
    const first = Math.max(0, Math.floor(from / cellHours));
    const last = Math.min(cells - 1, Math.ceil(to / cellHours));
    for (let cell = first; cell <= last; cell++) {
      drive[cell] += scale * plasticityDrive((cell + 0.5) * cellHours - dose.timeHours, p.ketaminePeakHours, p.ketamineDriveRiseLogWidth, p.ketamineDriveDecayLogWidth);
    }
  }
  return drive;
}

function count(value: number): string {
  if (value >= 1e12) return value.toExponential(1);
  if (value >= 1e9) return `${(value / 1e9).toPrecision(2)} billion`;
  if (value >= 1e6) return `${(value / 1e6).toPrecision(2)} million`;
  return Math.round(value).toLocaleString('en-US');
}

function megabytes(bytes: number): string {
  if (bytes >= 2 ** 50) return `${bytes.toExponential(1)} bytes`;
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toPrecision(2)} GB` : `${Math.round(bytes / 2 ** 20)} MB`;
}

/** Time at ≈70 million updates per second on one core (the model benchmark's figure). */
function duration(updates: number): string {
  const seconds = updates / 7e7;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 4 * 86400) return `${Math.round(seconds / 3600)} h`;
  return 'days or more';
}
