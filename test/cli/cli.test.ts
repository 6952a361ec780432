import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParameters } from '../../src/model/parameters.ts';
import { PROTOCOL_FORMAT, PROTOCOL_VERSION, validateProtocol } from '../../src/model/Protocol.ts';
import { scenarioProtocol } from '../../src/model/scenarios.ts';
import { MODEL_VERSION } from '../../src/model/Simulation.ts';
import { cli, projectRoot, type CliRun } from './runCli.ts';

/*
 * The CLI as a user runs it: a child process from the project root. Runs are kept short (a 4-day protocol
 * with one neuron and 2 days of burn-in, or the control preset with 2 days of burn-in).
 */

const protocolDocument = {
  format: PROTOCOL_FORMAT,
  version: PROTOCOL_VERSION,
  name: 'cli-test',
  title: 'CLI test protocol',
  description: 'Four days, imaged every two days, one neuron.',
  durationHours: 96,
  neuronCount: 1,
  stress: [{ startHours: 24, endHours: 72, intensity: 1 }],
  ketamine: [],
  ablations: [],
  imagingHours: [0, 48, 96],
  behaviourHours: [0, 24, 96],
};

const SHORT = ['--set', 'burnInDays=2'];

/** A year on 50 neurons. */
const yearOf50 = { ...protocolDocument, name: 'year-of-50', durationHours: 8760, neuronCount: 50, imagingHours: [0, 8760], behaviourHours: [] };
/** Spines that form fast and are never lost: millions of them within a year. */
const PILE_UP = ['--set', 'formationPerUmPerDay=0.5', '--set', 'transientEliminationPerDay=0', '--set', 'persistentEliminationPerDay=0'];

let dir = '';
let protocolFile = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spinelab-cli-'));
  protocolFile = join(dir, 'protocol.json');
  writeFileSync(protocolFile, JSON.stringify(protocolDocument, null, 2));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface MeanSd {
  mean: number;
  sd: number;
}

function expectMeanSd(value: unknown): asserts value is MeanSd {
  expect(value).toEqual({ mean: expect.any(Number), sd: expect.any(Number) });
}

describe('JSON output', () => {
  const runs: Record<string, CliRun> = {};

  beforeAll(async () => {
    const base = ['--protocol', protocolFile, '--seed', '7', '--replicates', '2', ...SHORT];
    // Sequential, so that the thread counts are really what they say.
    runs.first = await cli([...base, '--threads', '1']);
    runs.second = await cli([...base, '--threads', '1']);
    // Two threads where the machine has two cores (more would be capped, with a warning).
    runs.twoThreads = await cli([...base, '--threads', String(Math.min(2, availableParallelism()))]);
  });

  it('succeeds silently on stderr', () => {
    for (const run of Object.values(runs)) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
  });

  it('records the schema version, model version, seed, parameters and protocol', () => {
    const doc = JSON.parse(runs.first.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.model.version).toBe(MODEL_VERSION);
    expect(typeof doc.model.version).toBe('string');
    expect(doc.seed).toBe(7);
    expect(doc.seeds).toEqual([7, 8]);
    expect(doc.parameters).toEqual(resolveParameters({ burnInDays: 2 }));
    expect(doc.protocol).toEqual(validateProtocol(protocolDocument));
  });

  it('summarises each imaging session as mean and SD across replicates, with no rates at the first session', () => {
    const doc = JSON.parse(runs.first.stdout);
    expect(doc.sessions.map((s: { timeHours: number }) => s.timeHours)).toEqual([0, 48, 96]);
    doc.sessions.forEach((session: Record<string, unknown>, index: number) => {
      expectMeanSd(session.visibleSpines);
      expectMeanSd(session.densityPerUm);
      if (index === 0) {
        expect(session.formation).toBeNull();
        expect(session.elimination).toBeNull();
      } else {
        expectMeanSd(session.formation);
        expectMeanSd(session.elimination);
      }
    });
    expect(doc.sessions[0].visibleSpines.mean).toBeGreaterThan(0);
  });

  it('summarises each behaviour test with an escape index as mean and SD', () => {
    const doc = JSON.parse(runs.first.stdout);
    expect(doc.behaviour.map((b: { timeHours: number }) => b.timeHours)).toEqual([0, 24, 96]);
    for (const sample of doc.behaviour) expectMeanSd(sample.escapeIndex);
  });

  it('lists each replicate with its seed, sessions and behaviour, consistent with the summary', () => {
    const doc = JSON.parse(runs.first.stdout);
    expect(doc.replicates.length).toBe(2);
    expect(doc.replicates.map((r: { seed: number }) => r.seed)).toEqual([7, 8]);
    for (const replicate of doc.replicates) {
      expect(replicate.sessions.length).toBe(3);
      expect(replicate.behaviour.length).toBe(3);
      expect(replicate.sessions[0].formation).toBeNull();
    }
    // The summary is the mean and sample SD of the replicates: with two, SD = |a − b|/√2.
    doc.sessions.forEach((session: { visibleSpines: MeanSd }, k: number) => {
      const [a, b] = doc.replicates.map((r: { sessions: { visibleSpines: number }[] }) => r.sessions[k].visibleSpines);
      expect(session.visibleSpines.mean).toBeCloseTo((a + b) / 2, 9);
      expect(session.visibleSpines.sd).toBeCloseTo(Math.abs(a - b) / Math.SQRT2, 9);
    });
  });

  it('gives byte-identical output for the same seed on two runs', () => {
    expect(runs.second.stdout).toBe(runs.first.stdout);
  });

  it('gives byte-identical output with one or two worker threads', () => {
    expect(runs.twoThreads.stdout).toBe(runs.first.stdout);
  });
});

