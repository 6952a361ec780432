/**
 * Initial JavaScript of the app (what the page loads before it can draw: the entry and its static
 * imports, gzip-compressed) against a minimal react + @react-three/fiber + three app built the same way
 * (same vite config). Lazy chunks (charts, parameter panel) and the worker are listed separately.
 *   npx tsx test/bench/bundleSize.bench.ts
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const repository = resolve(import.meta.dirname, '../..');

async function buildInto(root: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'spinelab-size-'));
  await build({ root, configFile: join(repository, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

function gzipKb(path: string): number {
  return gzipSync(readFileSync(path)).length / 1024;
}

/** Scripts and module preloads named in index.html: what loads before first paint. */
function initialScripts(outDir: string): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const paths = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => (m[1] ?? m[2]).replace(/^\//, '').replace(/^\.\//, ''));
  return [...new Set(paths)];
}

function report(name: string, outDir: string): number {
  const initial = initialScripts(outDir);
  const total = initial.reduce((sum, file) => sum + gzipKb(join(outDir, file)), 0);
  console.log(`${name}: initial JS ${total.toFixed(1)} KiB gzip (${initial.join(', ')})`);
  const others = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js') && !initial.includes(`assets/${file}`));
  for (const file of others) console.log(`  loaded later: ${file} ${gzipKb(join(outDir, 'assets', file)).toFixed(1)} KiB gzip`);
  return total;
}

const appOut = await buildInto(repository);
const minimalOut = await buildInto(join(repository, 'test/bench/minimal'));
const app = report('SpineLab', appOut);
const minimal = report('minimal react + r3f + three', minimalOut);
console.log(`ratio: ${(app / minimal).toFixed(2)}× (aim ≤ 1.3×)`);
rmSync(appOut, { recursive: true, force: true });
rmSync(minimalOut, { recursive: true, force: true });
