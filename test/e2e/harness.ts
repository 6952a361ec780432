/**
 * The browser-test harness: a production build served by `vite preview` (with the deployment headers) and
 * headless Debian Chromium driven by playwright-core. Pages open in test mode (`?test&neurons=1`): one
 * neuron, a 360×240 canvas and six frames a second, because software WebGL is slow.
 *
 * Without Chromium the suites skip with a printed reason; with SPINELAB_REQUIRE_BROWSER=1 (CI) they fail.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';

export const chromiumPath = process.env.SPINELAB_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SPINELAB_REQUIRE_BROWSER === '1';
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium && !required) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (set SPINELAB_CHROMIUM, or SPINELAB_REQUIRE_BROWSER=1 to fail instead).`);
}
/** `describe` when the browser tests can (or must) run, `describe.skip` otherwise. */
export const browserSuite = haveChromium || required ? describe : describe.skip;

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

export const projectRoot = resolve(__dirname, '../..');
/** The link query of a small test page. */
export const SMALL = 'test&neurons=1';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions, as they happen. */
  readonly errors: string[];
}

/**
 * Registers the suite's hooks (build, serve, launch; close every page context after each test, passed or
 * failed, so a failing test's page cannot slow the tests after it) and returns what tests use.
 */
export function useBrowserHarness() {
  const state = { outDir: '', server: null as PreviewServer | null, browser: null as Browser | null, baseUrl: '' };
  const openContexts = new Set<BrowserContext>();

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required (SPINELAB_REQUIRE_BROWSER=1) but was not found at ${chromiumPath}`);
    state.outDir = mkdtempSync(join(tmpdir(), 'spinelab-e2e-'));
    await build({ root: projectRoot, configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'error', build: { outDir: state.outDir, emptyOutDir: true } });
    const port = await freePort();
    state.server = await preview({ root: projectRoot, configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: state.outDir }, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
    state.baseUrl = `http://127.0.0.1:${port}/`;
    state.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
    if (state.outDir) rmSync(state.outDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all([...openContexts].map((context) => context.close().catch(() => undefined)));
    openContexts.clear();
  });

  /** A fresh page (own storage) at `?query`, recording console errors and uncaught exceptions. */
  async function open(query = SMALL, viewport = { width: 1100, height: 760 }): Promise<OpenedPage> {
    const context = await state.browser!.newContext({ viewport, acceptDownloads: true });
    openContexts.add(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${state.baseUrl}?${query}`);
    return { page, context, errors };
  }

  return { open, baseUrl: () => state.baseUrl };
}

/** The simulated time the clock shows (h). */
export const clockHours = async (page: Page) => Number(await page.getAttribute('[data-testid=sim-clock]', 'data-hours'));

/** Waits until `predicate` (an expression in `h`, the clock's hours) holds. */
export const waitForHours = (page: Page, predicate: string, timeout = 20_000) =>
  page.waitForFunction(`(() => { const h = Number(document.querySelector('[data-testid=sim-clock]')?.getAttribute('data-hours')); return ${predicate}; })()`, undefined, { timeout });
