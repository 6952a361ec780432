import { escapeControlCharacters } from '../model/escapeControlCharacters';
import type { Parameters } from '../model/parameters';
import type { Protocol } from '../model/Protocol';
import type { ReplicateResult } from '../model/runReplicate';
import { MODEL_VERSION } from '../model/Simulation';
import { summariseReplicates } from '../model/summariseReplicates';

export const OUTPUT_SCHEMA_VERSION = 1;

export interface RunDescription {
  /** A whole number from the CLI; the page's runs may have a text seed ("lecture-1"). */
  readonly seed: number | string;
  /** The parameters the run started with. */
  readonly parameters: Parameters;
  readonly protocol: Protocol;
  readonly morphology: { readonly source: string; readonly neurons: number; readonly spinyLengthUm: number };
  /** Parameters changed during the run (the page's live run only; the CLI runs one set from day 0). */
  readonly parameterChanges?: readonly LoggedParameterChange[];
}

/** One parameter changed during a run: when, which, and from what to what. */
export interface LoggedParameterChange {
  readonly timeHours: number;
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/** What the outputs say about a run that changed parameters during the run, which no CLI call can repeat. */
export const MID_RUN_CHANGES_NOTE = 'this run changed parameters during the run; the CLI and protocol files run one parameter set from day 0, so no single CLI call reproduces it';

/** A run's morphology as its provenance records it, from its first replicate. */
export function morphologyOf(source: string, results: readonly ReplicateResult[]): RunDescription['morphology'] {
  return { source, neurons: results[0].neuronCount, spinyLengthUm: Math.round(results[0].spinyLengthUm) };
}

/** The JSON document (schemaVersion 1, documented in the README). Deterministic: no timestamps. */
export function outputDocument(run: RunDescription, results: readonly ReplicateResult[]) {
  const summary = summariseReplicates(results);
  return {
    schemaVersion: OUTPUT_SCHEMA_VERSION,
    model: { name: 'spinelab', version: MODEL_VERSION },
    seed: run.seed,
    replicateCount: results.length,
    seeds: results.map((r) => r.seed),
    parameters: run.parameters,
    protocol: run.protocol,
    morphology: run.morphology,
    ...(run.parameterChanges?.length ? { parameterChanges: run.parameterChanges, parameterChangesNote: MID_RUN_CHANGES_NOTE } : {}),
    sessions: summary.sessions,
    behaviour: summary.behaviour,
    replicates: results.map((r) => ({
      seed: r.seed,
      liveSpinesAtEnd: r.totalSpines,
      imagedLengthUm: r.imagedLengthUm,
      sessions: r.sessions,
      behaviour: r.behaviour,
    })),
  };
}

export function formatJson(run: RunDescription, results: readonly ReplicateResult[]): string {
  return `${JSON.stringify(outputDocument(run, results), (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

const CSV_COLUMNS = [
  'replicate', 'seed', 'timeHours', 'visibleSpines', 'densityPerUm', 'formation', 'elimination', 'turnoverRatio',
  'gained', 'lost', 'newPersistent', 'newTransient', 'newUndetermined', 'lostPersistent', 'lostTransient', 'lostUndetermined',
  'escapeIndex', 'ensembleCoherence',
] as const;

/** A metadata line: '#', then the text with line breaks and other control characters escaped. */
function commentLine(text: string): string {
  return `# ${escapeControlCharacters(text)}`;
}

/**
 * One row per replicate and imaging session. Lines starting with '#' record the model version, seed,
 * protocol name, every parameter and any change of parameters during the run (pandas: `read_csv(path, comment='#')`). Text from the user (the
 * protocol's name, the SWC file's name) is escaped, so every line before the header starts with '#'.
 */
export function formatCsv(run: RunDescription, results: readonly ReplicateResult[]): string {
  const lines = [
    commentLine(`spinelab model ${MODEL_VERSION}; output schema ${OUTPUT_SCHEMA_VERSION}`),
    commentLine(`protocol ${run.protocol.name}; seed ${run.seed}; replicates ${results.length} (seeds ${results[0]?.seed}..${results[results.length - 1]?.seed})`),
    commentLine(`morphology ${run.morphology.source}; ${run.morphology.neurons} neuron(s)`),
    commentLine(`parameters ${Object.entries(run.parameters).map(([k, v]) => `${k}=${v}`).join(' ')}`),
    ...(run.parameterChanges?.length
      ? [...run.parameterChanges.map((c) => commentLine(`parameter change at ${c.timeHours} h: ${c.name} ${c.from} → ${c.to}`)), commentLine(MID_RUN_CHANGES_NOTE)]
      : []),
    CSV_COLUMNS.join(','),
  ];
  // A page's seed can be text (SEED_PATTERN: letters, digits, - and _, so never a comma or quote): written as it is.
  const cell = (value: number | string | null | undefined) =>
    typeof value === 'string' ? value : value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
  results.forEach((result, replicate) => {
    for (const session of result.sessions) {
      const behaviour = result.behaviour.find((b) => b.timeHours === session.timeHours);
      lines.push([
        replicate, result.seed, session.timeHours, session.visibleSpines, session.densityPerUm, session.formation, session.elimination,
        session.turnoverRatio, session.gained, session.lost, session.newPersistent, session.newTransient, session.newUndetermined,
        session.lostPersistent, session.lostTransient, session.lostUndetermined, behaviour?.escapeIndex, behaviour?.ensembleCoherence,
      ].map(cell).join(','));
    }
  });
  return `${lines.join('\n')}\n`;
}
