import { parseParameterAssignment } from '../model/parameters';
import { parseDecimal } from '../model/parseDecimal';
import { MAX_LIVE_SPINES } from '../model/SpineStore';
import { WORK_BUDGET } from '../model/workBudget';
import { parseShardSpec, type ShardSpec } from '../sweep/shardFile';
import { SweepError } from '../sweep/SweepError';

export interface CliOptions {
  readonly scenario?: string;
  readonly protocolFile?: string;
  readonly morphologyFile?: string;
  readonly seed: number;
  readonly replicates: number;
  readonly threads?: number;
  readonly parameters: Readonly<Record<string, number>>;
  readonly format: 'json' | 'csv';
  readonly outFile?: string;
  readonly report: boolean;
  /** Export the neuron and its spines at this time (hours) instead of the readouts. */
  readonly spinesAtHours?: number;
  readonly repairLoops: boolean;
  /** Micrometres per unit of the SWC file (--swc-scale), when it is not in µm. */
  readonly swcScale?: number;
  /** 'pia-up' (default) or 'file' (--swc-orientation). */
  readonly swcOrientation: 'pia-up' | 'file';
  /** Refuse runs over the work budget (false with --no-work-limit). */
  readonly workLimit: boolean;
  readonly help: boolean;
  /** Run shard `shard` (default 0/1) of this sweep document into `outFile`. */
  readonly sweepFile?: string;
  readonly shard?: ShardSpec;
  /** Merge and analyse these shard files. */
  readonly mergeFiles?: readonly string[];
  /** Run the sensitivity screening and print its tables (or, with --format, the whole sweep result). */
  readonly sensitivity?: { readonly format: 'tables' | 'json' | 'csv' };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run sim -- [options]

Runs the SpineLab model headless and prints the imaging readouts (JSON or CSV).