describe('preset scenarios and --out', () => {
  it('runs the control preset and writes the document to --out, not to standard output', async () => {
    const out = join(dir, 'control.json');
    const run = await cli(['--scenario', 'control', ...SHORT, '--threads', '1', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.protocol).toEqual(scenarioProtocol('control'));
    expect(doc.sessions.length).toBe(scenarioProtocol('control').imagingHours.length);
    expect(doc.behaviour.length).toBe(scenarioProtocol('control').behaviourHours.length);
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((name) => name.startsWith('control.json'))).toEqual(['control.json']);
  });
});

describe('protocol files', () => {
  it('accepts a protocol saved with a UTF-8 byte-order mark', async () => {
    const withBom = join(dir, 'bom.json');
    writeFileSync(withBom, `\uFEFF${JSON.stringify(protocolDocument, null, 2)}`);
    const run = await cli(['--protocol', withBom, ...SHORT]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).protocol).toEqual(validateProtocol(protocolDocument));
  });
});

describe('--spines-at', () => {
  it('exports the spines at the protocol\'s last hour (later hours are refused, see errors)', async () => {
    const run = await cli(['--protocol', protocolFile, ...SHORT, '--spines-at', '96']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.timeHours).toBe(96);
    expect(doc.spines.cohort.length).toBeGreaterThan(0);
  });

  it('between two model steps exports the last step before, and says so', async () => {
    const [between, onGrid] = [await cli(['--protocol', protocolFile, ...SHORT, '--spines-at', '50.5']), await cli(['--protocol', protocolFile, ...SHORT, '--spines-at', '50'])];
    expect(between.code).toBe(0);
    expect(between.stderr).toBe('note: the model steps on a 1 h grid; exported the state at 50 h, the last step before 50.5 h\n');
    expect(between.stdout).toBe(onGrid.stdout);
  });
});

