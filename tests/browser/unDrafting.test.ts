/**
 * Live paragraph references in a real browser: a drafter types `¶` in paragraph 3, picks
 * paragraph 2 in the picker; the French translator does the same in paragraph 3's row; then a
 * paragraph is inserted above the target, and every reference (original and French segment)
 * reads 3 without anyone touching them. The word count shows in the header. No console errors.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { eventually } from '../helpers/yclient';
import { layoutSettled, newPage, openReport, ROOT, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

const row = (pid: string) => `.trow[data-pid="${pid}"]`;

async function numberedPid(page: Page, n: number): Promise<string> {
  return (await page.locator('.ProseMirror p[data-numbered="true"]').nth(n - 1).getAttribute('data-pid'))!;
}

/** Types `¶`, narrows the picker to `query` and takes the first match. */
async function pickParagraph(page: Page, query: string): Promise<void> {
  await page.keyboard.type('¶');
  await page.waitForSelector('.paragraph-picker input');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.paragraph-picker', { state: 'detached' });
}

/** Where the caret is: the pid of its paragraph, whether it is at that paragraph's start, the paragraph's text and the next paragraph's pid. */
function caret(page: Page): Promise<{ pid: string | null; atStart: boolean; text: string; nextPid: string | null }> {
  return page.evaluate(() => {
    const sel = window.getSelection();
    const node = sel?.focusNode ?? null;
    const el = node instanceof Element ? node : node?.parentElement;
    const p = el?.closest('.ProseMirror p[data-pid]') ?? null;
    if (!p || !sel) return { pid: null, atStart: false, text: '', nextPid: null };
    const before = document.createRange();
    before.setStart(p, 0);
    before.setEnd(sel.focusNode!, sel.focusOffset);
    return { pid: p.getAttribute('data-pid'), atStart: before.toString() === '', text: p.textContent ?? '', nextPid: p.nextElementSibling?.getAttribute('data-pid') ?? null };
  });
}

function refNumbers(page: Page, scope: string): Promise<string[]> {
  return page.locator(`${scope} .para-ref`).evaluateAll((els) => els.map((el) => el.getAttribute('data-number') ?? ''));
}

