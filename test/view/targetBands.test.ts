import { describe, expect, it } from 'vitest';
import { TARGET_RANGES } from '../../src/model/calibration';
import { scenarioNames, scenarioProtocol } from '../../src/model/scenarios';
import { targetBands, undisturbedHours } from '../../src/view/targetBands';

describe('calibration target bands', () => {
  it('draws B1, B3 and G5 over the control run (B1 where imaging is every 2 days, B3 over the first 10 days), on the charts of their readouts', () => {
    const bands = targetBands(scenarioProtocol('control'));
    expect(bands.map((b) => [b.id, b.chart, b.fromDay, b.toDay])).toEqual([
      ['B1', 'turnover', 0, 30],
      ['B1', 'turnover', 33, 57],
      ['B3', 'density', 0, 10],
      ['G5', 'escape', 0, 57],
    ]);
    // The turnover chart is in % per day of each interval: 5–10 % per 2 days is 2.5–5 % per day.
    expect(bands[0]).toMatchObject({ low: 2.5, high: 5 });
    expect(bands[2]).toMatchObject({ low: TARGET_RANGES.B3.low, high: TARGET_RANGES.B3.high });
    expect(bands[3]).toMatchObject({ low: 0.97, high: 1 });
  });

  it('draws them only before stress in the other presets, and says the target and its source', () => {
    for (const name of scenarioNames.filter((n) => n !== 'control')) {
      const protocol = scenarioProtocol(name);
      expect(undisturbedHours(protocol)).toBe(240);
      const bands = targetBands(protocol);
      expect(bands.map((b) => b.id)).toEqual(['B1', 'B3', 'G5']);
      for (const band of bands) expect(band.toDay).toBeLessThanOrEqual(10);
    }
    const [b1, b3, g5] = targetBands(scenarioProtocol('stress'));
    expect(b1.description).toMatch(/^B1, baseline formation: .*Shao et al\. 2021.*doi:10\.1016\/j\.neuron\.2021\.06\.008/);
    expect(b3.description).toMatch(/0\.45 ± 0\.1 per µm/);
    expect(g5.description).toMatch(/not a measurement/);
  });

  it('draws nothing when stress starts on day 0, and B1 only over 2-day imaging intervals', () => {
    const stress = scenarioProtocol('stress');
    expect(targetBands({ ...stress, stress: [{ ...stress.stress[0], startHours: 0 }] })).toEqual([]);
    const sparse = { ...scenarioProtocol('control'), imagingHours: [0, 24, 72, 120, 144] };
    expect(targetBands(sparse).filter((b) => b.id === 'B1').map((b) => [b.fromDay, b.toDay])).toEqual([[1, 5]]);
  });

  it('has the bounds the calibration checks use', () => {
    expect(TARGET_RANGES).toEqual({ B1: { low: 0.05, high: 0.1 }, B3: { low: 0.35, high: 0.55 }, G5: { low: 0.97, high: 1 } });
  });
});
