import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardPoints } from '../../src/sweep/shardFile';
import { projectRoot, runCli } from './runCli';
import { fortyPointSweep } from '../sweep/shortSweep';

/*
 * The cluster files as the schedulers run them: the Slurm script as one array task (SLURM_ARRAY_TASK_ID set),
 * and the Kubernetes Indexed Job's container (entry point, arguments and environment read from the
 * manifest and the Dockerfile) with JOB_COMPLETION_INDEX set, running the bundled CLI the image holds.
 */

const cluster = join(projectRoot, 'src/cli/cluster');
const killMidLine = fileURLToPath(new URL('../support/killShardMidLine.mjs', import.meta.url));
let dir = '';
const path = (...names: string[]) => join(dir, ...names);
/** Point lines of the sweep run as one shard, by point. */
const wholeLines = new Map<number, string>();

interface ScriptRun {
  readonly code: number | null;
  readonly stderr: string;
}

function runScript(file: string, args: readonly string[], env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    // A scheduler's environment: none of the other scheduler's variables, and the test's PATH.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX|SPINELAB_)/.test(k)));
    // Its own process group, as a scheduler starts a job (so a group signal reaches the script and the CLI).
    const child = spawn('bash', [file, ...args], { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 + osConstants.signals[signal] : null), stderr }));
  });
}

function expectShardOf(file: string, index: number, count: number) {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(JSON.parse(lines[0]).shard).toBe(`${index}/${count}`);
  expect(lines.slice(1).map((line) => JSON.parse(line).point).sort((a: number, b: number) => a - b)).toEqual(shardPoints(40, { index, count }));
  for (const line of lines.slice(1)) expect(line).toBe(wholeLines.get(JSON.parse(line).point));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spinelab-cluster-'));
  writeFileSync(path('sweep.json'), JSON.stringify(fortyPointSweep));
  const whole = await runCli(['--sweep', path('sweep.json'), '--out', path('whole.jsonl'), '--threads', '1']);
  expect(whole.code).toBe(0);
  for (const line of readFileSync(path('whole.jsonl'), 'utf8').trimEnd().split('\n').slice(1)) wholeLines.set(JSON.parse(line).point, line);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Slurm job array (src/cli/cluster/sweep.sbatch)', () => {
  const sbatch = join(cluster, 'sweep.sbatch');

  it('run with SLURM_ARRAY_TASK_ID set, it is one array task: that shard’s points, copied to the output folder', async () => {
    const run = await runScript(sbatch, ['sweep.json', '4', 'results'], { SLURM_ARRAY_TASK_ID: '1', SLURM_CPUS_PER_TASK: '1' });
    expect(run.code).toBe(0);
    expect(readdirSync(path('results'))).toEqual(['shard-1.jsonl']);
    expectShardOf(path('results', 'shard-1.jsonl'), 1, 4);
    expect(run.stderr).toContain('shard 1/4: 10 of the sweep\'s 40 points, 0 already done, 10 to run on 1 thread(s)');
  }, 60_000);

  it('a task that failed midway is resubmitted alone and resumes from the copy it left', async () => {
    const killed = await runScript(sbatch, ['sweep.json', '4', 'results'], { SLURM_ARRAY_TASK_ID: '3', SLURM_CPUS_PER_TASK: '1', NODE_OPTIONS: `--import ${killMidLine}`, SPINELAB_TEST_KILL_AFTER_LINES: '6' });
    expect(killed.code).not.toBe(0);
    // The copy holds the header, 6 points and the half line the kill cut.
    const copied = readFileSync(path('results', 'shard-3.jsonl'), 'utf8');
    expect(copied.endsWith('\n')).toBe(false);
    expect(copied.split('\n')).toHaveLength(8);
    const again = await runScript(sbatch, ['sweep.json', '4', 'results'], { SLURM_ARRAY_TASK_ID: '3', SLURM_CPUS_PER_TASK: '1' });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('6 already done, 4 to run');
    expectShardOf(path('results', 'shard-3.jsonl'), 3, 4);
    expect(readdirSync(path('results')).sort()).toEqual(['shard-1.jsonl', 'shard-3.jsonl']);
  }, 60_000);

  it('stopped with SIGTERM at its time limit, it copies out the points it finished; resubmitted, it runs the rest', async () => {
    const stopped = await runScript(sbatch, ['sweep.json', '4', 'results'], { SLURM_ARRAY_TASK_ID: '0', SLURM_CPUS_PER_TASK: '1', NODE_OPTIONS: `--import ${killMidLine}`, SPINELAB_TEST_KILL_AFTER_LINES: '3', SPINELAB_TEST_KILL_MODE: 'group' });
    expect(stopped.code).toBe(143);
    const copied = readFileSync(path('results', 'shard-0.jsonl'), 'utf8');
    expect(copied.endsWith('\n')).toBe(true);
    expect(copied.trimEnd().split('\n')).toHaveLength(1 + 3);
    const again = await runScript(sbatch, ['sweep.json', '4', 'results'], { SLURM_ARRAY_TASK_ID: '0', SLURM_CPUS_PER_TASK: '1' });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('3 already done, 7 to run');
    expectShardOf(path('results', 'shard-0.jsonl'), 0, 4);
    expect(readdirSync(path('results')).sort()).toEqual(['shard-0.jsonl', 'shard-1.jsonl', 'shard-3.jsonl']);
  }, 60_000);

  it('refuses, in one line, to run without an array index or with one beyond the shard count', async () => {
    const none = await runScript(sbatch, ['sweep.json', '4', 'results'], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('run-shard.sh: no shard index: run it as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)\n');
    const beyond = await runScript(sbatch, ['sweep.json', '4', 'results'], { SLURM_ARRAY_TASK_ID: '4' });
    expect(beyond.stderr).toBe('run-shard.sh: shard index 4 is not below the shard count 4 (submit with --array=0-3)\n');
    expect(beyond.code).toBe(2);
  });
});