describe('paragraph references in the browser', () => {
  const suite = browserSuite();

  it('a reference in the original and in the French segment follows an insertion above its target', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Amina Drafter');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });

    const d = await newPage(browser, log, 'drafter');
    await signInThroughForm(d.page, server.url, owner.name, owner.password);
    await openReport(d.page, server.url, report.id);
    await d.page.waitForSelector('.word-count');
    expect(await d.page.locator('.word-count').first().textContent()).toMatch(/^\d[\d,]* \/ 8,500 words$/);
    const p2 = await numberedPid(d.page, 2);
    const p3 = await numberedPid(d.page, 3);

    // End of paragraph 3: " (see paragraph ¶2 above)".
    await d.page.locator(`.ProseMirror [data-pid="${p3}"]`).click();
    await d.page.evaluate((pid) => {
      const p = document.querySelector(`.ProseMirror [data-pid="${pid}"]`)!;
      const range = document.createRange();
      range.selectNodeContents(p);
      range.collapse(false);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, p3);
    await d.page.keyboard.type(' (see paragraph ');
    await pickParagraph(d.page, '2');
    await d.page.keyboard.type(' above)');
    await d.page.waitForFunction((pid) => document.querySelector(`.ProseMirror [data-pid="${pid}"] .para-ref`)?.getAttribute('data-number') === '2', p3);
    expect(await d.page.locator(`.ProseMirror [data-pid="${p3}"] .para-ref`).getAttribute('data-target')).toBe(p2);

    // The French translator: same reference in paragraph 3's row.
    const t = await newPage(browser, log, 'translator');
    await signInThroughForm(t.page, server.url, owner.name, owner.password);
    await t.page.goto(`${server.url}/reports/${report.id}/translate/fr`);
    await t.page.waitForSelector(`${row(p3)}`);
    await t.page.waitForSelector('.connection-badge[data-state="online"]');
    await t.page.locator(`${row(p3)} .trow-target`).click();
    await t.page.waitForFunction((sel) => document.activeElement?.closest(sel) != null, `${row(p3)} .segment-editor .ProseMirror[contenteditable="true"]`);
    await t.page.keyboard.type('Voir le paragraphe ');
    await pickParagraph(t.page, '2');
    await t.page.keyboard.type(' ci-dessus.');
    await t.page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-number') === '2', `${row(p3)} .trow-target .para-ref`);

    // A new first paragraph: Enter at the very start of paragraph 1 opens a numbered one above it.
    const p1 = await numberedPid(d.page, 1);
    await d.page.locator(`.ProseMirror [data-pid="${p1}"]`).click({ position: { x: 60, y: 6 } });
    await d.page.keyboard.press('Home');
    await d.page.keyboard.press('Enter');
    await d.page.keyboard.press('ArrowUp');
    await d.page.keyboard.type('The Conference adopted its agenda.');
    await d.page.waitForFunction((pid) => document.querySelector(`.ProseMirror [data-pid="${pid}"] .para-ref`)?.getAttribute('data-number') === '3', p3);
    expect(await refNumbers(d.page, `.ProseMirror [data-pid="${p3}"]`)).toEqual(['3']);

    // The French row follows, in its live editor and once it is a static row again.
    await t.page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-number') === '3', `${row(p3)} .trow-target .para-ref`, { timeout: 15_000 });
    expect(await refNumbers(t.page, `${row(p3)} .trow-target`)).toEqual(['3']);
    await t.page.keyboard.press('Escape');
    await t.page.locator(`${row(p3)}`).scrollIntoViewIfNeeded();
    expect(await refNumbers(t.page, `${row(p3)} .trow-target`)).toEqual(['3']);
    const gridShot = await screenshot(t.page, 'un-drafting-grid-reference');

    await d.page.locator(`.ProseMirror [data-pid="${p3}"]`).scrollIntoViewIfNeeded();
    const editorShot = await screenshot(d.page, 'un-drafting-reference');
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(editorShot, join(ROOT, 'docs/screenshots/un-drafting-reference.png'));
    copyFileSync(gridShot, join(ROOT, 'docs/screenshots/un-drafting-grid-reference.png'));
    expect(log.errors).toEqual([]);
  }, 120_000);

  it('subparagraphs, brackets and frozen numbering show in the editor', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Nour Chair');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/2012/1', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    const { page } = await newPage(browser, log, 'chair');
    await signInThroughForm(page, server.url, owner.name, owner.password);
    await openReport(page, server.url, report.id);
    const p1 = await numberedPid(page, 1);

    // Freeze, then add a paragraph after paragraph 1: it is "1 bis", paragraph 2 stays 2.
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/settings`, { frozen: true }, owner.token)).status).toBe(200);
    await page.waitForSelector('.freeze-toggle.on');
    const p2 = await numberedPid(page, 2);
    await layoutSettled(page, `.ProseMirror [data-pid="${p2}"]`);
    await page.locator(`.ProseMirror [data-pid="${p2}"]`).click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    // Each step checked where it happens, so a failure says which key went wrong (CI once saw
    // the text land inside paragraph 1).
    expect(await caret(page)).toMatchObject({ pid: p2, atStart: true });
    await page.keyboard.press('Enter');
    expect(await caret(page)).toMatchObject({ pid: p2, atStart: true });
    await page.keyboard.press('ArrowUp');
    expect(await caret(page)).toMatchObject({ text: '', nextPid: p2 });
    await page.keyboard.type('The Conference [strongly] urged States:');
    await page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror p[data-label]')].some((p) => p.getAttribute('data-label') === '1 bis'));
    expect(await page.locator(`.ProseMirror [data-pid="${p2}"]`).getAttribute('data-label')).toBe('2');
    await page.waitForSelector('.ProseMirror .not-agreed');
    expect(await page.locator('.ProseMirror .not-agreed').first().textContent()).toBe('[strongly]');
    await page.waitForSelector('.bracket-count[data-count="1"]');

    // Two subparagraphs under it: Enter, Tab.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('To ratify the Protocol;');
    await page.keyboard.press('Enter');
    await page.keyboard.type('To implement it.');
    await page.waitForFunction(() => document.querySelectorAll('.ProseMirror p[data-sub="1"]').length === 2);
    expect(await page.locator('.ProseMirror p[data-sub="1"][data-numbered="true"]').count()).toBe(0);
    // The export reads the server's room: wait until the last keystrokes have reached it.
    const txt = await eventually(
      () => api(server.url, 'GET', `/api/reports/${report.id}/export?format=txt`, undefined, owner.token),
      (res) => typeof res.body === 'string' && res.body.includes('To implement it.'),
    );
    expect(txt.body).toMatch(/^1 bis\. The Conference \[strongly\] urged States:$/m);
    expect(txt.body).toMatch(/^\(a\) To ratify the Protocol;$/m);
    expect(txt.body).toMatch(/^\(b\) To implement it\.$/m);
    expect(txt.body).toMatch(/^2\. The Conference also decided/m);

    await page.locator(`.ProseMirror [data-pid="${p1}"]`).scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'un-drafting-negotiation');
    copyFileSync(shot, join(ROOT, 'docs/screenshots/un-drafting-negotiation.png'));
    expect(log.errors).toEqual([]);
  }, 120_000);
});
