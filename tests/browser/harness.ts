/**
 * Browser-test harness: builds the client when its sources are newer than dist/client (one
 * build at a time across test workers), starts an in-process server that serves it, launches
 * Chromium through playwright-core, and collects console errors. Screenshots go to
 * test-results/browser/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLIENT_DIR = join(ROOT, 'dist/client');
export const SHOTS_DIR = join(ROOT, 'test-results/browser');
/** The English sample report, from the copy kept in the project. */
export const SAMPLE_EN = join(ROOT, 'server/samples/ctoc-cop-2012-wg-report.en.txt');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function clientIsStale(): boolean {
  const index = join(CLIENT_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestMtime(join(ROOT, 'client')), newestMtime(join(ROOT, 'shared/src')), newestMtime(join(ROOT, 'vite.config.ts')), newestMtime(join(ROOT, 'patches')));
  return sources > statSync(index).mtimeMs;
}

async function sleep(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

/** Builds dist/client if it is missing or older than its sources. Safe across workers. */
export async function ensureClientBuilt(): Promise<void> {
  const lock = join(ROOT, 'dist/.client-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  while (clientIsStale()) {
    try {
      mkdirSync(lock);
    } catch {
      // Another worker is building; a lock older than two minutes is left over from a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for the client build');
      await sleep(250);
      continue;
    }
    try {
      // NODE_ENV is "test" under vitest, which would bundle React's development build.
      if (clientIsStale()) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export async function startAppServer(): Promise<TestServer> {
  await ensureClientBuilt();
  return startServer({ clientDir: CLIENT_DIR });
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium is not installed at /usr/bin/chromium');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Console errors and uncaught page errors, per page, for a final "no errors" assertion. */
export class ErrorLog {
  readonly errors: string[] = [];

  watch(page: Page, label: string): Page {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`[${label}] console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`[${label}] pageerror: ${error.message}`));
    return page;
  }
}

export async function newPage(browser: Browser, log: ErrorLog, label: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = log.watch(await context.newPage(), label);
  return { context, page };
}

/** Signs in through the form on `/`, as a person would. */
export async function signInThroughForm(page: Page, base: string, name: string, password: string): Promise<void> {
  await page.goto(base + '/');
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', password);
  await page.click('form button[type="submit"]');
  await page.waitForSelector('.list-head h1');
}

/** Opens a report and waits until its body is rendered and the connection is online. */
export async function openReport(page: Page, base: string, id: string): Promise<void> {
  await page.goto(`${base}/reports/${id}`);
  await page.waitForSelector('.ProseMirror [data-pid]');
  await page.waitForSelector('.connection-badge[data-state="online"]');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Text drawn by `::before` pseudo-elements of blocks with a pid (paragraph numbers from CSS
 * counters, footnote markers), read from Chromium's layout tree: pid → "1.".
 */
export async function renderedMarkers(cdp: CDPSession): Promise<Map<string, string>> {
  const snapshot = (await cdp.send('DOMSnapshot.captureSnapshot', { computedStyles: [] })) as unknown as {
    strings: string[];
    documents: {
      nodes: { parentIndex: number[]; attributes: number[][]; pseudoType: { index: number[]; value: number[] } };
      layout: { nodeIndex: number[]; text: number[] };
    }[];
  };
  const { strings } = snapshot;
  const { nodes, layout } = snapshot.documents[0];
  const pseudo = new Map(nodes.pseudoType.index.map((index, k) => [index, strings[nodes.pseudoType.value[k]]]));
  const attribute = (node: number, name: string) => {
    const list = nodes.attributes[node] ?? [];
    for (let k = 0; k < list.length; k += 2) if (strings[list[k]] === name) return strings[list[k + 1]];
    return null;
  };
  const out = new Map<string, string>();
  layout.nodeIndex.forEach((nodeIndex, i) => {
    if (layout.text[i] < 0) return;
    let node = nodeIndex;
    while (node >= 0 && !pseudo.has(node)) node = nodes.parentIndex[node];
    if (node < 0 || pseudo.get(node) !== 'before') return;
    const pid = attribute(nodes.parentIndex[node], 'data-pid');
    if (pid) out.set(pid, (out.get(pid) ?? '') + strings[layout.text[i]]);
  });
  return out;
}

/** Polls `condition` in the page until it holds or the deadline passes. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([sel, expected]) => [...document.querySelectorAll(sel!)].some((el) => (el.textContent ?? '').includes(expected!)),
    [selector, text] as const,
    { timeout },
  );
}

/** The body's blocks as [pid, text], with other people's carets and proposed (suggested) text left out. */
export async function bodyBlocks(page: Page): Promise<[string, string][]> {
  return page.evaluate(() => {
    const clone = document.querySelector('.ProseMirror')!.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak, .review-suggest-new, .review-suggest-join').forEach((el) => el.remove());
    return [...clone.querySelectorAll('[data-pid]')].map((el) => [el.getAttribute('data-pid') ?? '', el.textContent ?? ''] as [string, string]);
  });
}

/** Waits until two pages show the same body (carets aside). */
export async function waitForSameBody(a: Page, b: Page, timeout = 10_000): Promise<[string, string][]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const [x, y] = [await bodyBlocks(a), await bodyBlocks(b)];
    if (JSON.stringify(x) === JSON.stringify(y)) return x;
    if (Date.now() > deadline) throw new Error(`bodies differ:\n${JSON.stringify(x)}\n${JSON.stringify(y)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once the element has kept its place for `frames` animation frames (late header items shift the page). */
export function layoutSettled(page: Page, selector: string, frames = 5): Promise<void> {
  return page.evaluate(
    ({ selector, frames }) =>
      new Promise<void>((resolve) => {
        let last = '';
        let same = 0;
        const check = () => {
          const r = document.querySelector(selector)?.getBoundingClientRect();
          const now = r ? `${r.top},${r.left},${r.height}` : '';
          same = now === last && now !== '' ? same + 1 : 0;
          last = now;
          if (same >= frames) resolve();
          else requestAnimationFrame(check);
        };
        check();
      }),
    { selector, frames },
  );
}

/**
 * A new report and two of its drafters: the first creates it and shares it with the second;
 * each signs in through the form in a browser context of their own and opens it.
 */
export async function twoDraftersOpen(
  { server, browser, log }: { server: TestServer; browser: Browser; log: ErrorLog },
  [ownerName, colleagueName]: [string, string],
  reportInput: Record<string, unknown>,
  labels: [string, string],
) {
  const owner = await signUp(server.url, ownerName);
  const colleague = await signUp(server.url, colleagueName);
  const report = await createReport(server.url, owner.token, reportInput);
  const shared = await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: colleague.name, role: 'drafter' }, owner.token);
  if (shared.status !== 200) throw new Error(`sharing the report failed: ${shared.status} ${JSON.stringify(shared.body)}`);
  const a = await newPage(browser, log, labels[0]);
  const b = await newPage(browser, log, labels[1]);
  await signInThroughForm(a.page, server.url, owner.name, owner.password);
  await signInThroughForm(b.page, server.url, colleague.name, colleague.password);
  await openReport(a.page, server.url, report.id);
  await openReport(b.page, server.url, report.id);
  return { owner, colleague, report, a, b };
}
