import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_SWC_LINES, MAX_SWC_TEXT_CHARS, parseSwc, type SwcParseOptions, type SwcParseResult } from '../../../src/model/swc/parseSwc.ts';
import { catchSwcError } from './catchSwcError';

const fixtureDir = fileURLToPath(new URL('../../fixtures/swc/', import.meta.url));

interface FixtureCase {
  file: string;
  quirk: string;
  options?: SwcParseOptions;
  result?: { nodes: number; roots: number; somaForm: string; unitsHint: string; warnings: string[] };
  error?: { code: string; line: number; field: string | null };
}

const expected = JSON.parse(readFileSync(`${fixtureDir}expected.json`, 'utf8')) as { cases: FixtureCase[] };

function readFixture(file: string): string {
  return readFileSync(fixtureDir + file, 'utf8');
}

function parseFixture(file: string, options: SwcParseOptions = {}): SwcParseResult {
  return parseSwc(readFixture(file), { fileName: file, ...options });
}

/** Sorted "x y z r type" strings: the geometry of a file, independent of ids and row order. */
function geometry(result: SwcParseResult): string[] {
  const { nodes } = result;
  const rows: string[] = [];
  for (let k = 0; k < nodes.count; k++) {
    const parent = nodes.parentIndex[k];
    const parentAt = parent < 0 ? 'root' : `${nodes.x[parent]} ${nodes.y[parent]} ${nodes.z[parent]}`;
    rows.push(`${nodes.x[k]} ${nodes.y[k]} ${nodes.z[k]} ${nodes.radius[k]} ${nodes.types[k]} <- ${parentAt}`);
  }
  return rows.sort();
}

describe('parseSwc on the synthetic fixtures (one per quirk)', () => {
  for (const fixture of expected.cases) {
    const label = fixture.options ? `${fixture.file} with ${JSON.stringify(fixture.options)}` : fixture.file;
    if (fixture.result) {
      const want = fixture.result;
      it(`accepts ${label}: ${fixture.quirk}`, () => {
        const result = parseFixture(fixture.file, fixture.options);
        expect(result.nodes.count).toBe(want.nodes);
        expect(result.roots.length).toBe(want.roots);
        expect(result.somaForm).toBe(want.somaForm);
        expect(result.unitsHint).toBe(want.unitsHint);
        expect(result.warnings.map((warning) => warning.code).sort()).toEqual(want.warnings);
      });
    } else if (fixture.error) {
      const want = fixture.error;
      it(`rejects ${label}: ${fixture.quirk}`, () => {
        const error = catchSwcError(() => parseFixture(fixture.file, fixture.options));
        expect(error.code).toBe(want.code);
        expect(error.line).toBe(want.line);
        expect(error.field).toBe(want.field ?? undefined);
        expect(error.message).toContain(fixture.file);
      });
    }
  }
});

