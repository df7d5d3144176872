/**
 * `npm run bench -- --accept-all` (or `tsx bench/acceptAll.ts`): the time to accept all on a
 * report with 500 open suggestions (issue 13), in Chromium. A report of 500 numbered
 * paragraphs gets one suggestion per paragraph (a reviewer's y-websocket client writes them to
 * the review room: 250 replacements of a word, 125 insertions, 125 deletions). The owner opens
 * the report, waits until all 500 are drawn, and presses "Accept all". Two figures, per run:
 * - click → painted: from the click to the first frame where the count shows 0 (one
 *   ProseMirror transaction applying 500 changes, the review-room transaction marking them
 *   accepted, redraw);
 * - click → stored: until another client of the content room has the whole accepted text
 *   (the server stored it and relayed it).
 * Knobs: BENCH_SUGGESTIONS (500), BENCH_RUNS (3); BENCH_PROFILE=1 writes the page's CPU
 * profile of each accept into bench/results/ (read it with bench/profileSummary.ts).
 * Results: bench/results/accept-all.json.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import * as Y from 'yjs';
import { signUp, createReport, api } from '../tests/helpers/server';
import { connectClient, waitFor, waitSynced } from '../tests/helpers/yclient';
import { launchChromium, startAppServer } from '../tests/browser/harness';
import { reportText } from './scenarios/reportText';
import { anchorInText, createThread, pointInText } from '../shared/src/review/threads';

const COUNT = Number(process.env.BENCH_SUGGESTIONS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The body's numbered paragraphs' texts (XmlText), in order. */
function paragraphTexts(doc: Y.Doc): Y.XmlText[] {
  return doc.getXmlFragment('body').toArray().flatMap((el) => (el instanceof Y.XmlElement && el.nodeName === 'paragraph' && String(el.getAttribute('numbered' as never)) === 'true' ? [el.get(0) as Y.XmlText] : []));
}

const server = await startAppServer();
const browser = await launchChromium();
const painted: number[] = [];
const stored: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const owner = await signUp(server.url, `owner${run}x${Date.now()}`);
    const reviewer = await signUp(server.url, `reviewer${run}x${Date.now()}`);
    const report = await createReport(server.url, owner.token, { title: '', text: reportText('en', COUNT, 7, 60), languages: [] });
    await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token);
    const content = connectClient(server.wsUrl, `${report.id}.en`, reviewer.token);
    const review = connectClient(server.wsUrl, `${report.id}.review`, reviewer.token);
    await Promise.all([waitSynced(content), waitSynced(review)]);
    const texts = paragraphTexts(content.doc).slice(0, COUNT);
    review.doc.transact(() => {
      texts.forEach((text, i) => {
        const s = text.toString();
        const space = s.indexOf(' ', 10);
        const word = s.slice(space + 1, s.indexOf(' ', space + 1));
        const from = space + 1;
        const base = { room: 'en', pid: `p${i}`, author: reviewer.name, body: '', kind: 'suggestion' as const };
        if (i % 4 === 1) createThread(review.doc, { ...base, change: 'insert', anchor: pointInText(text, from), quote: '', proposed: 'duly ' });
        else if (i % 4 === 3) createThread(review.doc, { ...base, change: 'delete', anchor: anchorInText(text, from, from + word.length + 1), quote: `${word} `, proposed: '' });
        else createThread(review.doc, { ...base, change: 'replace', anchor: anchorInText(text, from, from + word.length), quote: word, proposed: word.toUpperCase() });
      });
    });
    await new Promise((r) => setTimeout(r, 500));

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const login = await context.request.post(`${server.url}/api/auth/login`, { data: { name: owner.name, password: owner.password } });
    const { user: me } = (await login.json()) as { user: unknown };
    await context.addInitScript((value: string) => localStorage.setItem('plenary.user', value), JSON.stringify(me));
    const page = await context.newPage();
    await page.goto(`${server.url}/reports/${report.id}`);
    await page.waitForFunction((n) => document.querySelector('.suggestion-count')?.textContent === String(n), COUNT, { timeout: 120_000 });
    await page.waitForFunction((n) => document.querySelectorAll('.ProseMirror .review-suggest-old, .ProseMirror .review-suggest-new').length >= n * 0.75, COUNT, { timeout: 60_000 });
    await page.locator('.suggestion-menu > button').click();
    const before = paragraphTexts(content.doc).map((t) => t.toString());
    const changed = () => paragraphTexts(content.doc).filter((t, i) => t.toString() !== before[i]).length;
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    // A string, not a function: tsx (esbuild keepNames) would wrap closures in a helper the page lacks.
    const stamp = (await page.evaluate(`new Promise((resolve) => {
      const button = [...document.querySelectorAll('.suggestion-menu-panel button')].find((b) => b.textContent === 'Accept all');
      const start = performance.now();
      button.click();
      const check = () => (document.querySelector('.suggestion-count')?.textContent === '0' ? resolve(performance.now() - start) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    })`)) as number;
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(new URL(`./results/accept-all-${run + 1}.cpuprofile`, import.meta.url), JSON.stringify(profile));
    }
    const t0 = Date.now() - stamp;
    await waitFor(() => changed() >= COUNT, 60_000, `all ${COUNT} paragraphs changed (${changed()} so far)`);
    stored.push(Math.round(Date.now() - t0));
    painted.push(stamp);
    console.log(`run ${run + 1}: ${COUNT} suggestions, click → painted ${stamp.toFixed(0)} ms, click → stored ${stored.at(-1)} ms`);
    await context.close();
    content.destroy();
    review.destroy();
  }
} finally {
  await browser.close();
  await server.close();
}
const result = { measuredAt: new Date().toISOString(), suggestions: COUNT, runs: RUNS, paintedMs: painted, storedMs: stored, medianPaintedMs: median(painted), medianStoredMs: median(stored) };
console.log(`accept all, ${COUNT} open suggestions: median click → painted ${result.medianPaintedMs.toFixed(0)} ms, click → stored ${result.medianStoredMs} ms (${RUNS} runs)`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/accept-all.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
