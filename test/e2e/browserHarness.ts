/**
 * The browser tests' shared set-up: a production build served by `vite preview` (with the headers of
 * vite.config.ts), driven in headless Chromium through playwright-core. Pages open in test mode
 * (`test&neurons=1`): one neuron, a 360×240 canvas and six frames a second, because software WebGL is slow.
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
import { decodePng } from './decodePng';

const chromiumPath = process.env.SPINELAB_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SPINELAB_REQUIRE_BROWSER === '1';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && !required) {
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (set SPINELAB_CHROMIUM, or SPINELAB_REQUIRE_BROWSER=1 to fail instead).`);
}
/** `describe` where Chromium is there or required, `describe.skip` otherwise. */
export const browserSuite = haveChromium || required ? describe : describe.skip;

/** Flags that give WebGL 2 through ANGLE on SwiftShader without a GPU, and keep Chromium off the network. */
const chromiumArgs = [
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

export const root = resolve(__dirname, '../..');
/** The light test view: one neuron, a small canvas, a low frame rate. */
export const small = 'test&neurons=1';

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

export interface OpenOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** A script run in the page before its own (to block storage, say). */
  readonly initScript?: string;
}

export interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

/**
 * Builds, serves and launches once for the calling file (register inside a suite); every context a test
 * opens is closed after it, passed or failed, so a failing test's page cannot slow down the tests after it.
 */
export function useBrowser(options: { readonly extraArgs?: readonly string[] } = {}) {
  let outDir = '';
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  let baseUrl = '';
  const openContexts = new Set<BrowserContext>();

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required (SPINELAB_REQUIRE_BROWSER=1) but was not found at ${chromiumPath}`);
    outDir = mkdtempSync(join(tmpdir(), 'spinelab-e2e-'));
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const port = await freePort();
    server = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
    baseUrl = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...(options.extraArgs ?? [])] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all([...openContexts].map((context) => context.close().catch(() => undefined)));
    openContexts.clear();
  });

  return {
    /** The served app's address, ending in '/'. */
    baseUrl: () => baseUrl,
    /**
     * A fresh page (own storage) that records console errors and uncaught exceptions. `link` is a query
     * (`test&seed=2`, or `?…`) or a fragment (`#…`).
     */
    async open(link = small, options: OpenOptions = {}): Promise<OpenPage> {
      const context = await browser!.newContext({ viewport: options.viewport ?? { width: 1100, height: 760 } });
      openContexts.add(context);
      const page = await context.newPage();
      if (options.initScript) await page.addInitScript(options.initScript);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${baseUrl}${link.startsWith('#') || link.startsWith('?') ? link : `?${link}`}`);
      return { page, context, errors };
    },
  };
}

export const hours = async (page: Page) => Number(await page.getAttribute('[data-testid=sim-clock]', 'data-hours'));
export const visible = async (page: Page) => Number(await page.getAttribute('[data-testid=visible-spines]', 'data-value'));
/**
 * Waits until the clock reads more than `above` and less than `below` hours. (A function, not a string:
 * the page's Content-Security-Policy forbids evaluating strings.)
 */
export const waitForHours = (page: Page, { above = -Infinity, below = Infinity }: { above?: number; below?: number }, timeout = 20_000) =>
  page.waitForFunction(
    ([low, high]) => {
      const h = Number(document.querySelector('[data-testid=sim-clock]')?.getAttribute('data-hours'));
      return h > low && h < high;
    },
    [above, below],
    { timeout },
  );
export const sceneShot = async (page: Page) => decodePng(await page.locator('[data-testid=scene] canvas').screenshot());
