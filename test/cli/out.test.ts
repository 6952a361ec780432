import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioProtocol } from '../../src/model/scenarios.ts';
import { cli } from './runCli.ts';

/*
 * `--out` never clobbers (issue 12, defect 2): regular files are replaced atomically, symbolic links are
 * followed and kept, character devices and FIFOs are written as streams, directories are refused. Every run
 * is the control preset with two days of burn-in on one thread, so each takes about a second.
 */

const RUN = ['--scenario', 'control', '--set', 'burnInDays=2', '--threads', '1'];

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spinelab-out-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function expectRunDocument(text: string): void {
  expect(JSON.parse(text).protocol).toEqual(scenarioProtocol('control'));
}

function leftovers(...folders: string[]): string[] {
  return folders.flatMap((folder) => readdirSync(folder).filter((name) => name.includes('.partial-')));
}

describe('--out onto a symbolic link', () => {
  it('keeps the link and replaces its target, in the target\'s directory', async () => {
    const targets = join(dir, 'targets');
    mkdirSync(targets);
    const target = join(targets, 'results.json');
    writeFileSync(target, 'previous results\n');
    const link = join(dir, 'latest.json');
    symlinkSync('targets/results.json', link);
    const run = await cli([...RUN, '--out', link]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('targets/results.json');
    expectRunDocument(readFileSync(target, 'utf8'));
    expect(leftovers(dir, targets)).toEqual([]);
  });

  it('follows a chain of links, and creates the target of a dangling one', async () => {
    const chain = join(dir, 'chain');
    mkdirSync(chain);
    symlinkSync('second.json', join(chain, 'first.json'));
    symlinkSync('made-by-the-run.json', join(chain, 'second.json'));
    const run = await cli([...RUN, '--out', join(chain, 'first.json')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lstatSync(join(chain, 'first.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(chain, 'second.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(chain, 'made-by-the-run.json')).isFile()).toBe(true);
    expectRunDocument(readFileSync(join(chain, 'made-by-the-run.json'), 'utf8'));
    expect(leftovers(chain)).toEqual([]);
  });
});

describe('--out onto a regular file', () => {
  it('replaces it and keeps its permission bits', async () => {
    const file = join(dir, 'private.json');
    writeFileSync(file, 'previous results\n');
    chmodSync(file, 0o640);
    const run = await cli([...RUN, '--out', file]);
    expect(run.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expectRunDocument(readFileSync(file, 'utf8'));
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('--out onto special files', () => {
  it('writes into a FIFO as a stream and leaves the FIFO in place', async () => {
    const fifo = join(dir, 'results.fifo');
    execFileSync('mkfifo', [fifo]);
    // Opening a FIFO for reading waits for the writer: start the reader, then the CLI.
    const received = readFile(fifo, 'utf8');
    const run = await cli([...RUN, '--out', fifo]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectRunDocument(await received);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes to /dev/null directly: it stays the same character device', async () => {
    const before = lstatSync('/dev/null');
    const run = await cli([...RUN, '--out', '/dev/null']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const after = lstatSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(after.ino).toBe(before.ino);
  });

  it('refuses a directory in one line and leaves it alone', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const run = await cli([...RUN, '--out', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^spinelab: cannot write "[^"\n]*a-folder": it is a directory; give --out a file name\n$/);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('reports a folder that does not exist in one line', async () => {
    const run = await cli([...RUN, '--out', join(dir, 'no-such-folder', 'results.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^spinelab: cannot write "[^\n]*no-such-folder[^\n]*": [^\n]+\n$/);
  });
});
