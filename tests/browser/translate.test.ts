/**
 * The translation grid in a real browser: a translator types paragraph 1's translation and
 * confirms it with Ctrl+Enter (the chip and the server's progress say "translated"); a drafter
 * in another browser context edits that source paragraph, and the translator's row turns
 * "source changed" with a word diff showing the drafter's words; confirming clears it. The
 * Arabic grid is right-to-left. No console errors.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { eventually } from '../helpers/yclient';
import { newPage, openReport, ROOT, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

/** The English sample kept in the project (the same report as the shared samples). */
const SAMPLE_EN = join(ROOT, 'server/samples/ctoc-cop-2012-wg-report.en.txt');

async function openGrid(page: Page, base: string, id: string, lang: string): Promise<void> {
  await page.goto(`${base}/reports/${id}/translate/${lang}`);
  await page.waitForSelector('.trow[data-pid]');
  await page.waitForSelector('.connection-badge[data-state="online"]');
}

const row = (pid: string) => `.trow[data-pid="${pid}"]`;

/** Clicks a row's translation cell and waits until its editor has the caret. */
async function focusRow(page: Page, pid: string): Promise<void> {
  await page.locator(`${row(pid)} .trow-target`).click();
  await page.waitForFunction((sel) => document.activeElement?.closest(sel) != null, `${row(pid)} .segment-editor .ProseMirror[contenteditable="true"]`);
}

describe('translation grid in the browser', () => {
  const suite = browserSuite();

  it('a confirmed row turns "source changed" with the drafter’s words when the source is edited', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Olivia Mensah');
    const translator = await signUp(server.url, 'Théo Lefèvre');
    const drafter = await signUp(server.url, 'Dana Kowalski');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr', 'ar'] });
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: translator.name, role: 'translator', language: 'fr' }, owner.token)).status).toBe(200);
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: drafter.name, role: 'drafter' }, owner.token)).status).toBe(200);
    // An agreed term, highlighted in the source and checked by QA.
    expect((await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'fr', source: 'Conference of the Parties', target: 'Conférence des Parties' }, translator.token)).status).toBe(201);

    const t = await newPage(browser, log, 'translator');
    await signInThroughForm(t.page, server.url, translator.name, translator.password);
    await openGrid(t.page, server.url, report.id, 'fr');

    // One row per source block, in order; paragraph 1 is the first numbered one.
    const first = t.page.locator('.trow[data-pid]').filter({ has: t.page.locator('.trow-num', { hasText: /^1\.$/ }) });
    const pid = (await first.getAttribute('data-pid'))!;
    expect(await t.page.locator(`${row(pid)} .trow-source`).textContent()).toMatch(/^In its resolution 5\/3/);
    await t.page.waitForSelector(`${row(pid)} .trow-source mark.term`);
    expect(await t.page.locator(`${row(pid)} .trow-source mark.term`).first().textContent()).toBe('Conference of the Parties');
    expect(await t.page.locator(`${row(pid)} .status-chip`).first().getAttribute('data-state')).toBe('untranslated');

    // Type the translation in the row's own editor (mounted on focus).
    await focusRow(t.page, pid);
    await t.page.keyboard.type('Dans sa résolution 5/3, la Conférence des Parties a décidé de créer un groupe de travail.');
    await t.page.waitForSelector(`${row(pid)} .status-chip[data-state="draft"]`);

    // Ctrl+Enter: translated, and the next row takes the focus.
    await t.page.keyboard.press('Control+Enter');
    await t.page.waitForSelector(`${row(pid)} .status-chip[data-state="translated"]`);
    await t.page.waitForSelector(`${row(pid)}:not(.active)`);
    expect(await t.page.locator(`${row(pid)} .segment-static`).textContent()).toBe('Dans sa résolution 5/3, la Conférence des Parties a décidé de créer un groupe de travail.');
    expect(await t.page.locator('.legend.translated').getAttribute('data-count')).toBe('1');
    const progress = await eventually(
      () => api(server.url, 'GET', `/api/reports/${report.id}`, undefined, translator.token),
      (res) => res.body?.progress?.fr?.translated === 1,
    );
    expect(progress.body.progress.fr).toMatchObject({ translated: 1, stale: 0 });

    // A drafter, in another browser, adds words at the start of that source paragraph.
    const d = await newPage(browser, log, 'drafter');
    await signInThroughForm(d.page, server.url, drafter.name, drafter.password);
    await openReport(d.page, server.url, report.id);
    await d.page.locator(`.ProseMirror [data-pid="${pid}"]`).click({ position: { x: 60, y: 6 } });
    await d.page.keyboard.press('Home');
    await d.page.keyboard.type('Recalling its earlier decisions, ');

    // The translator's row is flagged, and the diff shows exactly what the drafter inserted.
    await t.page.waitForSelector(`${row(pid)}[data-stale="true"]`, { timeout: 15_000 });
    await t.page.waitForFunction(
      (sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent).join('').includes('Recalling its earlier decisions'),
      `${row(pid)} .source-diff ins`,
    );
    expect(await t.page.locator(`${row(pid)} .status-chip.stale`).textContent()).toBe('Source changed');
    expect(await t.page.locator(`${row(pid)} .source-diff del`).count()).toBe(0);
    expect(await t.page.locator('.legend.stale').getAttribute('data-count')).toBe('1');
    await eventually(
      () => api(server.url, 'GET', `/api/reports/${report.id}`, undefined, translator.token),
      (res) => res.body?.progress?.fr?.stale === 1,
    );
    await t.page.locator(row(pid)).scrollIntoViewIfNeeded();
    const shot = await screenshot(t.page, 'translate-source-changed');
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/screenshots/translate.png'));

    // Confirming re-marks the row against the new source.
    await t.page.locator(`${row(pid)} .stale-note button`, { hasText: 'Confirm' }).click();
    await t.page.waitForSelector(`${row(pid)}[data-stale="false"]`);
    await eventually(
      () => api(server.url, 'GET', `/api/reports/${report.id}`, undefined, translator.token),
      (res) => res.body?.progress?.fr?.stale === 0 && res.body?.progress?.fr?.translated === 1,
    );

    // Arabic: the owner's grid is right-to-left, cells and the row editor alike.
    const o = await newPage(browser, log, 'owner');
    await signInThroughForm(o.page, server.url, owner.name, owner.password);
    await openGrid(o.page, server.url, report.id, 'ar');
    expect(await o.page.locator(`${row(pid)} .trow-target`).getAttribute('dir')).toBe('rtl');
    expect(await o.page.locator(`${row(pid)} .trow-target`).getAttribute('lang')).toBe('ar');
    await focusRow(o.page, pid);
    const editor = o.page.locator(`${row(pid)} .segment-editor .ProseMirror`);
    expect(await editor.getAttribute('dir')).toBe('rtl');
    await o.page.keyboard.type('في قرارها 5/3، قرر مؤتمر الأطراف إنشاء فريق عامل.');
    await o.page.waitForSelector(`${row(pid)} .status-chip[data-state="draft"]`);
    expect(await o.page.evaluate((sel) => getComputedStyle(document.querySelector(sel)!).textAlign, `${row(pid)} .segment-body`)).toBe('right');
    await screenshot(o.page, 'translate-arabic');

    expect(log.errors).toEqual([]);
  }, 120_000);
});
