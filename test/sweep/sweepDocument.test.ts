import { describe, expect, it } from 'vitest';
import { designPointCount, validateSweepDocument } from '../../src/sweep/sweepDocument';
import { SweepError } from '../../src/sweep/SweepError';

const valid = {
  format: 'spinelab-sweep',
  version: 1,
  name: 'dose-by-stress',
  seed: 5,
  replicates: 2,
  base: { scenario: 'stress-ketamine', protocolFields: { neuronCount: 1 }, parameters: { burnInDays: 2 } },
  factors: [
    { protocolField: 'ketamineDoseMgPerKg', values: [1, 3, 10] },
    { protocolField: 'stressDurationDays', values: [14, 21] },
    { parameter: 'maturationPerDay', min: 0.2, max: 0.6, scale: 'log', name: 'maturation' },
  ],
  design: { type: 'grid', levels: 3 },
  readouts: ['density@dose+2d', 'escape@dose+2d..dose+7d', 'formation@stressStart..stressEnd', 'liveSpines'],
};

const problem = (document: unknown): string => {
  try {
    validateSweepDocument(document);
  } catch (error) {
    expect(error).toBeInstanceOf(SweepError);
    return (error as Error).message;
  }
  throw new Error('expected the document to be refused');
};

const withChange = (change: (d: Record<string, any>) => void) => {
  const copy = structuredClone(valid) as Record<string, any>;
  change(copy);
  return copy;
};

