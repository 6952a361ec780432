import type { Neuron } from '../Morphology';
import { spinyLengthUm } from '../Morphology';
import { neuronFromSwc, type SwcOrientation, type SwcReorientation } from './neuronFromSwc';
import { parseSwc, type SwcParseResult } from './parseSwc';
import { SwcError } from './SwcError';

/** What the user chose about an imported file (the CLI's --repair-loops, --swc-scale, --swc-orientation). */
export interface SwcImportChoices {
  /** Accept self-parents and loops by making one sample of each a root (with a warning). */
  readonly repairLoops?: boolean;
  /** Micrometres per file unit, when the file is not in µm (overrides the importer's own guess). */
  readonly umPerUnit?: number;
  /** 'pia-up' (default): turn the neuron so its apical dendrite points up; 'file': keep the file's axes. */
  readonly orientation?: SwcOrientation;
}

export interface SwcImportOptions extends SwcImportChoices {
  readonly fileName?: string;
}

export interface SwcImport {
  readonly neuron: Neuron;
  /** Plain-language warnings of the parse and the conversion, each once, with line numbers in the text. */
  readonly warnings: readonly string[];
  readonly sampleCount: number;
  readonly spinyLengthUm: number;
  /** How the neuron was turned to stand pia-up, or null. */
  readonly orientation: SwcReorientation | null;
}

/**
 * Reads an SWC file into a neuron the model can grow spines on: parse (tolerant, typed SwcError on what
 * must be rejected), then convert to soma-centred unbranched sections in µm, turned pia-up. Used by the CLI
 * and the browser's worker alike, so both accept, warn about and refuse the same files in the same words.
 */
export function importSwcNeuron(text: string, options: SwcImportOptions = {}): SwcImport {
  const fileName = options.fileName ?? 'neuron.swc';
  const parsed = parseSwc(text, { fileName, parentLoops: options.repairLoops ? 'make-root' : 'reject' });
  const converted = convertKeepingParserWarnings(parsed, options, fileName);
  const warnings = [...parsed.warnings, ...converted.warnings].map((w) => w.message);
  const spiny = spinyLengthUm(converted.neuron);
  if (!(spiny > 0)) warnings.push('no dendrite has any length to grow spines on: the model will show no spines, and formation and elimination cannot be scored');
  return { neuron: converted.neuron, warnings, sampleCount: parsed.nodes.count, spinyLengthUm: spiny, orientation: converted.orientation };
}

/** A conversion that fails still reports what the parser noticed (fragments, missing parents), which often says why. */
function convertKeepingParserWarnings(parsed: SwcParseResult, options: SwcImportOptions, fileName: string) {
  try {
    return neuronFromSwc(parsed, { name: fileName.replace(/\.swc$/i, ''), umPerUnit: options.umPerUnit, orientation: options.orientation ?? 'pia-up' });
  } catch (error) {
    if (!(error instanceof SwcError) || parsed.warnings.length === 0) throw error;
    throw new SwcError(error.code, error.line, error.field, `${stripLocation(error.message, error)} The file also had these problems: ${parsed.warnings.map((w) => w.message).join('; ')}.`, error.fileName);
  }
}

function stripLocation(message: string, error: SwcError): string {
  const prefix = error.fileName ? `${error.fileName}${error.line > 0 ? `, line ${error.line}` : ''}: ` : error.line > 0 ? `Line ${error.line}: ` : '';
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
