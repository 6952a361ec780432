import type { Neuron } from '../Morphology';
import { spinyLengthUm } from '../Morphology';
import { neuronFromSwc } from './neuronFromSwc';
import { parseSwc } from './parseSwc';

export interface SwcImportOptions {
  readonly fileName?: string;
  /** Accept self-parents and loops by making one sample of each a root (with a warning). */
  readonly repairLoops?: boolean;
}

export interface SwcImport {
  readonly neuron: Neuron;
  /** Plain-language warnings of the parse and the conversion, each once, with line numbers in the text. */
  readonly warnings: readonly string[];
  readonly sampleCount: number;
  readonly spinyLengthUm: number;
}

/**
 * Reads an SWC file into a neuron the model can grow spines on: parse (tolerant, typed SwcError on what
 * must be rejected), then convert to soma-centred unbranched sections in µm. Used by the CLI and the
 * browser's worker alike.
 */
export function importSwcNeuron(text: string, options: SwcImportOptions = {}): SwcImport {
  const fileName = options.fileName ?? 'neuron.swc';
  const parsed = parseSwc(text, { fileName, parentLoops: options.repairLoops ? 'make-root' : 'reject' });
  const converted = neuronFromSwc(parsed, { name: fileName.replace(/\.swc$/i, '') });
  return {
    neuron: converted.neuron,
    warnings: [...parsed.warnings, ...converted.warnings].map((w) => w.message),
    sampleCount: parsed.nodes.count,
    spinyLengthUm: spinyLengthUm(converted.neuron),
  };
}
