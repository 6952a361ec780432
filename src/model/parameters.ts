/**
 * The model's parameters as one schema: the single source of truth for defaults, validation, the UI's
 * parameter panel, the CLI's `--set` and saved runs. Sources are cited; `estimate: true` marks defaults
 * with no direct measurement (the UI shows an "estimate" badge).
 */

import { parseDecimal } from './parseDecimal';

export type ParameterGroup = 'turnover' | 'size' | 'imaging' | 'stress' | 'ketamine' | 'behaviour' | 'numerics';

export interface ParameterSpec {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  readonly group: ParameterGroup;
  /** Plain-language description for the UI. */
  readonly description: string;
  /** Citation, or the reasoning behind an estimate. */
  readonly source: string;
  readonly estimate: boolean;
  /** Integer-valued parameter. */
  readonly integer?: boolean;
  /** 'reset': read only when a run starts, so a change shows from the next reset (default: at once). */
  readonly appliesAt?: 'reset';
}

const specs = [
  // Turnover (two-state kinetics fitted to new-spine survival; Shao et al. 2021 saline data, derived).
  {
    name: 'formationPerUmPerDay', label: 'Spine formation rate', unit: '1/(µm·day)', defaultValue: 0.014, min: 0, max: 0.5, group: 'turnover',
    description: 'New spines appearing per micrometre of dendrite per day at baseline (before the detection limit).',
    source: 'Calibrated so that visible density is ≈0.45/µm on apical tuft branches and scored formation ≈7 % per 2 days (Shao et al. 2021 saline data, derived)', estimate: false,
  },
  {
    name: 'transientEliminationPerDay', label: 'Loss rate of new (transient) spines', unit: '1/day', defaultValue: 0.3, min: 0, max: 10, group: 'turnover',
    description: 'How fast a new, not yet stabilised spine disappears.',
    source: 'Two-population fit to new-spine survival, Shao et al. 2021 (derived: ≈0.26/day)', estimate: false,
  },
  {
    name: 'maturationPerDay', label: 'Stabilisation rate', unit: '1/day', defaultValue: 0.39, min: 0, max: 10, group: 'turnover',
    description: 'How fast a new spine becomes persistent (stable).',
    source: 'Two-population fit to new-spine survival, Shao et al. 2021 (derived: ≈0.39/day)', estimate: false,
  },
  {
    name: 'persistentEliminationPerDay', label: 'Loss rate of persistent spines', unit: '1/day', defaultValue: 0.012, min: 0, max: 2, group: 'turnover',
    description: 'How fast an established spine disappears at its typical size.',
    source: 'Two-population fit to new-spine survival, Shao et al. 2021 (derived: ≈0.014/day); 0.012 here, calibrated with the size-dependent hazard so that ≈40 % of new spines survive 33 days', estimate: false,
  },
  {
    name: 'sizeHazardExponent', label: 'Size protects against loss', unit: '', defaultValue: 1, min: 0, max: 3, group: 'turnover',
    description: 'Elimination hazard scales as (volume / typical volume)^−exponent: small spines are lost more often.',
    source: 'Direction: small spines unstable, large persist (Kasai 2003; Yasumatsu 2008); exponent is an estimate', estimate: true,
  },
  // Size (Kesten-type multiplicative dynamics).
  {
    name: 'persistentMedianVolumeUm3', label: 'Typical volume of persistent spines', unit: 'µm³', defaultValue: 0.17, min: 0.01, max: 1, group: 'size',
    description: 'Median head volume that established spines fluctuate around.',
    source: 'Median head volume ≈0.15 µm³ in adult mouse cortex (Harris & Weinberg 2012); persistent spines are the larger ones (Holtmaat 2006)', estimate: true,
  },
  {
    name: 'transientMedianVolumeUm3', label: 'Typical volume of transient spines', unit: 'µm³', defaultValue: 0.07, min: 0.005, max: 1, group: 'size',
    description: 'Median head volume that new, unstable spines fluctuate around.',
    source: 'New spines are mostly small and thin (Holtmaat 2006; thin head ≈0.03 µm³, Harris & Weinberg 2012)', estimate: true,
  },
  {
    name: 'newSpineVolumeUm3', label: 'Volume of a newborn spine', unit: 'µm³', defaultValue: 0.06, min: 0.001, max: 1, group: 'size',
    description: 'Median head volume of a spine at the moment it forms; it then grows or shrinks.',
    source: 'New spines start small (Holtmaat 2006); value is an estimate near the two-photon detection limit', estimate: true,
  },
  {
    name: 'sizeLogSd', label: 'Size spread (log)', unit: 'ln units', defaultValue: 0.6, min: 0, max: 2, group: 'size',
    description: 'Standard deviation of log head volume around its typical value: sizes are log-normal.',
    source: 'Log-normal size distribution from multiplicative (Kesten) dynamics (Loewenstein 2011; Statman 2014; Hazan & Ziv 2020)', estimate: true,
  },
  {
    name: 'sizeRelaxationPerDay', label: 'Size relaxation rate', unit: '1/day', defaultValue: 0.1, min: 0.01, max: 20, group: 'size',
    description: 'How quickly a spine’s size forgets its past: the mean-reversion rate of log volume.',
    source: 'Size fluctuations decorrelate over days in vivo (Loewenstein 2011); value is an estimate', estimate: true,
  },
  // Imaging (how spines are scored).
  {
    name: 'detectionThresholdUm3', label: 'Detection limit', unit: 'µm³', defaultValue: 0.0335, min: 0, max: 0.5, group: 'imaging',
    description: 'Spines with a smaller head are invisible to two-photon imaging and are not scored.',
    source: 'Protrusions are scored from ≈0.4 µm (two-photon scoring criteria, Holtmaat et al. 2009, doi:10.1038/nprot.2009.89): a sphere of 0.4 µm diameter is 0.0335 µm³', estimate: false,
  },
  {
    name: 'imagingNoiseLogSd', label: 'Size measurement error', unit: 'ln units', defaultValue: 0.25, min: 0, max: 2, group: 'imaging',
    description: 'Session-to-session error of the measured head size: spines near the detection limit are sometimes scored, sometimes missed.',
    source: 'Dim protrusions near the optical limit are scored inconsistently (Holtmaat et al. 2009, doi:10.1038/nprot.2009.89); no published same-day error rate was readable, so the size is an estimate, kept so that at most ≈20 % of scored 2-day gains are spines already present (the same-day re-imaging readout prints it)', estimate: true,
  },
  {
    name: 'rescueDistanceUm', label: 'Rescue distance', unit: 'µm', defaultValue: 1, min: 0.1, max: 10, group: 'imaging',
    description: 'A new spine within this distance of a spine lost under stress counts as forming "at a lost site".',
    source: 'The distance criterion of Moda-Sava et al. 2019 could not be read; estimate', estimate: true,
  },
  // Stress.
  {
    name: 'stressFormationFactor', label: 'Formation under stress', unit: '× baseline', defaultValue: 0.9, min: 0, max: 2, group: 'stress',
    description: 'Spine formation is multiplied by this during chronic stress (intensity 1).',
    source: 'Stress lowers formation (Moda-Sava 2019); magnitude not readable, estimate', estimate: true,
  },
  {
    name: 'stressEliminationFactor', label: 'Elimination under stress', unit: '× baseline', defaultValue: 1.55, min: 0, max: 10, group: 'stress',
    description: 'Elimination of persistent spines is multiplied by this during chronic stress (intensity 1), more on susceptible branches.',
    source: 'Stress raises elimination (Moda-Sava et al. 2019); chronic glucocorticoid excess removes stable spines (Liston & Gan 2011, Proc Natl Acad Sci USA 108:16074); magnitude not readable, estimate', estimate: true,
  },
  {
    name: 'stressSizeShift', label: 'Spine shrinkage under stress', unit: 'ln units', defaultValue: -0.15, min: -2, max: 1, group: 'stress',
    description: 'Shift of the typical log head volume during stress: fewer large spines, more small ones.',
    source: 'Direction from Radley 2008 (rat mPFC); magnitude estimate', estimate: true,
  },
  {
    name: 'stressStabilisationBlock', label: 'Stress after-effect on new spines', unit: 'fraction', defaultValue: 0.3, min: 0, max: 1, group: 'stress',
    description: 'At full stress load, every new spine stabilises this much less often; the load builds up during stress and outlasts it (see next).',
    source: 'Glucocorticoid troughs are needed to stabilise new spines, and chronic excess eliminates new spines (Liston et al. 2013, doi:10.1038/nn.3387); magnitude estimate', estimate: true,
  },
  {
    name: 'stressAftereffectDays', label: 'Duration of the stress after-effect', unit: 'days', defaultValue: 7, min: 0.1, max: 60, group: 'stress',
    description: 'Time constant with which the stress load follows the stress: it builds up during stress and fades after it.',
    source: 'Estimate (the recovery of glucocorticoid rhythms after chronic stress was not quantified in the sources read)', estimate: true,
  },
  {
    name: 'branchSusceptibilityCv', label: 'Branch-to-branch variability', unit: 'CV', defaultValue: 1.5, min: 0, max: 3, group: 'stress',
    description: 'Each branch’s sensitivity to stress is drawn with mean 1 and this coefficient of variation: loss is branch-specific.',
    source: 'Targeted, branch-specific loss (Moda-Sava 2019); spread estimate', estimate: true, appliesAt: 'reset',
  },
  // Ketamine.
  {
    name: 'ketamineFormationGain', label: 'Ketamine boost of formation anywhere', unit: '× at peak', defaultValue: 1, min: 0, max: 20, group: 'ketamine',
    description: 'Extra spine formation anywhere on the dendrite at the peak of ketamine’s delayed effect, in multiples of the current rate (at 10 mg/kg), less what stress-lost sites capture of the drive. An unstressed circuit gets all of it.',
    source: 'A single dose without stress raises formation and density modestly (Phoumthipphavong et al. 2016, doi:10.1523/ENEURO.0133-15.2016); magnitude estimate', estimate: true,
  },
  {
    name: 'ketamineSiteReformationPerDay', label: 'Re-formation at stress-lost sites', unit: '1/day at peak', defaultValue: 8, min: 0, max: 20, group: 'ketamine',
    description: 'At the peak of ketamine’s delayed effect, each remembered stress-lost site is re-formed at this rate (and used up). The sites capture the drive first: the larger the stress deficit, the more ketamine rebuilds, and the fewer spines it places elsewhere.',
    source: 'Ketamine selectively rescues eliminated spines (Moda-Sava et al. 2019, doi:10.1126/science.aat8078; Ng et al. 2018); tagged sites capture the products of plasticity first (synaptic tagging and capture: Frey & Morris 1997, doi:10.1038/385533a0); rate estimate', estimate: true,
  },
  {
    name: 'ketaminePeakHours', label: 'Time of peak spine formation', unit: 'h', defaultValue: 18, min: 1, max: 96, group: 'ketamine',
    description: 'Hours after the dose when ketamine’s drive for new spines peaks.',
    source: 'Unchanged at 3–6 h, increased at 12–24 h (Moda-Sava 2019)', estimate: false,
  },
  {
    name: 'ketamineDriveRiseLogWidth', label: 'Rise of the formation drive', unit: 'ln units', defaultValue: 0.35, min: 0.05, max: 2, group: 'ketamine',
    description: 'How sharply the delayed drive for new spines rises, on a log-time axis: small values keep it at ≈0 for the first 6 h.',
    source: 'Formation unchanged at 3–6 h (Moda-Sava et al. 2019); shape estimate', estimate: true,
  },
  {
    name: 'ketamineDriveDecayLogWidth', label: 'Fading of the formation drive', unit: 'ln units', defaultValue: 0.5, min: 0.05, max: 3, group: 'ketamine',
    description: 'How slowly the delayed drive fades after its peak, on a log-time axis (0.5: ≈15 % of the peak at 2 days).',
    source: 'The drug is cleared within hours while its structural effects last days (Moda-Sava et al. 2019; Phoumthipphavong et al. 2016); shape estimate', estimate: true,
  },
  {
    name: 'ketamineEd50MgPerKg', label: 'Half-effective dose', unit: 'mg/kg', defaultValue: 3, min: 0.1, max: 100, group: 'ketamine',
    description: 'Dose giving half the maximal (sub-anaesthetic) effect; 10 mg/kg gives the nominal effect.',
    source: 'Mouse antidepressant-like doses ≈3–10 mg/kg i.p., ≈1 mg/kg usually inactive (review: Zanos & Gould 2018, doi:10.1038/mp.2017.255); value estimate', estimate: true,
  },
  {
    name: 'ketamineDoseHill', label: 'Steepness of the dose–response', unit: 'Hill exponent', defaultValue: 4, min: 0.5, max: 8, group: 'ketamine',
    description: 'How sharply the effect rises with dose below the half-effective dose.',
    source: 'Steep rise between ≈1 and ≈3–10 mg/kg (Zanos & Gould 2018); value estimate', estimate: true,
  },
  {
    name: 'ketamineAnaestheticDoseMgPerKg', label: 'Anaesthetic dose', unit: 'mg/kg', defaultValue: 40, min: 5, max: 500, group: 'ketamine',
    description: 'Dose at which half the effect is lost: at anaesthetic doses the NMDA-receptor block no longer spares pyramidal neurons and the synaptogenic glutamate burst fails.',
    source: 'Synaptogenic mTOR signalling at sub-anaesthetic but not at an anaesthetic dose (Li et al. 2010, doi:10.1126/science.1190287); disinhibition hypothesis (Duman 2014); value estimate', estimate: true,
  },
  {
    name: 'ketamineEliminationProtection', label: 'Protection from elimination', unit: 'fraction', defaultValue: 0.15, min: 0, max: 1, group: 'ketamine',
    description: 'Fractional reduction of elimination while the delayed drive is active.',
    source: 'Ketamine protects mushroom spines from elimination (Ng et al. 2018); magnitude estimate', estimate: true,
  },
  {
    name: 'ketamineMaturationFactor', label: 'Stabilisation of ketamine spines', unit: '× baseline', defaultValue: 0.3, min: 0, max: 3, group: 'ketamine',
    description: 'Ketamine-induced spines stabilise at this multiple of the normal rate: most disappear within days.',
    source: 'Most ketamine-induced spines disappear again within a few days (Moda-Sava et al. 2019, as reported by Weill Cornell); estimate', estimate: true,
  },
  {
    name: 'restoredMaturationFactor', label: 'Stabilisation of restored spines', unit: '× baseline', defaultValue: 0.8, min: 0, max: 3, group: 'ketamine',
    description: 'Spines that ketamine re-forms at a stress-lost site stabilise at this multiple of the normal rate (and, like every new spine, less while the stress after-effect lasts).',
    source: 'Restored spines carry the sustained rescue and their survival matters (Moda-Sava et al. 2019); value estimate', estimate: true,
  },
  {
    name: 'rescueTargetingFraction', label: 'Share of new spines aimed at lost sites', unit: 'fraction', defaultValue: 0.9, min: 0, max: 1, group: 'ketamine',
    description: 'Of the spines ketamine re-forms for stress-lost sites, this share is placed at the site (restoring that connection); the rest land anywhere on the neuron. 0 is the rival hypothesis of uniform re-formation.',
    source: 'Ketamine selectively re-forms eliminated spines (Moda-Sava et al. 2019; Ng et al. 2018); share estimate', estimate: true,
  },
  {
    name: 'lostSiteMemoryDays', label: 'Memory of lost sites', unit: 'days', defaultValue: 21, min: 0.1, max: 365, group: 'ketamine',
    description: 'Time constant over which the dendrite “remembers” where stress removed an established spine.',
    source: 'Re-formation at stress-lost sites about a week after stress ended (Moda-Sava et al. 2019) needs a memory of at least weeks; value estimate', estimate: true,
  },
  // Behaviour.
  {
    name: 'functionalEffectAmplitude', label: 'Rapid functional effect', unit: 'index', defaultValue: 1.0, min: 0, max: 2, group: 'behaviour',
    description: 'Immediate boost to ensemble coherence after ketamine, before any new spine.',
    source: 'Behaviour and ensemble coordination rescued within 3 h (Moda-Sava et al. 2019); size estimate', estimate: true,
  },
  {
    name: 'functionalEffectDecayHours', label: 'Decay of the rapid effect', unit: 'h', defaultValue: 12, min: 0.5, max: 240, group: 'behaviour',
    description: 'Time constant over which the rapid functional effect fades.',
    source: 'Maintenance on days 2–7 needs the new spines (Moda-Sava et al. 2019), so the rapid effect fades within ≈1–2 days; estimate', estimate: true,
  },
  {
    name: 'structuralWeight', label: 'Weight of spine loss on behaviour', unit: 'index per fraction', defaultValue: 7, min: 0, max: 20, group: 'behaviour',
    description: 'Drop in ensemble coherence per fraction of branch output lost since day 0 (see the branch reserve).',
    source: 'Escape behaviour tracks ensemble coordination (Moda-Sava et al. 2019); weight estimate (stress alone leaves an escape index of ≈0.4)', estimate: true,
  },
  {
    name: 'novelSpineWeight', label: 'Worth of a new spine elsewhere', unit: 'connection', defaultValue: 0.25, min: 0, max: 1, group: 'behaviour',
    description: 'What a new, still-transient spine that did not re-form at a lost site adds to the ensemble, relative to an established or restored connection. 1, with a branch reserve of 3 or more, is the rival hypothesis: behaviour from spine density alone.',
    source: 'New spines are mostly transient and rarely become persistent, while persistent ones bear synapses (Holtmaat & Svoboda 2009, doi:10.1038/nrn2699); restoring the same synapses sustains the rescue (Moda-Sava et al. 2019); value estimate', estimate: true,
  },
  {
    name: 'branchSaturation', label: 'Branch reserve', unit: '× normal density', defaultValue: 0.75, min: 0.05, max: 10, group: 'behaviour',
    description: 'A dendritic branch works fully while its connections stay above this fraction of its neuron’s normal density; below it, its output falls in proportion. Values of 3 or more make behaviour follow the total count of connections (the rival rule).',
    source: 'Thin dendritic branches are computational subunits that fire local spikes only when enough inputs are active together (Polsky, Mel & Schiller 2004, doi:10.1038/nn1253; Losonczy, Makara & Magee 2008, doi:10.1038/nature06725; Poirazi, Brannon & Mel 2003, doi:10.1016/S0896-6273(03)00149-1); value estimate', estimate: true,
  },
  // Numerics.
  {
    name: 'timeStepHours', label: 'Time step', unit: 'h', defaultValue: 1, min: 0.01, max: 6, group: 'numerics',
    description: 'Simulation step. Results do not depend on it beyond sampling error (tested).',
    source: 'Numerical choice', estimate: false,
  },
  {
    name: 'sizeUpdateHours', label: 'Size update interval', unit: 'h', defaultValue: 6, min: 0.25, max: 24, group: 'numerics',
    description: 'How often spine sizes are advanced (exactly, over the elapsed time). Sizes decorrelate over days, so this only trades speed for smoothness.',
    source: 'Numerical choice', estimate: false,
  },
  {
    name: 'burnInDays', label: 'Burn-in', unit: 'days', defaultValue: 28, min: 0, max: 365, group: 'numerics',
    description: 'Simulated time before day 0 that lets spine sizes and states settle to steady state.',
    source: 'Numerical choice', estimate: false, appliesAt: 'reset',
  },
] as const satisfies readonly ParameterSpec[];

