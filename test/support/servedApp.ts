/**
 * A production build of the app served by `vite preview` (with the headers of vite.config.ts) and headless
 * Debian Chromium launched to open it: what the browser tests and the browser benchmarks both need. No test
 * runner here, so plain scripts (test/bench) can use it too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build, preview } from 'vite';

export const repository = resolve(import.meta.dirname, '../..');
export const chromiumPath = process.env.SPINELAB_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that give WebGL 2 through ANGLE on SwiftShader without a GPU, and keep Chromium off the network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/**
 * The same flags compositing on the (SwiftShader) GPU, as a browser that draws WebGL on a GPU does. With
 * --disable-gpu Chromium composites in software and reads every WebGL frame back on the page's main
 * thread while it commits the frame: measured here, each frame of the playing test scene then blocks the
 * main thread 50–330 ms (the software renderer's whole frame), with or without an ensemble. For measuring
 * the page's own main-thread tasks, composite on the GPU.
 */
export const gpuCompositingArgs = chromiumArgs.filter((arg) => arg !== '--disable-gpu');

export interface ServedApp {
  /** The served page's address, ending in '/'. */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** Closes the browser and the server and removes the build. */
  close(): Promise<void>;
}

/** Builds `root` (the app by default) with the project's vite config, serves it on a free port and launches Chromium. */
export async function serveApp(options: { readonly root?: string; readonly extraArgs?: readonly string[]; readonly gpuCompositing?: boolean } = {}): Promise<ServedApp> {
  const root = options.root ?? repository;
  const configFile = join(repository, 'vite.config.ts');
  const outDir = mkdtempSync(join(tmpdir(), 'spinelab-build-'));
  await build({ root, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, configFile, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
  const address = server.httpServer.address();
  if (typeof address !== 'object' || !address) throw new Error('the preview server has no port');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...(options.gpuCompositing ? gpuCompositingArgs : chromiumArgs), ...(options.extraArgs ?? [])] });
  return {
    baseUrl: `http://127.0.0.1:${address.port}/`,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