describe('sweep documents', () => {
  it('fills in defaults and validates its own output unchanged (what shards embed and hash)', () => {
    const document = validateSweepDocument(valid);
    expect(document.seeding).toBe('per-point');
    expect(document.factors.map((f) => f.name)).toEqual(['ketamineDoseMgPerKg', 'stressDurationDays', 'maturation']);
    expect(designPointCount(document.design, document.factors)).toBe(3 * 2 * 3);
    expect(validateSweepDocument(JSON.parse(JSON.stringify(document)))).toEqual(document);
  });

  it('counts the points of every design', () => {
    const ranges = [{ parameter: 'sizeLogSd', min: 0.3, max: 0.9 }, { parameter: 'maturationPerDay', min: 0.2, max: 0.6 }];
    const count = (design: unknown) => {
      const d = validateSweepDocument({ ...valid, factors: ranges, design });
      return designPointCount(d.design, d.factors);
    };
    expect(count({ type: 'grid', levels: 5 })).toBe(25);
    expect(count({ type: 'random', points: 40 })).toBe(40);
    expect(count({ type: 'latin-hypercube', points: 40 })).toBe(40);
    expect(count({ type: 'morris', trajectories: 10 })).toBe(30);
    expect(count({ type: 'sobol', samples: 10 })).toBe(40);
  });

  // Each bad document is refused with one line that names the field and what is wrong.
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /^sweep must be an object$/],
    ['wrong format', withChange((d) => (d.format = 'spinelab-protocol')), /sweep\.format must be "spinelab-sweep"/],
    ['wrong version', withChange((d) => (d.version = 2)), /sweep\.version must be 1 \(got 2\)/],
    ['unknown field', withChange((d) => (d.seeds = 3)), /sweep has an unknown field "seeds"/],
    ['no name', withChange((d) => (d.name = ' ')), /sweep\.name must be a non-empty string/],
    ['fractional seed', withChange((d) => (d.seed = 1.5)), /sweep\.seed must be a whole number/],
    ['zero replicates', withChange((d) => (d.replicates = 0)), /sweep\.replicates must be a whole number from 1 to 1000 \(got 0\)/],
    ['bad seeding', withChange((d) => (d.seeding = 'same')), /sweep\.seeding must be "per-point" or "common"/],
    ['no base', withChange((d) => delete d.base), /sweep\.base must be an object/],
    ['scenario and protocol', withChange((d) => (d.base.protocol = {})), /sweep\.base needs either "scenario" or "protocol"/],
    ['unknown scenario', withChange((d) => (d.base.scenario = 'rest')), /sweep\.base\.scenario must be one of control, stress/],
    ['bad protocol', withChange((d) => { delete d.base.scenario; d.base.protocol = { format: 'spinelab-protocol', version: 1 }; }), /^sweep\.base\.protocol\./],
    ['unknown parameter', withChange((d) => (d.base.parameters = { burnInDay: 2 })), /sweep\.base\.parameters: unknown parameter "burnInDay" \(did you mean "burnInDays"\?\)/],
    ['parameter out of range', withChange((d) => (d.base.parameters = { burnInDays: -1 })), /burnInDays = -1 is out of range/],
    ['unknown protocol field', withChange((d) => (d.base.protocolFields = { neurons: 1 })), /sweep\.base\.protocolFields has an unknown field "neurons"/],
    ['no factors', withChange((d) => (d.factors = [])), /sweep\.factors must be a non-empty array/],
    ['factor of two kinds', withChange((d) => (d.factors[0].parameter = 'sizeLogSd')), /sweep\.factors\[0\] must set exactly one of/],
    ['unknown factor parameter', withChange((d) => (d.factors[2].parameter = 'maturation')), /sweep\.factors\[2\]: unknown parameter "maturation"/],
    ['unknown protocol field factor', withChange((d) => (d.factors[0].protocolField = 'dose')), /sweep\.factors\[0\]\.protocolField must be one of neuronCount, ketamineDoseMgPerKg/],
    ['value out of range', withChange((d) => (d.factors[0].values = [1, 500])), /sweep\.factors\[0\]\.values\[1\] must be a number from 0 to 200 \(got 500\)/],
    ['min above max', withChange((d) => (d.factors[2].max = 0.1)), /sweep\.factors\[2\]\.max must be greater than its min \(0\.2\)/],
    ['log scale from 0', withChange((d) => (d.factors[2].min = 0)), /sweep\.factors\[2\]: a log scale needs min > 0/],
    ['values and range', withChange((d) => (d.factors[0].min = 1)), /give either "values" or "min"\/"max", not both/],
    ['duplicate names', withChange((d) => (d.factors[2].name = 'stressDurationDays')), /two factors are named stressDurationDays/],
    ['factor and fixed', withChange((d) => (d.base.parameters = { maturationPerDay: 0.3 })), /parameter maturationPerDay is both a factor and fixed/],
    ['grid without levels', withChange((d) => (d.design = { type: 'grid' })), /a grid design needs "levels" for range factors such as maturation/],
    ['unknown design', withChange((d) => (d.design = { type: 'halton' })), /sweep\.design\.type must be one of grid, random, latin-hypercube, morris, sobol \(got "halton"\)/],
    ['Morris with listed values', withChange((d) => (d.design = { type: 'morris', trajectories: 4 })), /a Morris design needs every factor as a range .* factor ketamineDoseMgPerKg is not/],
    ['odd Morris levels', withChange((d) => { d.factors = [d.factors[2]]; d.design = { type: 'morris', trajectories: 4, levels: 5 }; }), /levels must be even/],
    ['Sobol with one sample', withChange((d) => { d.factors = [d.factors[2]]; d.design = { type: 'sobol', samples: 1 }; }), /sweep\.design\.samples must be a whole number from 2/],
    ['too many points', withChange((d) => { d.factors = [d.factors[2]]; d.design = { type: 'sobol', samples: 400_000 }; }), /sweep\.design gives 1200000 points; the limit is 1000000/],
    ['morphology in Sobol', withChange((d) => { d.factors = [d.factors[2], { morphology: ['a.swc'] }]; d.design = { type: 'sobol', samples: 4 }; }), /a Sobol design needs every factor as a range/],
    ['no readouts', withChange((d) => (d.readouts = [])), /sweep\.readouts must be a non-empty array/],
    ['unknown readout', withChange((d) => (d.readouts = ['spines@1d'])), /unknown readout "spines@1d" \(known: density, visibleSpines/],
    ['readout without its time', withChange((d) => (d.readouts = ['density'])), /readout density: write it as density@TIME/],
    ['bad time', withChange((d) => (d.readouts = ['density@day31'])), /readout density@day31: "day31" is not a time/],
    ['range for a time', withChange((d) => (d.readouts = ['density@1d..3d'])), /write it as density@TIME/],
    ['unknown target family', withChange((d) => (d.readouts = ['goal:G1'])), /readout goal:G1: unknown family "goal:" \(known: target:\)/],
    ['duplicate readout', withChange((d) => (d.readouts = ['liveSpines', 'liveSpines'])), /lists a readout twice/],
    ['targets with protocol fields', withChange((d) => (d.readouts = ['target:S2'])), /target readouts run the calibration scenarios as the calibration does \(procedural neurons, its own protocols\); of the protocol fields only neuronCount applies to them/],
  ];
  it.each(cases)('refuses %s in one line', (_, document, message) => {
    const text = problem(document);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
