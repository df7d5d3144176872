/**
 * Review in the translation grid, in a real browser: the French translation is imported, a
 * reviewer (who only reads French) opens the grid, focuses paragraph 1, selects words of its
 * translation and comments. A French translator in another browser context sees the count on
 * that row and its range highlighted before the row has an editor, focuses it, sees the thread
 * in the side panel with its range highlighted in the row's editor, and resolves it; the
 * reviewer sees it resolved. No console errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { newPage, ROOT, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

const SAMPLE_FR = join(ROOT, 'server/samples/ctoc-cop-2012-wg-report.fr.txt');
const QUOTE = 'Dans sa résolution 5/3';

async function openGrid(page: Page, base: string, id: string, lang: string): Promise<void> {
  await page.goto(`${base}/reports/${id}/translate/${lang}`);
  await page.waitForSelector('.trow[data-pid]');
  await page.waitForSelector('.connection-badge[data-state="online"]');
}

const row = (pid: string) => `.trow[data-pid="${pid}"]`;

async function firstParagraphPid(page: Page): Promise<string> {
  const first = page.locator('.trow[data-pid]').filter({ has: page.locator('.trow-num', { hasText: /^1\.$/ }) });
  return (await first.getAttribute('data-pid'))!;
}

/** Focuses a row and waits until its editor (editable or not) is bound. */
async function openRow(page: Page, pid: string, editable: boolean): Promise<void> {
  await page.locator(`${row(pid)} .trow-target`).click();
  await page.waitForSelector(`${row(pid)} .segment-editor .ProseMirror[contenteditable="${editable}"]`);
}

/** Selects `text` in the focused row's editor, as a mouse selection would. */
async function selectInRow(page: Page, pid: string, text: string): Promise<void> {
  await page.evaluate(
    ([sel, wanted]) => {
      const editor = document.querySelector(sel!) as HTMLElement;
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted!);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted!.length);
        editor.focus();
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in the row`);
    },
    [`${row(pid)} .segment-editor .ProseMirror`, text] as const,
  );
  await page.waitForSelector('.review-bubble');
}

describe('review in the translation grid', () => {
  const suite = browserSuite();

  it('a reviewer comments on a French row; the translator sees it on that row and resolves it', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Amina Diallo');
    const translator = await signUp(server.url, 'Théo Lefèvre');
    const reviewer = await signUp(server.url, 'Chiara Rossi');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    const imported = await fetch(`${server.url}/api/reports/${report.id}/import?lang=fr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/plain; charset=utf-8' },
      body: readFileSync(SAMPLE_FR, 'utf8'),
    });
    expect(imported.status).toBe(200);
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: translator.name, role: 'translator', language: 'fr' }, owner.token)).status).toBe(200);
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token)).status).toBe(200);

    // ---- The reviewer opens the grid (Suggesting: her edits never reach the text) and comments. ----
    const r = await newPage(browser, log, 'reviewer');
    await signInThroughForm(r.page, server.url, reviewer.name, reviewer.password);
    await openGrid(r.page, server.url, report.id, 'fr');
    const pid = await firstParagraphPid(r.page);
    await openRow(r.page, pid, true);
    await selectInRow(r.page, pid, QUOTE);
    await r.page.click('.review-bubble button:has-text("Comment")');
    await r.page.waitForSelector('.row-review .review-card.is-new textarea:focus');
    await r.page.keyboard.type('« 5/3 » : vérifier la référence.');
    await r.page.click('.review-card.is-new button:has-text("Comment")');
    const card = r.page.locator('.row-review .review-card[data-thread]');
    await card.waitFor();
    const threadId = (await card.getAttribute('data-thread'))!;
    expect(await card.getAttribute('data-status')).toBe('open');
    await r.page.waitForSelector(`${row(pid)} .ProseMirror .review-mark.review-t-${threadId}`);
    expect(await r.page.locator(`${row(pid)} .ProseMirror .review-t-${threadId}`).first().textContent()).toBe(QUOTE);
    await r.page.waitForSelector(`${row(pid)} .trow-threads[data-count="1"]`);

    // ---- The translator sees it on that row, opens it and resolves it. ----
    const t = await newPage(browser, log, 'translator');
    await signInThroughForm(t.page, server.url, translator.name, translator.password);
    await openGrid(t.page, server.url, report.id, 'fr');
    await t.page.waitForSelector(`${row(pid)} .trow-threads[data-count="1"]`);
    expect(await t.page.locator('.trow-threads').count()).toBe(1);
    // Rows without an editor draw their threads as well, the text itself unchanged around them.
    const staticMark = t.page.locator(`${row(pid)} .segment-static .review-mark.review-t-${threadId}`);
    await staticMark.waitFor();
    expect(await staticMark.textContent()).toBe(QUOTE);
    expect(await t.page.locator(`${row(pid)} .segment-static`).textContent()).toMatch(/^Dans sa résolution 5\/3, intitulée/);
    await screenshot(t.page, 'review-grid-static');
    await openRow(t.page, pid, true);
    const tCard = t.page.locator(`.row-review .review-card[data-thread="${threadId}"]`);
    await tCard.waitFor();
    expect(await tCard.locator('.review-quote').textContent()).toBe(`“${QUOTE}”`);
    await t.page.waitForSelector(`${row(pid)} .ProseMirror .review-mark.review-t-${threadId}`);
    expect(await t.page.locator(`${row(pid)} .ProseMirror .review-t-${threadId}`).first().textContent()).toBe(QUOTE);
    await screenshot(t.page, 'review-grid-translator');
    await tCard.click();
    await tCard.locator('.review-row-actions button:has-text("Resolve")').click();
    await t.page.waitForSelector(`.row-review .review-card[data-thread="${threadId}"][data-status="resolved"]`);
    await t.page.waitForSelector(`${row(pid)} .trow-threads`, { state: 'detached' });

    // ---- The reviewer sees it resolved. ----
    await r.page.waitForSelector(`.row-review .review-card[data-thread="${threadId}"][data-status="resolved"]`);
    expect(await r.page.locator(`.row-review .review-card[data-thread="${threadId}"] .review-status`).textContent()).toBe('Resolved');
    await r.page.waitForSelector(`${row(pid)} .trow-threads`, { state: 'detached' });

    await r.context.close();
    await t.context.close();
    expect(log.errors).toEqual([]);
  }, 120_000);
});