  --scenario NAME        control | stress | stress-ketamine | stress-ketamine-ablation | stress-ketamine-restress
                         (default: stress-ketamine)
  --protocol FILE.json   a protocol document instead of a preset (see README, "Protocols")
  --morphology FILE.swc  grow spines on a reconstructed neuron instead of the procedural ones
  --repair-loops         accept SWC self-parents/loops by making them roots (with a warning)
  --swc-scale FACTOR     micrometres per unit of the SWC file, when it is not in µm (0.001 for nanometres)
  --swc-orientation O    pia-up (default: turn the neuron so its apical dendrite points up) or file (keep its axes)
  --seed N               integer seed (default 1); replicate k uses seed N+k
  --replicates K         independent replicates (default 1; 20 with --report)
  --threads T            worker threads (default and most: the number of cores; at most K)
  --set name=value       override a model parameter (repeatable)
  --format json|csv      output format (default json)
  --out FILE             write to FILE instead of standard output (replaced atomically; through a symbolic
                         link to its target; a device or FIFO is written to, never replaced)
  --spines-at HOURS      export the neuron(s) and every spine at that time (JSON) instead of the readouts
  --no-work-limit        run even what the work budget refuses (a run estimated at over ${WORK_BUDGET.updates / 1e9} billion updates,
                         ${WORK_BUDGET.peakLiveSpines.toLocaleString('en-US')} live spines or ${WORK_BUDGET.memoryBytes / 2 ** 20} MB; see README); ${MAX_LIVE_SPINES.toLocaleString('en-US')} live spines still end a run
  --report               run the calibration (B1–B5, S1–S3, K1–K5, F1–F3, G1–G8) and each rival hypothesis, print the tables
  --sensitivity          screen every estimated parameter against every target (Morris elementary effects, a few
                         minutes) and print which estimates control which targets; --format json|csv for the result
  --sweep FILE.json      run a sweep document (see README, "Sweeps"); needs --out FILE.jsonl, resumes from it
  --shard I/N            with --sweep: run only shard I of N (0 ≤ I < N), every N-th point from I
  --merge FILES…         check and analyse shard files (Morris, Sobol, grid tables); --format json|csv
  --help                 this text`;

/**
 * Parses command-line arguments; throws UsageError with one clear line on bad input. Strict, so that a
 * typo cannot change a run silently: values are never empty, numbers are decimal, switches take no value.
 */
export function parseArguments(argv: readonly string[]): CliOptions {
  const parameters: Record<string, number> = {};
  let scenario: string | undefined;
  let protocolFile: string | undefined;
  let morphologyFile: string | undefined;
  let seed = 1;
  let replicates: number | undefined;
  let threads: number | undefined;
  let format: 'json' | 'csv' = 'json';
  let outFile: string | undefined;
  let report = false;
  let repairLoops = false;
  let swcScale: number | undefined;
  let swcOrientation: 'pia-up' | 'file' = 'pia-up';
  let workLimit = true;
  let help = false;
  let spinesAtHours: number | undefined;
  let sweepFile: string | undefined;
  let shard: ShardSpec | undefined;
  let mergeFiles: string[] | undefined;
  let sensitivity = false;
  const given = new Set<string>();
  let arg = '';
  let inline: string | undefined;
  let i = 0;
  /** The option's value (after '=' or the next argument); never empty or blank, never the next option. */
  const value = (flag: string): string => {
    const text = inline !== undefined ? inline : argv[++i];
    if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (text.trim() === '') throw new UsageError(`${flag} needs a value, got an empty one`);
    return text;
  };
  const integer = (flag: string, min: number, max: number): number => {
    const text = value(flag);
    const parsed = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return parsed;
  };
  /** A switch: `--report=1` is refused rather than read as on (or off). */
  const flagOnly = (flag: string): true => {
    if (inline !== undefined) throw new UsageError(`${flag} takes no value, got "${arg}"`);
    return true;
  };
  for (; i < argv.length; i++) {
    arg = argv[i];
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals >= 0 ? arg.slice(0, equals) : arg;
    inline = equals >= 0 ? arg.slice(equals + 1) : undefined;
    given.add(flag);
    switch (flag) {
      case '--scenario': scenario = value(flag); break;
      case '--protocol': protocolFile = value(flag); break;
      case '--morphology': morphologyFile = value(flag); break;
      case '--seed': seed = integer(flag, -(2 ** 31), 2 ** 31 - 1); break;
      case '--replicates': replicates = integer(flag, 1, 10_000); break;
      case '--threads': threads = integer(flag, 1, 256); break;
      case '--set': {
        const [name, v] = parseParameterAssignment(value(flag));
        parameters[name] = v;
        break;
      }
      case '--format': {
        const f = value(flag);
        if (f !== 'json' && f !== 'csv') throw new UsageError(`--format must be json or csv, got "${f}"`);
        format = f;
        break;
      }
      case '--out': outFile = value(flag); break;
      case '--report': report = flagOnly(flag); break;
      case '--sensitivity': sensitivity = flagOnly(flag); break;
      case '--spines-at': {
        const text = value(flag);
        const hours = parseDecimal(text);
        if (hours === undefined || hours < 0) throw new UsageError(`--spines-at must be a time in hours ≥ 0 (a decimal number), got "${text}"`);
        spinesAtHours = hours;
        break;
      }
      case '--repair-loops': repairLoops = flagOnly(flag); break;
      case '--swc-scale': {
        const text = value(flag);
        const scale = parseDecimal(text);
        if (scale === undefined || !(scale > 0) || scale > 1e6) throw new UsageError(`--swc-scale must be the file's micrometres per unit, a positive decimal number (0.001 for nanometres), got "${text}"`);
        swcScale = scale;
        break;
      }
      case '--swc-orientation': {
        const text = value(flag);
        if (text !== 'pia-up' && text !== 'file') throw new UsageError(`--swc-orientation must be pia-up or file, got "${text}"`);
        swcOrientation = text;
        break;
      }
      case '--no-work-limit': workLimit = !flagOnly(flag); break;
      case '--help': case '-h': help = flagOnly(flag); break;
      case '--sweep': sweepFile = value(flag); break;
      case '--shard': {
        try {
          shard = parseShardSpec(value(flag));
        } catch (error) {
          throw error instanceof SweepError ? new UsageError(error.message) : error;
        }
        break;
      }
      case '--merge': {
        mergeFiles = inline !== undefined ? [value(flag)] : [];
        while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) mergeFiles.push(argv[++i]);
        if (mergeFiles.length === 0) throw new UsageError('--merge needs the shard files to merge');
        if (mergeFiles.some((file) => file.trim() === '')) throw new UsageError('--merge got an empty file name');
        break;
      }
      default: throw new UsageError(`unknown option "${arg}" (see --help)`);
    }
  }
  const others = (allowed: readonly string[]) => [...given].filter((f) => !allowed.includes(f));
  if (sweepFile !== undefined || shard !== undefined) {
    if (sweepFile === undefined) throw new UsageError('--shard goes with --sweep FILE.json');
    if (outFile === undefined) throw new UsageError('--sweep needs --out FILE.jsonl: a shard appends to its file and resumes from it');
    const extra = others(['--sweep', '--shard', '--out', '--threads']);
    if (extra.length > 0) throw new UsageError(`--sweep takes the protocol, parameters, seed and replicates from the sweep document; leave out ${extra.join(', ')}`);
  }
  if (mergeFiles !== undefined) {
    const extra = others(['--merge', '--out', '--format']);
    if (extra.length > 0) throw new UsageError(`--merge reads only shard files; leave out ${extra.join(', ')}`);
  }
  if (sensitivity) {
    const extra = others(['--sensitivity', '--seed', '--threads', '--out', '--format']);
    if (extra.length > 0) throw new UsageError(`--sensitivity screens the model's estimates on its calibration scenarios; leave out ${extra.join(', ')}`);
  }
  if (scenario && protocolFile) throw new UsageError('give either --scenario or --protocol, not both');
  for (const swcOption of ['--repair-loops', '--swc-scale', '--swc-orientation']) {
    if (given.has(swcOption) && !morphologyFile) throw new UsageError(`${swcOption} applies to an SWC file; give it with --morphology FILE.swc`);
  }
  if (spinesAtHours !== undefined && format === 'csv') throw new UsageError('--spines-at writes JSON; leave out --format csv');
  if (spinesAtHours !== undefined && (replicates !== undefined || threads !== undefined)) throw new UsageError('--spines-at exports one run; leave out --replicates and --threads');
  if (report && (scenario || protocolFile || morphologyFile || spinesAtHours !== undefined || format !== 'json')) {
    throw new UsageError('--report runs the five presets on procedural neurons and prints a table; leave out --scenario, --protocol, --morphology, --spines-at and --format');
  }
  return { scenario, protocolFile, morphologyFile, seed, replicates: replicates ?? (report ? 20 : 1), threads, parameters, format, outFile, report, repairLoops, swcScale, swcOrientation, workLimit, help, spinesAtHours, sweepFile, shard, mergeFiles,
    ...(sensitivity ? { sensitivity: { format: given.has('--format') ? format : 'tables' as const } } : {}) };
}