describe('work limits', () => {
  it('with --no-work-limit runs what the budget refuses, and ends it at the live-spine ceiling in one line, not an out-of-memory crash', async () => {
    const file = join(dir, 'year-of-50-unlimited.json');
    writeFileSync(file, JSON.stringify(yearOf50));
    const run = await cli(['--protocol', file, ...PILE_UP, '--set', 'burnInDays=0', '--no-work-limit']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("spinelab: the run reached 1,000,000 live spines, the model's ceiling; use fewer neurons, a shorter protocol or a lower formation rate\n");
  });

  it('caps --threads at the number of cores, saying so in one line, with the same output', async () => {
    const cores = availableParallelism();
    const [capped, one] = [await cli(['--protocol', protocolFile, ...SHORT, '--replicates', '2', '--threads', '256']), await cli(['--protocol', protocolFile, ...SHORT, '--replicates', '2', '--threads', '1'])];
    expect(capped.code).toBe(0);
    expect(capped.stderr).toBe(`warning: --threads 256 is more than the ${cores} core(s) here; using ${cores}\n`);
    expect(capped.stdout).toBe(one.stdout);
  });
});

describe('CSV output', () => {
  it('has # comment lines, then a header, then one row per replicate and session', async () => {
    const run = await cli(['--protocol', protocolFile, '--seed', '7', '--replicates', '2', '--threads', '1', ...SHORT, '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.trimEnd().split('\n');
    const comments = lines.filter((line) => line.startsWith('#'));
    expect(comments.length).toBeGreaterThan(0);
    expect(lines.slice(0, comments.length)).toEqual(comments);
    expect(comments.join('\n')).toContain(MODEL_VERSION);
    const [headerLine, ...rows] = lines.slice(comments.length);
    const header = headerLine.split(',');
    expect(header.slice(0, 7)).toEqual(['replicate', 'seed', 'timeHours', 'visibleSpines', 'densityPerUm', 'formation', 'elimination']);
    expect(rows.length).toBe(2 * 3);
    const cells = rows.map((row) => row.split(','));
    for (const row of cells) expect(row.length).toBe(header.length);
    const column = (name: string) => cells.map((row) => row[header.indexOf(name)]);
    expect(column('replicate')).toEqual(['0', '0', '0', '1', '1', '1']);
    expect(column('seed')).toEqual(['7', '7', '7', '8', '8', '8']);
    expect(column('timeHours')).toEqual(['0', '48', '96', '0', '48', '96']);
    // No rates at the first session of a replicate.
    expect(column('formation').map((v) => v === '')).toEqual([true, false, false, true, false, false]);
    for (const v of column('visibleSpines')) expect(Number.isInteger(Number(v))).toBe(true);
  });
});

describe('CSV metadata', () => {
  it('escapes line breaks in the SWC file name and protocol name, so every line before the header is a # comment', async () => {
    const swc = join(dir, 'neuron\n=HYPERLINK("example.invalid")\r,1.swc');
    copyFileSync(join(projectRoot, 'test/fixtures/swc/soma-three-point.swc'), swc);
    const protocol = join(dir, 'odd-name.json');
    writeFileSync(protocol, JSON.stringify({ ...protocolDocument, name: 'two\nlines\u2028=1+1' }));
    const run = await cli(['--protocol', protocol, '--morphology', swc, ...SHORT, '--format', 'csv']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split(/\r\n|\r|\n|\u2028|\u2029/);
    const header = lines.findIndex((line) => line.startsWith('replicate,'));
    expect(header).toBeGreaterThan(0);
    for (const line of lines.slice(0, header)) expect(line).toMatch(/^# /);
    expect(run.stdout).toContain('# morphology swc:neuron\\n=HYPERLINK("example.invalid")\\r,1.swc; 1 neuron(s)');
    expect(run.stdout).toContain('# protocol two\\nlines\\u2028=1+1;');
    expect(lines.slice(header + 1).filter((line) => line !== '').length).toBe(protocolDocument.imagingHours.length);
  });

  it('leaves formation and elimination empty where no spine was visible before', async () => {
    const run = await cli(['--protocol', protocolFile, ...SHORT, '--set', 'formationPerUmPerDay=0', '--format', 'csv']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').filter((line) => !line.startsWith('#'));
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.length).toBe(protocolDocument.imagingHours.length);
    for (const row of rows) {
      expect(row[header.indexOf('visibleSpines')]).toBe('0');
      expect(row[header.indexOf('formation')]).toBe('');
      expect(row[header.indexOf('elimination')]).toBe('');
    }
  });
});

describe('errors', () => {
  const badJsonFile = () => join(dir, 'bad-one-line.json');
  const trailingCommaFile = () => join(dir, 'bad-trailing-comma.json');
  const invalidProtocolFile = () => join(dir, 'invalid.json');
  const unknownNestedFieldFile = () => join(dir, 'unknown-nested.json');
  const nullListFile = () => join(dir, 'null-list.json');
  const millionEntriesFile = () => join(dir, 'million-entries.json');
  const hugeSwcFile = () => join(dir, 'huge.swc');
  const yearOf50File = () => join(dir, 'year-of-50.json');

  beforeAll(() => {
    writeFileSync(badJsonFile(), '{"format": "spinelab-protocol", "version": 1,');
    // A hand-edited, pretty-printed protocol with a trailing comma in a list: a common way to break JSON.
    const pretty = JSON.stringify(protocolDocument, null, 2);
    const trailingComma = pretty.replace(/96\n(\s*)\]/, '96,\n$1]');
    expect(trailingComma).not.toBe(pretty);
    writeFileSync(trailingCommaFile(), trailingComma);
    writeFileSync(invalidProtocolFile(), JSON.stringify({ ...protocolDocument, imagingHours: [0] }, null, 2));
    writeFileSync(unknownNestedFieldFile(), JSON.stringify({ ...protocolDocument, ketamine: [{ timeHours: 48, doseMgPerKg: 10, dose: 10 }] }));
    writeFileSync(yearOf50File(), JSON.stringify(yearOf50));
    writeFileSync(hugeSwcFile(), '1 1 0 0 0 1 -1\n2 3 1e12 0 0 1 1\n');
    writeFileSync(nullListFile(), JSON.stringify({ ...protocolDocument, stress: null }));
    writeFileSync(millionEntriesFile(), JSON.stringify({ ...protocolDocument, durationHours: 8760, imagingHours: Array.from({ length: 1_000_000 }, (_, i) => i / 200) }));
  });

  const cases: readonly { what: string; args: () => string[]; mentions: string }[] = [
    { what: 'an unknown scenario', args: () => ['--scenario', 'nope'], mentions: 'nope' },
    { what: 'an unknown option', args: () => ['--bogus'], mentions: '--bogus' },
    { what: 'an unknown parameter in --set', args: () => ['--set', 'noSuchParameter=1'], mentions: 'noSuchParameter' },
    { what: 'an out-of-range value in --set', args: () => ['--set', 'formationPerUmPerDay=9'], mentions: 'formationPerUmPerDay' },
    { what: 'a malformed --set', args: () => ['--set', 'burnInDays'], mentions: 'burnInDays' },
    { what: 'malformed protocol JSON', args: () => ['--protocol', badJsonFile()], mentions: 'not valid JSON' },
    { what: 'pretty-printed protocol JSON with a trailing comma', args: () => ['--protocol', trailingCommaFile()], mentions: 'not valid JSON' },
    { what: 'a protocol that fails validation', args: () => ['--protocol', invalidProtocolFile()], mentions: 'protocol.imagingHours' },
    { what: 'a missing protocol file', args: () => ['--protocol', join(dir, 'missing.json')], mentions: 'missing.json' },
    { what: 'a non-numeric seed', args: () => ['--seed', 'abc'], mentions: '--seed' },
    // Empty values, non-decimal numbers and switches given values (issue 12, defect 7).
    { what: 'an empty --protocol', args: () => ['--protocol', ''], mentions: '--protocol needs a value' },
    { what: 'an empty --morphology', args: () => ['--morphology', ''], mentions: '--morphology needs a value' },
    { what: 'an empty --out', args: () => ['--out', ''], mentions: '--out needs a value' },
    { what: 'an empty --spines-at', args: () => ['--spines-at', ''], mentions: '--spines-at needs a value' },
    { what: 'a blank --scenario', args: () => ['--scenario=  '], mentions: '--scenario needs a value' },
    { what: 'a hexadecimal --set value', args: () => ['--set', 'burnInDays=0x10'], mentions: '"0x10"' },
    { what: 'a hexadecimal --spines-at', args: () => ['--spines-at', '0x10'], mentions: '"0x10"' },
    { what: 'a hexadecimal --seed', args: () => ['--seed', '0x10'], mentions: '"0x10"' },
    { what: 'a padded --replicates', args: () => ['--replicates', ' 2'], mentions: '--replicates' },
    { what: 'a negative --spines-at', args: () => ['--spines-at', '-1'], mentions: '--spines-at' },
    { what: 'a value given to --report', args: () => ['--report=1'], mentions: '--report takes no value' },
    { what: 'a value given to --sensitivity', args: () => ['--sensitivity=1'], mentions: '--sensitivity takes no value' },
    { what: '--sensitivity with a scenario', args: () => ['--sensitivity', '--scenario', 'control'], mentions: "--sensitivity screens the model's estimates on its calibration scenarios; leave out --scenario" },
    { what: 'a value given to --repair-loops', args: () => ['--repair-loops=yes'], mentions: '--repair-loops takes no value' },
    { what: 'a value given to --help', args: () => ['--help=no'], mentions: '--help takes no value' },
    { what: '--spines-at after the end of the protocol', args: () => ['--protocol', protocolFile, '--spines-at', '96.5'], mentions: 'after the end of protocol "cli-test" (96 h)' },
    // Protocol documents (defect 9) and list limits (defect 1).
    { what: 'an unknown field inside a ketamine dose', args: () => ['--protocol', unknownNestedFieldFile()], mentions: 'protocol.ketamine[0].dose' },
    { what: 'a null list in a protocol', args: () => ['--protocol', nullListFile()], mentions: 'protocol.stress must be an array (got null)' },
    { what: 'a protocol with a million imaging sessions', args: () => ['--protocol', millionEntriesFile()], mentions: 'protocol.imagingHours has 1000000 entries; at most 10000' },
    { what: 'a two-line SWC file with a coordinate of 1e12', args: () => ['--morphology', hugeSwcFile()], mentions: 'huge.swc, line 2: sample 2 lies 1,000,000 mm from the soma' },
    // The work budget (defect 1).
    { what: 'a run over the work budget', args: () => ['--protocol', yearOf50File(), ...PILE_UP], mentions: 'live spines at once, more than the budget of 500,000: use fewer neurons, less dendrite or a lower formation rate; or add --no-work-limit to run it anyway' },
    { what: 'a value given to --no-work-limit', args: () => ['--no-work-limit=yes'], mentions: '--no-work-limit takes no value' },
    { what: 'an option whose text holds a line break', args: () => ['--scenario', 'a\nb'], mentions: 'unknown scenario "a\\nb"' },
  ];

  for (const { what, args, mentions } of cases) {
    it.concurrent(`reports ${what} in one line on stderr, exits with 2 and writes no --out file`, async () => {
      const out = join(dir, `out-${what.replace(/[^a-z]+/g, '-')}.json`);
      const existing = join(dir, `existing-${what.replace(/[^a-z]+/g, '-')}.json`);
      writeFileSync(existing, 'previous results\n');
      const [fresh, overwrite] = await Promise.all([cli(['--out', out, ...args()]), cli(['--out', existing, ...args()])]);
      for (const run of [fresh, overwrite]) {
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^spinelab: [^\n]+\n$/);
        expect(run.stderr).toContain(mentions);
        expect(run.stderr).not.toContain('unexpected error');
      }
      expect(existsSync(out)).toBe(false);
      expect(readFileSync(existing, 'utf8')).toBe('previous results\n');
      expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    });
  }
});

describe('--help', () => {
  it('prints the usage on standard output and exits with 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Usage');
    for (const option of ['--scenario', '--protocol', '--seed', '--replicates', '--threads', '--set', '--format', '--out', '--no-work-limit', '--spines-at', '--repair-loops']) expect(run.stdout).toContain(option);
  });
});
