import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project root, where `npm run sim` runs. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  /** The signal that ended the process, if one did. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly stdin?: string;
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Modules Node preloads before the CLI (`--import`), for tests that need to reach into the process. */
  readonly preload?: readonly string[];
}

/** Runs the CLI as a user does (`npm run sim -- …`): a child process from the project root. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const preload = (options.preload ?? []).flatMap((module) => ['--import', module]);
    const child = spawn(process.execPath, [...preload, '--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  });
}

/** The CLI with arguments only (most tests). */
export function cli(args: readonly string[]): Promise<CliRun> {
  return runCli(args);
}