describe('parseSwc normalisation', () => {
  const reference = geometry(parseFixture('soma-single-point.swc'));

  it('reads the same geometry whatever the line endings, whitespace, comments and number formats', () => {
    for (const file of ['bom.swc', 'crlf.swc', 'lone-cr.swc', 'mixed-eol.swc', 'no-final-newline.swc',
      'blank-lines-comments-footer.swc', 'inline-comments.swc', 'whitespace.swc', 'extra-columns.swc', 'number-forms.swc']) {
      expect(geometry(parseFixture(file)), file).toEqual(reference);
    }
  });

  it('reads the same tree from unordered, gapped, zero-based or Vaa3D parent-0 ids', () => {
    for (const file of ['unordered-ids.swc', 'zero-based-ids.swc', 'vaa3d-parent-zero.swc']) {
      expect(geometry(parseFixture(file)), file).toEqual(reference);
    }
  });

  it('lists every parent before its children, and each tree as one contiguous block', () => {
    for (const fixture of expected.cases) {
      if (!fixture.result) continue;
      const result = parseFixture(fixture.file, fixture.options);
      const { nodes, trees } = result;
      let start = 0;
      for (const tree of trees) {
        expect(tree.rootIndex).toBe(start);
        expect(nodes.parentIndex[tree.rootIndex]).toBe(-1);
        for (let k = tree.rootIndex + 1; k < tree.rootIndex + tree.nodeCount; k++) {
          expect(nodes.parentIndex[k]).toBeGreaterThanOrEqual(tree.rootIndex);
          expect(nodes.parentIndex[k]).toBeLessThan(k);
        }
        start += tree.nodeCount;
      }
      expect(start).toBe(nodes.count);
      expect(result.roots).toEqual(trees.map((tree) => tree.rootIndex));
    }
  });

  it('keeps the ids and line numbers of the file with each sample', () => {
    const result = parseFixture('unordered-ids.swc');
    const first = result.nodes;
    expect(first.ids[0]).toBe(900_007); // the soma, written on the last line
    expect(first.lines[0]).toBe(12);
  });

  it('puts the tree with the soma first in a forest, and keeps the fragments', () => {
    const result = parseFixture('forest.swc');
    expect(result.trees.map((tree) => tree.nodeCount)).toEqual([11, 3, 1]);
    expect(result.nodes.types[result.roots[0]]).toBe(1);
    const warning = result.warnings.find((w) => w.code === 'multiple-roots');
    expect(warning?.count).toBe(2);
    expect(warning?.lines).toEqual([14, 17]);
  });

  it('merges soma roots that sit at the same place into one soma', () => {
    const result = parseFixture('soma-duplicate-roots.swc');
    expect(result.roots.length).toBe(1);
    expect(result.somaIndices.length).toBe(3);
    const warning = result.warnings.find((w) => w.code === 'duplicate-soma-roots-merged');
    expect(warning?.lines).toEqual([13, 14]);
  });

  it('re-roots a tree whose soma has a parent at the soma', () => {
    const result = parseFixture('soma-mid-tree.swc');
    expect(result.nodes.ids[0]).toBe(4);
    expect(result.nodes.types[0]).toBe(1);
    // The old root (id 1) now hangs below the soma through 3 and 2.
    const oldRoot = Array.from(result.nodes.ids).indexOf(1);
    expect(result.nodes.ids[result.nodes.parentIndex[oldRoot]]).toBe(2);
  });

  it('recognises the 3-point soma on an oblique axis and reports its samples', () => {
    const result = parseFixture('soma-three-point.swc');
    expect(result.somaIndices.map((k) => result.nodes.ids[k])).toEqual([1, 2, 3]);
  });

  it('keeps raw type codes and maps negative codes to undefined (0)', () => {
    const { nodes } = parseFixture('types-beyond-four.swc');
    const byId = (id: number) => Array.from(nodes.ids).indexOf(id);
    expect(nodes.rawTypes[byId(9)]).toBe(-1);
    expect(nodes.types[byId(9)]).toBe(0);
    expect(nodes.types[byId(3)]).toBe(5); // no fork-point header: 5 stays a custom type
    expect(nodes.types[byId(8)]).toBe(10);
  });

  it('gives fork and end points their parent type when the header declares them', () => {
    const { nodes } = parseFixture('fork-end-points.swc');
    for (const id of [3, 4, 5]) expect(nodes.types[Array.from(nodes.ids).indexOf(id)]).toBe(3);
  });

  it('keeps radii as written (NaN for NA) and warns with the line of each odd radius', () => {
    const result = parseFixture('radius-zero-negative-na.swc');
    const { nodes } = result;
    const byId = (id: number) => Array.from(nodes.ids).indexOf(id);
    expect(nodes.radius[byId(3)]).toBe(0);
    expect(nodes.radius[byId(4)]).toBe(-0.7);
    expect(Number.isNaN(nodes.radius[byId(7)])).toBe(true);
    const lines = Object.fromEntries(result.warnings.map((w) => [w.code, w.lines]));
    expect(lines['zero-radius']).toEqual([4]);
    expect(lines['negative-radius']).toEqual([5, 6]);
    expect(lines['missing-radius']).toEqual([8, 9]);
    for (const warning of result.warnings) expect(warning.message).toMatch(/^Line \d+: /);
  });

  it("fills an NA coordinate from the parent sample instead of 0", () => {
    const { nodes } = parseFixture('na-coordinate.swc');
    const byId = (id: number) => Array.from(nodes.ids).indexOf(id);
    expect(nodes.z[byId(3)]).toBeCloseTo(0.37); // parent 2 has z = 0.37
    expect(nodes.x[byId(8)]).toBeCloseTo(0.33); // parent 7 has x = 0.33
  });

  it('keeps every comment, header and footer, with its line', () => {
    const { comments } = parseFixture('blank-lines-comments-footer.swc');
    expect(comments.map((comment) => comment.line)).toEqual([2, 9, 20, 21]);
    expect(comments[3].text).toBe('end of file');
  });

  it('skips synapse footer rows instead of reading them as samples', () => {
    const result = parseFixture('synapse-footer.swc');
    expect(result.warnings.find((w) => w.code === 'synapse-footer-skipped')?.lines).toEqual([14, 15]);
  });
});

