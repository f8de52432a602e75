/**
 * Browser journeys: finding Chromium, launching it, serving a real app on the demo data, and screenshots on failure.
 * Without Chromium the journeys are skipped (the notice is printed once by global-setup), unless
 * LUOSHI_REQUIRE_BROWSER=1 — then they fail, as in CI.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, type Request, type Response } from 'playwright-core';
import { describe, inject, it } from 'vitest';
import type { TestApp } from './harness.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const BROWSER_SKIP_NOTICE =
  'Browser tests skipped: Chromium not found (install it with: sudo apt-get install chromium, or set LUOSHI_CHROMIUM)';

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** LUOSHI_CHROMIUM, else /usr/bin/chromium, else chromium or chromium-browser on PATH; null when none is there. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.LUOSHI_CHROMIUM?.trim();
  if (named) return isExecutable(named) ? named : null;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export const browserRequired = (env: NodeJS.ProcessEnv = process.env) => env.LUOSHI_REQUIRE_BROWSER === '1';

/**
 * A describe block for browser journeys: runs when Chromium is found; otherwise fails (LUOSHI_REQUIRE_BROWSER=1) or
 * is skipped.
 */
export function describeBrowser(name: string, body: (executablePath: string) => void): void {
  const executablePath = findChromium();
  if (executablePath) {
    describe(name, () => body(executablePath));
  } else if (browserRequired()) {
    describe(name, () => {
      it('needs Chromium', () => {
        const named = process.env.LUOSHI_CHROMIUM ? ` (LUOSHI_CHROMIUM=${process.env.LUOSHI_CHROMIUM} is not an executable)` : '';
        throw new Error(`LUOSHI_REQUIRE_BROWSER=1 but Chromium was not found${named}: install it with sudo apt-get install chromium, or set LUOSHI_CHROMIUM`);
      });
    });
  } else {
    describe.skip(name, () => body(''));
  }
}

/** Builds the UI exactly as `npm run build` does (into dist/web unless `outDir` is given). */
export async function buildUi(outDir?: string): Promise<void> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which Vite would bake into the bundle (React and Ant Design development builds).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** Where the built UI is: global-setup builds dist/web; if it did not (a filtered run), build a private copy now. */
export async function webRootForTests(): Promise<{ webRoot: string; cleanup(): void }> {
  const built = inject('luoshiWebRoot');
  if (built) return { webRoot: built, cleanup: () => {} };
  const outDir = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
  await buildUi(outDir);
  return { webRoot: outDir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface DemoServer {
  t: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/** A real app on a fresh SQLite database with the demo organisation, listening on a free port. */
export async function startDemoServer(): Promise<DemoServer> {
  // Imported here so that global-setup, which only needs findChromium, does not load the whole server.
  const [{ createTestApp }, { seedDemo }] = await Promise.all([import('./harness.ts'), import('../../src/server/demo/index.ts')]);
  const web = await webRootForTests();
  const t = await createTestApp('sqlite', { webRoot: web.webRoot });
  await seedDemo(t.ctx);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('the test server has no port');
  return {
    t,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await t.close();
      web.cleanup();
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page; a journey should end with none. */
  pageErrors: Error[];
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh context (no cookies, no storage) and one page. */
export async function launchBrowser(executablePath: string, options: BrowserContextOptions = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(10_000);
  recordApiCalls(context);
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (err) => pageErrors.push(err));
  return {
    browser,
    context,
    page,
    pageErrors,
    async close() {
      await context.close().catch(() => {});
      await browser.close();
    },
  };
}

/** Runs a journey; on failure saves a full-page screenshot to .tmp/<name>.png before rethrowing. */
export async function withScreenshotOnFailure(page: Page, name: string, journey: () => Promise<void>): Promise<void> {
  try {
    await journey();
  } catch (err) {
    const dir = join(REPO_ROOT, '.tmp');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `e2e-${name}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    if (err instanceof Error) err.message += `\n(screenshot: ${path}; page: ${page.url()})${await whatThePageSays(page)}`;
    throw err;
  }
}

/**
 * Ids that more than one element of the page carries. A form without a name gives its fields bare ids (`name`,
 * `value`); two such forms on one page make a label point at the other form's field.
 */
export async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const counts = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

/** The last API calls of each page, so that a failed journey says what the server was asked and what it answered. */
const apiCalls = new WeakMap<Page, string[]>();

/** Keeps the last API calls of every page the context opens (a second person's context is recorded the same way). */
export function recordApiCalls(context: BrowserContext): void {
  context.on('page', (page) => {
    const calls: string[] = [];
    apiCalls.set(page, calls);
    const note = (line: string) => {
      calls.push(line);
      if (calls.length > 12) calls.shift();
    };
    page.on('requestfinished', (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/api/')) return;
      void request.response().then((response) => note(`${request.method()} ${pathname} → ${response?.status() ?? '?'} in ${Math.round(request.timing().responseEnd)} ms`));
    });
    page.on('requestfailed', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/')) note(`${request.method()} ${pathname} → failed: ${request.failure()?.errorText ?? '?'}`);
    });
  });
}

/** The page's visible form errors and messages, and its last API calls: appended to a failed journey's error. */
async function whatThePageSays(page: Page): Promise<string> {
  const shown = await page
    .locator('.ant-form-item-explain-error, .ant-message-notice, .ant-alert-message, .ant-alert-title')
    .allInnerTexts()
    .catch(() => []);
  const calls = apiCalls.get(page) ?? [];
  return [
    shown.length ? `\nshown: ${shown.map((text) => text.trim()).filter(Boolean).join(' | ')}` : '',
    calls.length ? `\nlast API calls:\n  ${calls.join('\n  ')}` : '',
  ].join('');
}

/**
 * Clicks a button that sends a request and returns the request's response. A click can be lost on a busy machine (the
 * button moved while something above it animated): when no request has gone out 5 s after the click, it clicks again.
 * A click that did send is never repeated.
 */
export async function clickForResponse(page: Page, button: Locator, matches: (request: Request) => boolean, attempts = 3): Promise<Response> {
  let sent: Request | undefined;
  const listener = (request: Request) => {
    if (!sent && matches(request)) sent = request;
  };
  // Listening from before the first click: a quick request is not missed, a late one is not taken for lost.
  page.on('request', listener);
  try {
    for (let attempt = 1; !sent; attempt++) {
      if (attempt > attempts) throw new Error(`no request went out after ${attempts} clicks on ${String(button)}`);
      await button.click();
      for (const deadline = Date.now() + 5_000; !sent && Date.now() < deadline; ) await page.waitForTimeout(100);
    }
  } finally {
    page.off('request', listener);
  }
  const response = await sent.response();
  if (!response) throw new Error(`${sent.method()} ${sent.url()} got no response: ${sent.failure()?.errorText ?? 'unknown'}`);
  return response;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The UI that global-setup built for this run, or null when it did not build one. */
    luoshiWebRoot: string | null;
  }
}
