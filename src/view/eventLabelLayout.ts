/** A label to place beside its event line: the line's x and the label's width, in canvas pixels. */
export interface EventLabel {
  readonly x: number;
  readonly width: number;
}

/** Where a label goes: its left edge and its row (0 at the top of the plot, one text line per row). */
export interface PlacedLabel {
  readonly left: number;
  readonly row: number;
}

/**
 * Lays out the labels of a chart's event lines so that no two overlap: each label goes to the right of
 * its line (to the left where it would run past the plot's right edge), in the highest row where it
 * keeps `gap` pixels from every label already there. Labels are placed from left to right, so close
 * events ("ketamine" and "stress again" a week apart on a narrow chart) stack instead of overwriting
 * each other. Returns one placement per label, in the order given.
 */
export function layoutEventLabels(labels: readonly EventLabel[], plotLeft: number, plotRight: number, gap: number): PlacedLabel[] {
  const placed: (PlacedLabel & { readonly right: number })[] = new Array(labels.length);
  const rows: { left: number; right: number }[][] = [];
  const order = labels.map((_, i) => i).sort((a, b) => labels[a].x - labels[b].x);
  for (const i of order) {
    const { x, width } = labels[i];
    const fitsRight = x + gap + width <= plotRight;
    const left = fitsRight ? x + gap : Math.max(plotLeft, x - gap - width);
    const right = left + width;
    let row = rows.findIndex((spans) => spans.every((s) => right + gap <= s.left || left >= s.right + gap));
    if (row < 0) row = rows.push([]) - 1;
    rows[row].push({ left, right });
    placed[i] = { left, row, right };
  }
  return placed.map(({ left, row }) => ({ left, row }));
}
