/**
 * The one error type the SWC importer throws. Every rejection names the line (1-based; 0 for the whole
 * file) and, where one column is at fault, the field, so the UI can point the user at the exact spot.
 */

/** The seven SWC columns, in file order. */
export const SWC_FIELDS = ['id', 'type', 'x', 'y', 'z', 'radius', 'parent'] as const;

export type SwcField = (typeof SWC_FIELDS)[number];

export type SwcErrorCode =
  /** Text longer than the importer's limit (characters or lines). */
  | 'too-large'
  /** No data rows at all (empty file, or comments only). */
  | 'empty'
  /** Comma-separated rows: a CSV or a Vaa3D marker file saved as .swc. */
  | 'comma-separated'
  /** A data row with fewer than 7 fields. */
  | 'missing-fields'
  /** A field that is not a number (NA is allowed in x, y, z and radius only). */
  | 'not-a-number'
  /** An id, type or parent with a fractional part, e.g. 1.34. */
  | 'non-integral'
  /**
   * A number that is infinite, beyond 2^53 for an integer field, or implausibly large, or a negative id; or a
   * neuron larger than any real one (a sample beyond 10 cm from the soma, more than 1 m of dendrite).
   */
  | 'out-of-range'
  /** The same id on two rows. */
  | 'duplicate-id'
  /** A parent below -1. */
  | 'invalid-parent'
  /** A parent id that no row has (only when the caller asks for this to be an error). */
  | 'missing-parent'
  /** A row that names itself as its parent. */
  | 'self-parent'
  /** Rows whose parents form a loop, so that part of the file has no root. */
  | 'cycle'
  /** The reconstruction has no usable neurite section: its samples all coincide (conversion to a Neuron). */
  | 'no-branches'
  /** Nothing to grow spines on: no dendrite connected to the soma (an axon or a soma alone, or cut-off neurites). */
  | 'no-dendrites';

/** Rejection of an SWC text, with the line and field at fault and a message a user can act on. */
export class SwcError extends Error {
  override readonly name = 'SwcError';
  readonly code: SwcErrorCode;
  /** 1-based line number in the file; 0 when the problem is the file as a whole. */
  readonly line: number;
  readonly field: SwcField | undefined;
  readonly fileName: string | undefined;

  constructor(code: SwcErrorCode, line: number, field: SwcField | undefined, detail: string, fileName?: string) {
    super(formatLocation(fileName, line) + detail);
    this.code = code;
    this.line = line;
    this.field = field;
    this.fileName = fileName;
  }
}

function formatLocation(fileName: string | undefined, line: number): string {
  if (fileName && line > 0) return `${fileName}, line ${line}: `;
  if (fileName) return `${fileName}: `;
  if (line > 0) return `Line ${line}: `;
  return '';
}
