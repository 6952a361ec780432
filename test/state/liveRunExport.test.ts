import { describe, expect, it } from 'vitest';
import { formatCsv, formatJson, morphologyOf } from '../../src/cli/formatOutput';
import { resolveParameters } from '../../src/model/parameters';
import { runReplicate, summariseSimulation } from '../../src/model/runReplicate';
import { scenarioProtocol } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';
import { liveRunExport, loggedChanges, overridesOf } from '../../src/state/liveRunExport';
import { RunHistory } from '../../workers/RunHistory';

const protocol = scenarioProtocol('stress-ketamine', 1);
const overrides = { burnInDays: 2 };

/** The live run as the worker holds it at `atHours`, with changes made on the way; then finished. */
function finishedLive(atHours: number, change?: { readonly atHours: number; readonly overrides: Record<string, number> }, seed: number | string = 4) {
  const run = new Simulation({ protocol, seed, parameters: overrides });
  run.advanceTo(0);
  const history = new RunHistory(run);
  if (change) {
    history.advance(run, change.atHours);
    run.setParameters(resolveParameters(change.overrides));
    history.recordChange(run, change.overrides);
  }
  history.advance(run, atHours);
  const steps = history.finish(run);
  let step = steps.next();
  while (!step.done) step = steps.next();
  expect(run.timeHours).toBe(atHours);
  return { initial: resolveParameters(overrides), changes: history.parameterChanges, result: summariseSimulation(step.value) };
}

describe('exporting the live run', () => {
  it('without mid-run changes: the run finished from day 12 exports, byte for byte, what the CLI prints for its protocol, parameters and seed', () => {
    const live = finishedLive(12 * 24);
    const cli = runReplicate({ protocol, seed: 4, parameters: overrides });
    const exported = liveRunExport({ scenario: 'stress-ketamine', seed: 4, protocol, parameters: live.initial, swc: null, changes: live.changes }, live.result);
    const description = { seed: 4, parameters: resolveParameters(overrides), protocol, morphology: morphologyOf('procedural', [cli]) };
    expect(exported.csv).toBe(formatCsv(description, [cli]));
    expect(exported.json).toBe(formatJson(description, [cli]));
    // One neuron is not the preset's three: the command reads the protocol file.
    expect(exported.command).toBe('npm run sim -- --protocol stress-ketamine-1-neuron.protocol.json --seed 4 --replicates 1 --set burnInDays=2 --format csv');
    expect(JSON.parse(exported.protocolFile!.text)).toEqual(protocol);
    expect(exported.caveats).toEqual([]);
  });

  it('with a mid-run change: the files list it (time, name, old → new) and say that no single CLI call reproduces the run', () => {
    const live = finishedLive(30 * 24, { atHours: 20 * 24, overrides: { burnInDays: 2, formationPerUmPerDay: 0.03 } });
    const exported = liveRunExport({ scenario: 'stress-ketamine', seed: 4, protocol, parameters: live.initial, swc: null, changes: live.changes }, live.result);
    expect(exported.csv).toMatch(/^# parameter change at 480 h: formationPerUmPerDay 0.014 → 0.03$/m);
    expect(exported.csv).toMatch(/^# this run changed parameters during the run; .*no single CLI call reproduces it$/m);
    const document = JSON.parse(exported.json);
    expect(document.parameterChanges).toEqual([{ timeHours: 480, name: 'formationPerUmPerDay', from: 0.014, to: 0.03 }]);
    expect(document.parameters.formationPerUmPerDay).toBe(0.014);
    expect(exported.caveats.join(' ')).toMatch(/reproduces it up to 480 h \(day 20\), before the first change/);
    // The change made the run differ from the CLI's after day 20, and only after it.
    const cli = runReplicate({ protocol, seed: 4, parameters: overrides });
    const densities = (sessions: typeof cli.sessions) => sessions.map((s) => s.visibleSpines);
    expect(densities(live.result.sessions).slice(0, 11)).toEqual(densities(cli.sessions).slice(0, 11));
    expect(densities(live.result.sessions)).not.toEqual(densities(cli.sessions));
  });

  it('says when the seed is text the CLI cannot take, and writes that text in every row\'s seed column', () => {
    const live = finishedLive(2 * 24, undefined, 'lecture-1');
    const exported = liveRunExport({ scenario: 'stress-ketamine', seed: 'lecture-1', protocol, parameters: live.initial, swc: null, changes: [] }, live.result);
    expect(exported.command).toBeNull();
    expect(exported.caveats).toEqual(['The CLI takes whole-number seeds only; this run’s seed “lecture-1” cannot be given to it.']);
    expect(exported.csv).toMatch(/^# protocol stress-ketamine; seed lecture-1; /m);
    const [header, ...rows] = exported.csv.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const seedColumn = header!.split(',').indexOf('seed');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.split(',')[seedColumn])).toEqual(rows.map(() => 'lecture-1'));
  });

  it('logs each parameter a change altered, and the overrides that make a parameter set', () => {
    const initial = resolveParameters({ burnInDays: 2 });
    expect(loggedChanges(initial, [{ timeHours: 10, overrides: { burnInDays: 2, rescueDistanceUm: 2 } }, { timeHours: 20, overrides: {} }])).toEqual([
      { timeHours: 10, name: 'rescueDistanceUm', from: initial.rescueDistanceUm, to: 2 },
      { timeHours: 20, name: 'rescueDistanceUm', from: 2, to: initial.rescueDistanceUm },
      { timeHours: 20, name: 'burnInDays', from: 2, to: resolveParameters({}).burnInDays },
    ]);
    expect(overridesOf(initial)).toEqual({ burnInDays: 2 });
  });
});