describe('Kubernetes Indexed Job (src/cli/cluster/sweep-job.yaml + Dockerfile)', () => {
  const manifest = readFileSync(join(cluster, 'sweep-job.yaml'), 'utf8');
  const dockerfile = readFileSync(join(cluster, 'Dockerfile'), 'utf8');
  const scalar = (key: string) => /^\s*(\S.*)$/.exec(manifest.split('\n').find((line) => new RegExp(`^\\s*${key}:`).test(line))!.split(':').slice(1).join(':'))![1];
  const envValue = (name: string) => JSON.parse(new RegExp(`- name: ${name}\\n\\s+value: ("[^"]*")`).exec(manifest)![1]) as string;

  it('is an Indexed Job with one completion per shard, whose container takes the index from JOB_COMPLETION_INDEX', () => {
    expect(scalar('completionMode')).toBe('Indexed');
    expect(scalar('completions')).toBe(envValue('SHARDS'));
    expect(scalar('parallelism')).toBe(envValue('SHARDS'));
    expect(JSON.parse(scalar('args'))).toEqual(['/sweep/sweep.json', '$(SHARDS)', '/results']);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/run-shard\.sh"\]$/m);
    expect(dockerfile).toMatch(/^COPY src\/cli\/cluster\/run-shard\.sh \/app\/run-shard\.sh$/m);
    expect(readFileSync(join(cluster, 'run-shard.sh'), 'utf8')).toContain('index=${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-}}');
  });

  it('its container, run here with JOB_COMPLETION_INDEX=2, runs shard 2 with the bundled CLI alone (no node_modules)', async () => {
    // The image's /app: the bundle the Dockerfile builds and the entry point, outside the repository.
    const app = path('app');
    mkdirSync(app);
    execFileSync(process.execPath, [join(cluster, 'bundleCli.mjs'), join(app, 'cli')], { cwd: projectRoot });
    cpSync(join(cluster, 'run-shard.sh'), join(app, 'run-shard.sh'));
    const imageCli = /^ENV SPINELAB_CLI="([^"]+)"/m.exec(dockerfile)![1].replace('/app/', `${app}/`);
    mkdirSync(path('configmap'));
    cpSync(path('sweep.json'), path('configmap', 'sweep.json'));
    const args = (JSON.parse(scalar('args')) as string[]).map((arg) => arg.replace('$(SHARDS)', envValue('SHARDS')).replace('/sweep/', `${path('configmap')}/`).replace('/results', path('volume')));
    const run = await runScript(join(app, 'run-shard.sh'), args, { JOB_COMPLETION_INDEX: '2', SPINELAB_THREADS: envValue('SPINELAB_THREADS'), SPINELAB_CLI: imageCli });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('shard 2/4: 10 of the sweep\'s 40 points, 0 already done, 10 to run on 2 thread(s)');
    expect(readdirSync(path('volume'))).toEqual(['shard-2.jsonl']);
    expectShardOf(path('volume', 'shard-2.jsonl'), 2, 4);
  }, 60_000);
});

const docker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
if (!docker) console.warn('Skipping the Docker image build: no Docker engine answers here (`docker info` fails).');

describe.skipIf(!docker)('container image (src/cli/cluster/Dockerfile)', () => {
  it('builds, and runs one shard as a Kubernetes pod would', () => {
    const tag = 'spinelab-sweep-test';
    execFileSync('docker', ['build', '-q', '-f', join(cluster, 'Dockerfile'), '-t', tag, projectRoot], { stdio: 'ignore' });
    mkdirSync(path('docker'), { recursive: true });
    cpSync(path('sweep.json'), path('docker', 'sweep.json'));
    execFileSync('docker', ['run', '--rm', '--user', `${process.getuid!()}`, '-e', 'JOB_COMPLETION_INDEX=0', '-e', 'SPINELAB_THREADS=1', '-v', `${path('docker')}:/work`, tag, '/work/sweep.json', '4', '/work/results'], { stdio: 'ignore' });
    expect(existsSync(path('docker', 'results', 'shard-0.jsonl'))).toBe(true);
    expectShardOf(path('docker', 'results', 'shard-0.jsonl'), 0, 4);
  }, 600_000);
});
