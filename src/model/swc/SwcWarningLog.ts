import type { SwcField } from './SwcError.ts';

/**
 * Warnings from the SWC importer. A real file can repeat one problem thousands of times (every radius 0 in a
 * CATMAID export), so warnings are grouped by code: one entry per code with the first line, the total count
 * and the first line numbers. Nothing is dropped silently: `count` always says how many rows were affected.
 */

export type SwcWarningCode =
  // Parser: text and rows
  | 'extra-columns'
  | 'synapse-footer-skipped'
  | 'missing-coordinate'
  | 'missing-radius'
  | 'zero-radius'
  | 'negative-radius'
  | 'negative-type'
  | 'fork-end-types-inherited'
  // Parser: the parent graph
  | 'parent-zero-root'
  | 'missing-parent'
  | 'self-parent-made-root'
  | 'cycle-broken'
  | 'duplicate-soma-roots-merged'
  | 'multiple-roots'
  | 'soma-not-root'
  // Parser: soma and units
  | 'no-soma'
  | 'all-soma'
  | 'units-probably-nm'
  | 'units-voxels-or-nm'
  | 'units-probably-pixels'
  | 'ccf-coordinates'
  // Conversion to a Neuron
  | 'units-converted-from-nm'
  | 'units-scale-unknown'
  | 'no-dendrite-types'
  | 'unknown-types-not-spiny'
  | 'radius-substituted'
  | 'radius-implausible'
  | 'scale-implausible'
  | 'degenerate-sections-skipped'
  | 'fragments-ignored'
  | 'soma-radius-substituted';

export interface SwcWarning {
  readonly code: SwcWarningCode;
  /** First line (1-based) where the problem occurs; 0 when it concerns the file as a whole. */
  readonly line: number;
  readonly field?: SwcField;
  /** Plain-language description of the first occurrence, with the total when there are several. */
  readonly message: string;
  /** How many rows (or items) the warning covers. */
  readonly count: number;
  /** Line numbers affected, ascending (the first `MAX_LISTED_LINES` met). */
  readonly lines: readonly number[];
}

export const MAX_LISTED_LINES = 100;

interface WarningGroup {
  code: SwcWarningCode;
  line: number;
  field: SwcField | undefined;
  detail: string;
  count: number;
  /** How many times `add` was called: several calls with no line numbers still deserve a total. */
  calls: number;
  lines: number[];
}

/** Collects warnings, grouped by code, in the order codes first appear. */
export class SwcWarningLog {
  private readonly groups = new Map<SwcWarningCode, WarningGroup>();

  /** Records one occurrence. `detail` describes this occurrence; only the first detail per code is kept. */
  add(code: SwcWarningCode, line: number, detail: string, field?: SwcField, count = 1): void {
    const group = this.groups.get(code);
    if (!group) {
      this.groups.set(code, { code, line, field, detail, count, calls: 1, lines: line > 0 ? [line] : [] });
      return;
    }
    group.count += count;
    group.calls++;
    if (line > 0 && group.lines.length < MAX_LISTED_LINES) group.lines.push(line);
  }

  has(code: SwcWarningCode): boolean {
    return this.groups.has(code);
  }

  toArray(): SwcWarning[] {
    return [...this.groups.values()].map(toWarning);
  }
}

function toWarning(group: WarningGroup): SwcWarning {
  const prefix = group.line > 0 ? `Line ${group.line}: ` : '';
  let message = prefix + group.detail;
  // Rows are visited in tree order, not file order; sorted lines read better.
  const lines = [...group.lines].sort((a, b) => a - b);
  if (lines.length > 1) {
    const shown = lines.slice(0, 10).join(', ');
    const more = group.count > 10 ? ', …' : '';
    message += ` (${group.count} occurrences in all, on lines ${shown}${more})`;
  } else if (group.calls > 1) {
    message += ` (${group.count} in all)`;
  }
  const warning: SwcWarning = { code: group.code, line: group.line, message, count: group.count, lines };
  return group.field ? { ...warning, field: group.field } : warning;
}
