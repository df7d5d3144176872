/**
 * Suggesting mode in the translation grid (issue 13), in a real browser: a reviewer of the
 * French version, locked in Suggesting, types an insertion and replaces a word in paragraph 1's
 * French segment; the stored French text does not change. The French translator sees both on
 * the row, accepts one and rejects the other; the segment text is exactly the accepted change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { newPage, ROOT, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

const SAMPLE_FR = join(ROOT, 'server/samples/ctoc-cop-2012-wg-report.fr.txt');
const row = (pid: string) => `.trow[data-pid="${pid}"]`;

async function openGrid(page: Page, base: string, id: string): Promise<string> {
  await page.goto(`${base}/reports/${id}/translate/fr`);
  await page.waitForSelector('.trow[data-pid]');
  await page.waitForSelector('.connection-badge[data-state="online"]');
  const first = page.locator('.trow[data-pid]').filter({ has: page.locator('.trow-num', { hasText: /^1\.$/ }) });
  const pid = (await first.getAttribute('data-pid'))!;
  await page.locator(`${row(pid)} .trow-target`).click();
  await page.waitForSelector(`${row(pid)} .segment-editor .ProseMirror[contenteditable="true"]`);
  return pid;
}

/** Selects `text` in the row's editor (collapsed at its end when `caret`). */
async function select(page: Page, pid: string, text: string, caret = false): Promise<void> {
  await page.evaluate(
    ([sel, wanted, collapse]) => {
      const editor = document.querySelector(sel as string) as HTMLElement;
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.review-suggest-new')) continue;
        const at = node.textContent!.indexOf(wanted as string);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, collapse ? at + (wanted as string).length : at);
        range.setEnd(node, at + (wanted as string).length);
        editor.focus({ preventScroll: true });
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in the row`);
    },
    [`${row(pid)} .segment-editor .ProseMirror`, text, caret] as const,
  );
  await page.waitForTimeout(60);
}

/** The row editor's text as stored: carets and proposal widgets are not text. */
const rowText = (page: Page, pid: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel)!.cloneNode(true) as HTMLElement;
    el.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak, .review-suggest-new').forEach((x) => x.remove());
    return el.textContent ?? '';
  }, `${row(pid)} .segment-editor .ProseMirror`);

async function storedFirstParagraph(base: string, id: string, token: string): Promise<string> {
  const res = await api<string>(base, 'GET', `/api/reports/${id}/export?format=txt&lang=fr`, undefined, token);
  return (String(res.body).split('\n').find((l) => l.startsWith('1. ')) ?? '').slice(3);
}

describe('suggesting in the translation grid', () => {
  const suite = browserSuite();

  it('a French reviewer suggests in a segment; the translator accepts one and rejects one', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Amina Diallo');
    const translator = await signUp(server.url, 'Théo Lefèvre');
    const reviewer = await signUp(server.url, 'Chiara Rossi');
    const report = await createReport(server.url, owner.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    const imported = await fetch(`${server.url}/api/reports/${report.id}/import?lang=fr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/plain; charset=utf-8' },
      body: readFileSync(SAMPLE_FR, 'utf8'),
    });
    expect(imported.status).toBe(200);
    await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: translator.name, role: 'translator', language: 'fr' }, owner.token);
    await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token);
    const before = await storedFirstParagraph(server.url, report.id, owner.token);
    expect(before).toMatch(/^Dans sa résolution 5\/3, intitulée/);

    const r = await newPage(browser, log, 'reviewer');
    await signInThroughForm(r.page, server.url, reviewer.name, reviewer.password);
    const pid = await openGrid(r.page, server.url, report.id);
    const mode = r.page.locator(`${row(pid)} select[aria-label="Editing mode"]`);
    expect(await mode.inputValue()).toBe('suggesting');
    expect(await mode.isDisabled()).toBe(true);

    await select(r.page, pid, 'Dans sa résolution 5/3', true);
    await r.page.keyboard.type(' (2010)');
    await r.page.locator('.row-review .review-card[data-change="insert"]').waitFor();
    await select(r.page, pid, 'intitulée');
    await r.page.keyboard.type('nommée');
    await r.page.locator('.row-review .review-card[data-change="replace"]').waitFor();
    expect(await r.page.locator(`${row(pid)} .ProseMirror .review-suggest-new`).allTextContents()).toEqual([' (2010)', 'nommée']);
    expect(await rowText(r.page, pid)).toBe(before);
    expect(await storedFirstParagraph(server.url, report.id, owner.token)).toBe(before);
    await screenshot(r.page, 'suggesting-grid-reviewer');

    const t = await newPage(browser, log, 'translator');
    await signInThroughForm(t.page, server.url, translator.name, translator.password);
    await openGrid(t.page, server.url, report.id);
    expect(await t.page.locator(`${row(pid)} select[aria-label="Editing mode"]`).isDisabled()).toBe(false);
    await t.page.waitForFunction(() => document.querySelectorAll('.row-review .review-card.kind-suggestion[data-status="open"]').length === 2);
    await t.page.locator('.row-review .review-card[data-change="insert"] button[aria-label="Accept suggestion"]').click();
    await t.page.locator('.row-review .review-card[data-change="replace"] button[aria-label="Reject suggestion"]').click();
    const expected = before.replace('Dans sa résolution 5/3', 'Dans sa résolution 5/3 (2010)');
    await t.page.waitForFunction(() => document.querySelectorAll('.row-review .review-card.kind-suggestion[data-status="open"]').length === 0);
    const deadline = Date.now() + 10_000;
    while ((await rowText(t.page, pid)) !== expected && Date.now() < deadline) await t.page.waitForTimeout(50);
    expect(await rowText(t.page, pid)).toBe(expected);
    const stored = Date.now() + 10_000;
    while ((await storedFirstParagraph(server.url, report.id, owner.token)) !== expected && Date.now() < stored) await t.page.waitForTimeout(100);
    expect(await storedFirstParagraph(server.url, report.id, owner.token)).toBe(expected);

    expect(log.errors).toEqual([]);
    await r.context.close();
    await t.context.close();
  }, 120_000);
});
