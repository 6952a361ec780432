import { chmodSync, lstatSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A path `--out` cannot write, in one line. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** As many links as Linux follows before ELOOP. */
const MAX_LINK_HOPS = 40;

type Target =
  /** A regular file (its real path, symbolic links resolved) or a new one: replaced atomically. */
  | { readonly kind: 'file'; readonly path: string; readonly mode?: number }
  /** A character device or a FIFO (/dev/null, /dev/stdout, a named pipe, `>(…)`): written as a stream. */
  | { readonly kind: 'stream' };

/**
 * Writes `text` to `path` so that nothing but the intended file can be replaced:
 * - a regular file, or a new path, is written atomically: a temporary file beside it, renamed over it, so
 *   an error never leaves half a file; the file keeps its permission bits;
 * - a symbolic link is followed, and its target is replaced in the target's directory: the link stays;
 *   a dangling link gets its target created;
 * - a character device or FIFO is opened and written like a stream, never replaced (renaming over
 *   /dev/null as root would break it for the whole machine, and a pipe's reader would get nothing);
 * - a directory, block device or socket is refused: results written onto a disk device are never meant.
 */
export function writeOutput(text: string, path: string): void {
  const target = resolveTarget(path);
  if (target.kind === 'stream') {
    attempt(path, () => writeFileSync(path, text));
    return;
  }
  const temporary = `${target.path}.partial-${process.pid}`;
  let created = false;
  attempt(path, () => {
    try {
      // 'wx' fails rather than follow anything already at the temporary path.
      writeFileSync(temporary, text, { flag: 'wx' });
      created = true;
      if (target.mode !== undefined) chmodSync(temporary, target.mode);
      renameSync(temporary, target.path);
    } catch (error) {
      if (created) unlinkQuietly(temporary);
      throw error;
    }
  });
}

function resolveTarget(path: string): Target {
  let stats: Stats | undefined;
  attempt(path, () => {
    try {
      stats = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  });
  if (stats === undefined) return { kind: 'file', path: createdPath(path) };
  if (stats.isFile()) return { kind: 'file', path: realpathSync(path), mode: stats.mode & 0o7777 };
  if (stats.isCharacterDevice() || stats.isFIFO()) return { kind: 'stream' };
  const what = stats.isDirectory() ? 'a directory' : stats.isBlockDevice() ? 'a block device' : 'a socket';
  throw new OutputError(`cannot write "${path}": it is ${what}; give --out a file name`);
}

/** The path a new file will have: `path` itself, or where a dangling symbolic link points. */
function createdPath(path: string): string {
  let current = path;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    let link: string;
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
      link = readlinkSync(current);
    } catch {
      return current; // nothing there: this is the file to create
    }
    // A relative target is relative to the link's directory as the kernel sees it (links resolved).
    current = resolve(realpathSync(dirname(current)), link);
  }
  throw new OutputError(`cannot write "${path}": too many levels of symbolic links`);
}

function attempt(path: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write "${path}": ${(error as Error).message}`);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
