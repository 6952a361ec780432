import { parseParameterAssignment } from '../model/parameters';

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
  readonly help: boolean;
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
  --seed N               integer seed (default 1); replicate k uses seed N+k
  --replicates K         independent replicates (default 1; 20 with --report)
  --threads T            worker threads (default: all cores, at most K)
  --set name=value       override a model parameter (repeatable)
  --format json|csv      output format (default json)
  --out FILE             write to FILE instead of standard output
  --spines-at HOURS      export the neuron(s) and every spine at that time (JSON) instead of the readouts
  --report               run the calibration (B1–B5, S1–S3, K1–K5, F1–F3, G1–G7) and each rival hypothesis, print the tables
  --help                 this text`;

/** Parses command-line arguments; throws UsageError with one clear line on bad input. */
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
  let help = false;
  let spinesAtHours: number | undefined;
  const integer = (flag: string, text: string | undefined, min: number, max: number): number => {
    if (text === undefined) throw new UsageError(`${flag} needs a value`);
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  const value = (flag: string, text: string | undefined): string => {
    if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return text;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const next = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--scenario': scenario = value(flag, next()); break;
      case '--protocol': protocolFile = value(flag, next()); break;
      case '--morphology': morphologyFile = value(flag, next()); break;
      case '--seed': seed = integer(flag, next(), -(2 ** 31), 2 ** 31 - 1); break;
      case '--replicates': replicates = integer(flag, next(), 1, 10_000); break;
      case '--threads': threads = integer(flag, next(), 1, 256); break;
      case '--set': {
        const [name, v] = parseParameterAssignment(value(flag, next()));
        parameters[name] = v;
        break;
      }
      case '--format': {
        const f = value(flag, next());
        if (f !== 'json' && f !== 'csv') throw new UsageError(`--format must be json or csv, got "${f}"`);
        format = f;
        break;
      }
      case '--out': outFile = value(flag, next()); break;
      case '--report': report = true; break;
      case '--spines-at': {
        const text = value(flag, next());
        const hours = Number(text);
        if (!Number.isFinite(hours) || hours < 0) throw new UsageError(`--spines-at must be a time in hours ≥ 0, got "${text}"`);
        spinesAtHours = hours;
        break;
      }
      case '--repair-loops': repairLoops = true; break;
      case '--help': case '-h': help = true; break;
      default: throw new UsageError(`unknown option "${arg}" (see --help)`);
    }
  }
  if (scenario && protocolFile) throw new UsageError('give either --scenario or --protocol, not both');
  if (spinesAtHours !== undefined && format === 'csv') throw new UsageError('--spines-at writes JSON; leave out --format csv');
  if (spinesAtHours !== undefined && (replicates !== undefined || threads !== undefined)) throw new UsageError('--spines-at exports one run; leave out --replicates and --threads');
  if (report && (scenario || protocolFile || morphologyFile || spinesAtHours !== undefined || format !== 'json')) {
    throw new UsageError('--report runs the five presets on procedural neurons and prints a table; leave out --scenario, --protocol, --morphology, --spines-at and --format');
  }
  return { scenario, protocolFile, morphologyFile, seed, replicates: replicates ?? (report ? 20 : 1), threads, parameters, format, outFile, report, repairLoops, help, spinesAtHours };
}