export type ParameterName = (typeof specs)[number]['name'];
export type Parameters = { readonly [K in ParameterName]: number };

export const parameterSchema: readonly ParameterSpec[] = specs;

const specByName = new Map<string, ParameterSpec>(specs.map((spec) => [spec.name, spec]));

export function parameterSpec(name: string): ParameterSpec | undefined {
  return specByName.get(name);
}

export function defaultParameters(): Parameters {
  const values: Record<string, number> = {};
  for (const spec of specs) values[spec.name] = spec.defaultValue;
  return values as Parameters;
}

export class ParameterError extends Error {
  constructor(
    message: string,
    readonly parameterName: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/** Checks one value against its spec; returns the problem in plain words, or null when it is valid. */
export function parameterProblem(name: string, value: unknown): string | null {
  const spec = specByName.get(name);
  if (!spec) {
    return `unknown parameter "${name}"${suggestion(name)}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${name} must be a finite number (${formatRange(spec)}), got ${String(value)}`;
  }
  if (value < spec.min || value > spec.max) {
    return `${name} = ${value} is out of range: allowed ${formatRange(spec)}`;
  }
  if (spec.integer && !Number.isInteger(value)) {
    return `${name} must be a whole number (${formatRange(spec)}), got ${value}`;
  }
  return null;
}

export function formatRange(spec: ParameterSpec): string {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `${spec.min} to ${spec.max}${unit}`;
}

/** Merges overrides onto a base set, rejecting unknown names, NaN and out-of-range values. */
export function resolveParameters(overrides: Readonly<Record<string, unknown>> = {}, base: Parameters = defaultParameters()): Parameters {
  const values: Record<string, number> = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    const problem = parameterProblem(name, value);
    if (problem) throw new ParameterError(problem, name);
    values[name] = value as number;
  }
  return values as Parameters;
}

/** Parses `name=value` as given on the command line or in a URL; the value must be a decimal number (no hex). */
export function parseParameterAssignment(text: string): [ParameterName, number] {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.+?)\s*$/.exec(text);
  if (!match) throw new ParameterError(`expected name=value, got "${text}"`, text);
  const [, name, raw] = match;
  const value = parseDecimal(raw);
  if (value === undefined) {
    const spec = specByName.get(name);
    const problem = spec ? `${name} must be a decimal number (${formatRange(spec)}), got "${raw}"` : parameterProblem(name, Number.NaN);
    throw new ParameterError(problem ?? `bad value "${raw}"`, name);
  }
  const problem = parameterProblem(name, value);
  if (problem) throw new ParameterError(problem, name);
  return [name as ParameterName, value];
}

function suggestion(name: string): string {
  const lower = name.toLowerCase();
  const close = specs.find((spec) => spec.name.toLowerCase() === lower || spec.name.toLowerCase().startsWith(lower.slice(0, 6)));
  return close ? ` (did you mean "${close.name}"?)` : '';
}