describe('parseSwc rejections', () => {
  it('explains that a comma-separated marker file is not SWC', () => {
    const error = catchSwcError(() => parseFixture('csv-marker.swc'));
    expect(error.message).toBe('csv-marker.swc, line 2: expected 7 whitespace-separated numbers, found comma-separated ' +
      'values — this looks like a Vaa3D marker file or a CSV table, not SWC');
  });

  it('names the first line of a parent loop and the ids in it', () => {
    const error = catchSwcError(() => parseFixture('cycle.swc'));
    expect(error.message).toMatch(/line 13: samples 20 → 22 → 21 are each other's parents in a loop of 3/);
  });

  it('names the earlier line of a duplicate id', () => {
    const error = catchSwcError(() => parseFixture('duplicate-id.swc'));
    expect(error.message).toContain('id 4 is used again (first on line 5)');
  });

  it('writes "Line N:" without a file name when none is given', () => {
    const error = catchSwcError(() => parseSwc('1 1 0 0 0 1 -1\n2 3 1 0 0 x 1\n'));
    expect(error.message).toBe('Line 2: the radius field "x" is not a number');
    expect(error.field).toBe('radius');
  });

  it('refuses NA in the id, type and parent columns', () => {
    expect(catchSwcError(() => parseSwc('NA 1 0 0 0 1 -1')).field).toBe('id');
    expect(catchSwcError(() => parseSwc('1 NA 0 0 0 1 -1')).field).toBe('type');
    expect(catchSwcError(() => parseSwc('1 1 0 0 0 1 NA')).field).toBe('parent');
  });

  it('refuses Infinity, hexadecimal and ids beyond 2^53', () => {
    expect(catchSwcError(() => parseSwc('1 1 Infinity 0 0 1 -1')).code).toBe('not-a-number');
    expect(catchSwcError(() => parseSwc('0x1 1 0 0 0 1 -1')).code).toBe('not-a-number');
    expect(catchSwcError(() => parseSwc('9007199254740993 1 0 0 0 1 -1')).code).toBe('out-of-range');
    expect(catchSwcError(() => parseSwc('-3 1 0 0 0 1 -1')).code).toBe('out-of-range');
  });

  it('refuses text over the size limit with a clear message, before reading it', () => {
    const huge = ' '.repeat(MAX_SWC_TEXT_CHARS + 1);
    const error = catchSwcError(() => parseSwc(huge));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/at most 100 MB/);
  });

  it('refuses text with more lines than the limit', () => {
    const error = catchSwcError(() => parseSwc('\n'.repeat(MAX_SWC_LINES)));
    expect(error.code).toBe('too-large');
  });
});

describe('parseSwc scale', () => {
  it('reads a 200,000-sample chain written child before parent without recursion', () => {
    const count = 200_000;
    const rows: string[] = [];
    for (let id = count; id >= 1; id--) rows.push(`${id} 3 ${id * 0.7} 0.3 0.1 0.5 ${id === 1 ? -1 : id - 1}`);
    const result = parseSwc(rows.join('\n'));
    expect(result.nodes.count).toBe(count);
    expect(result.roots.length).toBe(1);
    expect(result.nodes.ids[count - 1]).toBe(count);
  });

  it('rejects a 200,000-sample loop quickly, naming its first line', () => {
    const count = 200_000;
    const rows: string[] = [];
    for (let id = 1; id <= count; id++) rows.push(`${id} 3 ${id * 0.7} 0.3 0.1 0.5 ${id === 1 ? count : id - 1}`);
    const started = performance.now();
    const error = catchSwcError(() => parseSwc(rows.join('\n')));
    expect(error.code).toBe('cycle');
    expect(error.line).toBe(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
