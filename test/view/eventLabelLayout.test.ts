import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioProtocol } from '../../src/model/scenarios';
import { layoutEventLabels, type EventLabel } from '../../src/view/eventLabelLayout';

const GAP = 3;

/** Every pair of labels in one row keeps `GAP` apart, and every label stays within the plot. */
function expectNoOverlap(labels: readonly EventLabel[], left: number, right: number) {
  const placed = layoutEventLabels(labels, left, right, GAP);
  placed.forEach((a, i) => {
    expect(a.left).toBeGreaterThanOrEqual(left);
    placed.forEach((b, j) => {
      if (j <= i || a.row !== b.row) return;
      const apart = a.left + labels[i].width + GAP <= b.left || b.left + labels[j].width + GAP <= a.left;
      expect(apart, `labels ${i} and ${j} overlap in row ${a.row}`).toBe(true);
    });
  });
  return placed;
}

describe('layoutEventLabels', () => {
  it('stacks the relapse preset’s "ketamine" and "stress again" labels instead of drawing one over the other, on a phone-wide chart', () => {
    const protocol = scenarioProtocol('stress-ketamine-restress');
    const width = 330;
    const x = (hours: number) => 40 + (hours / protocol.durationHours) * (width - 40);
    // About 6.5 px per character at the charts' 12 px font.
    const label = (hours: number, text: string) => ({ x: x(hours), width: text.length * 6.5 });
    const labels = [
      label(protocol.stress[0].startHours, 'stress starts'),
      label(protocol.stress[1].startHours, 'stress again'),
      label(protocol.stress[1].endHours, 'stress ends'),
      label(protocol.ketamine[0].timeHours, 'ketamine'),
    ];
    const placed = expectNoOverlap(labels, 40, width);
    // The dose and the renewed stress a week later do not fit side by side here: two rows.
    expect(placed[1].row).not.toBe(placed[3].row);
  });

  it('keeps one row where the labels fit, and writes a label left of its line at the right edge', () => {
    const placed = layoutEventLabels([{ x: 10, width: 50 }, { x: 100, width: 50 }, { x: 395, width: 40 }], 0, 400, GAP);
    expect(placed.map((p) => p.row)).toEqual([0, 0, 0]);
    expect(placed[2].left).toBe(395 - GAP - 40);
  });

  it('never overlaps, whatever the lines and widths', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.double({ min: 0, max: 500, noNaN: true }), width: fc.double({ min: 1, max: 120, noNaN: true }) }), { maxLength: 12 }), (labels) => {
        expectNoOverlap(labels, 0, 500);
      }),
    );
  });
});
