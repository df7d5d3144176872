/**
 * Suggesting mode in a real browser (issue 13). A reviewer, locked in Suggesting, types an
 * insertion, deletes a word, replaces a selection and backspaces a run of characters in
 * paragraph 2: nothing of it reaches the stored text (asserted on the server's export, and a
 * direct write to the content room with her token is refused). The drafter sees the
 * suggestions live in the author's colour, accepts one, rejects one, accepts all from the
 * review menu; the text matches exactly; one undo of "accept all" restores those suggestions.
 * Then bold, Enter, joining paragraphs and paste as suggestions, and the reviewer's inbox.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { api, createReport, signUp } from '../helpers/server';
import { connectClient, waitSynced } from '../helpers/yclient';
import { newPage, openReport, ROOT, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

const P2 =
  'The Conference also decided that the open-ended interim intergovernmental working group on the smuggling of migrants would hold consultations on, inter alia, experiences and practices relating to the implementation of the Migrants Protocol.';

/** Selects `text` in numbered paragraph `n` (collapsed at its end when `caret`). */
async function select(page: Page, n: number, text: string, caret = false): Promise<void> {
  await page.evaluate(
    ([index, wanted, collapse]) => {
      const p = document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[index as number];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.review-suggest-new')) continue;
        const at = node.textContent!.indexOf(wanted as string);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, collapse ? at + (wanted as string).length : at);
        range.setEnd(node, at + (wanted as string).length);
        (p.closest('.ProseMirror') as HTMLElement).focus();
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in paragraph ${index}`);
    },
    [n, text, caret] as const,
  );
  await page.waitForTimeout(60);
}

async function numberedText(page: Page, n: number): Promise<string> {
  return page.evaluate((index) => {
    // Absent (not yet arrived from the other browser) reads as '' so that a wait keeps waiting.
    const found = document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[index];
    if (!found) return '';
    const p = found.cloneNode(true) as HTMLElement;
    p.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak, .review-suggest-new').forEach((el) => el.remove());
    return p.textContent ?? '';
  }, n);
}

async function waitForNumberedText(page: Page, n: number, expected: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await numberedText(page, n);
    if (text === expected) return;
    if (Date.now() > deadline) throw new Error(`paragraph ${n + 1} is\n  ${text}\nnot\n  ${expected}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Paragraph 2 as the server stores it (the plain-text export). */
async function storedP2(base: string, id: string, token: string): Promise<string> {
  const res = await api<string>(base, 'GET', `/api/reports/${id}/export?format=txt`, undefined, token);
  const line = String(res.body).split('\n').find((l) => l.startsWith('2. '));
  return line ? line.slice(3) : '';
}

describe('suggesting mode in the browser', () => {
  const suite = browserSuite();

  it('a reviewer suggests by typing; a drafter accepts, rejects, accepts all and undoes', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Amina Diallo');
    const drafter = await signUp(server.url, 'Boris Petrov');
    const reviewer = await signUp(server.url, 'Chiara Rossi');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: drafter.name, role: 'drafter' }, owner.token)).status).toBe(200);
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token)).status).toBe(200);

    const r = await newPage(browser, log, 'reviewer');
    await signInThroughForm(r.page, server.url, reviewer.name, reviewer.password);
    await openReport(r.page, server.url, report.id);
    const rMode = r.page.locator('select[aria-label="Editing mode"]');
    expect(await rMode.inputValue()).toBe('suggesting');
    expect(await rMode.isDisabled()).toBe(true);

    const d = await newPage(browser, log, 'drafter');
    await signInThroughForm(d.page, server.url, drafter.name, drafter.password);
    await openReport(d.page, server.url, report.id);
    expect(await d.page.locator('select[aria-label="Editing mode"]').inputValue()).toBe('editing');

    // ---- The reviewer types: an insertion (one suggestion for the whole run). ----
    await select(r.page, 1, 'open-ended', true);
    await r.page.keyboard.type(' and informal');
    const insert = r.page.locator('.review-card[data-change="insert"]');
    await insert.waitFor();
    expect(await r.page.locator('.review-card[data-change="insert"]').count()).toBe(1);
    expect(await r.page.locator('.ProseMirror .review-suggest-new').textContent()).toBe(' and informal');
    // A Backspace takes back the last typed character of her own run.
    await r.page.keyboard.press('Backspace');
    await r.page.keyboard.type('l');
    // ---- Deletes a selected word. ----
    await select(r.page, 1, 'interim ');
    await r.page.keyboard.press('Backspace');
    await r.page.locator('.review-card[data-change="delete"]').waitFor();
    // ---- Replaces a selection by typing over it. ----
    await select(r.page, 1, 'would hold');
    await r.page.keyboard.type('should hold');
    await r.page.locator('.review-card[data-change="replace"]').waitFor();
    // ---- Backspaces five characters: one deletion, grouped. ----
    await select(r.page, 1, 'inter alia', true);
    for (let i = 0; i < 5; i++) await r.page.keyboard.press('Backspace');
    await r.page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror .review-suggest-old')].some((el) => el.textContent === ' alia'));
    expect(await r.page.locator('.review-card[data-change="delete"]').count()).toBe(2);
    await r.page.waitForFunction(() => document.querySelector('.suggestion-count')?.textContent === '4');
    // Her text is unchanged on the page and in storage.
    expect(await numberedText(r.page, 1)).toBe(P2);
    expect(await storedP2(server.url, report.id, owner.token)).toBe(P2);
    const showP2 = (page: Page) => page.evaluate(() => document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[1].scrollIntoView({ block: 'center' }));
    await showP2(r.page);
    const shot = await screenshot(r.page, 'suggesting-reviewer');
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/screenshots/suggesting.png'));

    // The server refuses her content writes even from a client that ignores the mode.
    const rogue = connectClient(server.wsUrl, `${report.id}.en`, reviewer.token);
    await waitSynced(rogue);
    const first = (rogue.doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    first.insert(0, 'FORGED ');
    await new Promise((res) => setTimeout(res, 500));
    rogue.destroy();
    const stored = await api<string>(server.url, 'GET', `/api/reports/${report.id}/export?format=txt`, undefined, owner.token);
    expect(String(stored.body)).not.toContain('FORGED');

    // ---- The drafter sees all four live, in the reviewer's colour. ----
    await d.page.waitForFunction(() => document.querySelectorAll('.review-card.kind-suggestion[data-status="open"]').length === 4);
    expect(await d.page.locator('.ProseMirror .review-suggest-new').allTextContents()).toEqual([' and informal', 'should hold']);
    expect(await d.page.locator('.ProseMirror .review-suggest-new').first().getAttribute('style')).toContain('--suggest-color');
    expect(await numberedText(d.page, 1)).toBe(P2);

    // Accept one (the insertion), reject one (the deletion of " alia").
    await d.page.locator('.review-card[data-change="insert"] button[aria-label="Accept suggestion"]').click();
    const afterInsert = P2.replace('open-ended', 'open-ended and informal');
    await waitForNumberedText(d.page, 1, afterInsert);
    await waitForNumberedText(r.page, 1, afterInsert);
    const alia = d.page.locator('.review-card[data-change="delete"]', { hasText: 'alia' });
    await alia.locator('button[aria-label="Reject suggestion"]').click();
    await d.page.waitForFunction(() => document.querySelectorAll('.review-card.kind-suggestion[data-status="open"]').length === 2);

    // Accept all from the review menu: the text is exactly the two remaining changes applied.
    await d.page.locator('.suggestion-menu > button').click();
    await d.page.locator('.suggestion-menu-panel button:has-text("Accept all")').click();
    const final = afterInsert.replace('interim ', '').replace('would hold', 'should hold');
    await waitForNumberedText(d.page, 1, final);
    await waitForNumberedText(r.page, 1, final);
    await d.page.waitForFunction(() => document.querySelector('.suggestion-count')?.textContent === '0');
    expect(await d.page.locator('.suggestion-notice').textContent()).toBe('Accepted 2.');
    await showP2(d.page);
    const acceptShot = await screenshot(d.page, 'suggesting-accept-all');
    copyFileSync(acceptShot, join(ROOT, 'docs/screenshots/accept-all.png'));
    expect(await storedP2(server.url, report.id, owner.token)).toBe(final);

    // One undo takes back the whole "accept all" and reopens both suggestions.
    await d.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click();
    await d.page.keyboard.press('Control+z');
    await waitForNumberedText(d.page, 1, afterInsert);
    await waitForNumberedText(r.page, 1, afterInsert);
    await d.page.waitForFunction(() => document.querySelector('.suggestion-count')?.textContent === '2');
    await r.page.waitForFunction(() => document.querySelectorAll('.review-card.kind-suggestion[data-status="open"]').length === 2);
    // ...each over exactly its old text again (the undo re-anchors them around the restored words).
    for (const page of [d.page, r.page]) {
      await page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror .review-suggest-old')].map((e) => e.textContent).sort().join('|') === 'interim |would hold');
      expect(await page.locator('.ProseMirror .review-suggest-new').allTextContents()).toEqual(['should hold']);
    }

    // ---- Bold and Enter in Suggesting mode: a format suggestion, a paragraph break. ----
    const p3 = await numberedText(r.page, 2);
    await select(r.page, 2, 'Working Group');
    await r.page.keyboard.press('Control+b');
    await r.page.locator('.review-card[data-change="format"]').waitFor();
    expect(await r.page.locator('.ProseMirror .review-suggest-format').textContent()).toBe('Working Group');
    await select(r.page, 2, 'June 2012.', true);
    await r.page.keyboard.press('Enter');
    await r.page.waitForFunction(() => [...document.querySelectorAll('.review-card[data-change="insert"]')].some((c) => c.textContent?.includes('¶')));
    expect(await numberedText(r.page, 2)).toBe(p3);
    expect(await r.page.locator('.ProseMirror p[data-numbered="true"]').count()).toBe(3);
    await d.page.waitForFunction(() => document.querySelector('.suggestion-count')?.textContent === '4');
    await d.page.locator('.review-card[data-change="format"] button[aria-label="Accept suggestion"]').click();
    await d.page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror p[data-numbered="true"]')][2]?.querySelector('strong')?.textContent === 'Working Group');
    await d.page.locator('.review-card[data-change="insert"] button[aria-label="Accept suggestion"]').click();
    // The break splits paragraph 3 where she pressed Enter: a fourth numbered paragraph.
    const split = p3.indexOf('June 2012.') + 'June 2012.'.length;
    await waitForNumberedText(d.page, 2, p3.slice(0, split));
    await waitForNumberedText(r.page, 3, p3.slice(split));
    // Backspace at the start of the new paragraph suggests joining it back; accepted, it is one again.
    const tail = p3.slice(split);
    await select(r.page, 3, tail.slice(0, 3));
    await r.page.keyboard.press('ArrowLeft');
    await r.page.keyboard.press('Backspace');
    const joinCard = r.page.locator('.review-card[data-change="delete"]', { hasText: 'Join this paragraph' });
    await joinCard.waitFor();
    expect(await r.page.locator('.ProseMirror .review-suggest-join').textContent()).toBe('¶');
    expect(await r.page.locator('.ProseMirror p[data-numbered="true"]').count()).toBe(4);
    await d.page.locator('.review-card[data-change="delete"]', { hasText: 'Join this paragraph' }).locator('button[aria-label="Accept suggestion"]').click();
    await waitForNumberedText(d.page, 2, p3);
    await waitForNumberedText(r.page, 2, p3);
    expect(await d.page.locator('.ProseMirror p[data-numbered="true"]').count()).toBe(3);
    // Pasting is an insertion of the pasted text (as plain text), the text untouched.
    await select(r.page, 0, 'resolution 5/3', true);
    await r.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await r.page.evaluate(() => navigator.clipboard.writeText(' (pasted words)'));
    await r.page.keyboard.press('Control+v');
    await r.page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror .review-suggest-new')].some((e) => e.textContent === ' (pasted words)'));
    expect(await numberedText(r.page, 0)).not.toContain('pasted');
    // (The two suggestions the undo reopened are still open, and now the pasted one.)
    await d.page.waitForFunction(() => document.querySelector('.suggestion-count')?.textContent === '3');
    await d.page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror .review-suggest-new')].some((e) => e.textContent === ' (pasted words)'));

    // ---- The drafter chooses Suggesting: remembered across a reload; the shortcut switches back. ----
    const dMode = d.page.locator('select[aria-label="Editing mode"]');
    await dMode.selectOption('suggesting');
    await d.page.reload();
    await d.page.waitForSelector('.connection-badge[data-state="online"]');
    expect(await d.page.locator('select[aria-label="Editing mode"]').inputValue()).toBe('suggesting');
    const dBefore = await numberedText(d.page, 2);
    await select(d.page, 2, 'Working Group', true);
    await d.page.keyboard.type(' (WG)');
    await d.page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror .review-suggest-new')].some((e) => e.textContent === ' (WG)'));
    expect(await numberedText(d.page, 2)).toBe(dBefore);
    await d.page.keyboard.press('Control+Alt+Shift+z');
    await d.page.waitForFunction(() => (document.querySelector('select[aria-label="Editing mode"]') as HTMLSelectElement).value === 'editing');
    await d.page.keyboard.type('!');
    await waitForNumberedText(d.page, 2, dBefore.replace('Working Group', 'Working Group!'));

    // ---- The reviewer's inbox: her suggestions accepted and rejected, by the drafter. ----
    // (The server adds items a moment after the update is stored; the panel asks when opened.)
    const deadline = Date.now() + 10_000;
    while ((await api<{ items: unknown[] }>(server.url, 'GET', '/api/inbox', undefined, reviewer.token)).body.items.length < 7 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    await r.page.locator('.inbox-button').click();
    await r.page.waitForFunction(() => document.querySelectorAll('.inbox-item').length >= 7);
    const kinds = await r.page.locator('.inbox-item .inbox-who').allTextContents();
    expect(kinds.filter((k) => k.startsWith('Boris Petrov accepted your suggestion')).length).toBe(6);
    expect(kinds.filter((k) => k.startsWith('Boris Petrov rejected your suggestion')).length).toBe(1);
    expect(await r.page.locator('.inbox-button .inbox-count').textContent()).toBe(String(kinds.length));
    const inboxShot = await screenshot(r.page, 'inbox');
    copyFileSync(inboxShot, join(ROOT, 'docs/screenshots/inbox.png'));
    // Clicking an item marks it read and opens the report at its thread.
    await r.page.locator('.inbox-item', { hasText: 'rejected' }).locator('button').click();
    await r.page.waitForURL(/\?thread=/);
    const threadId = new URL(r.page.url()).searchParams.get('thread')!;
    await r.page.waitForSelector(`.review-card[data-thread="${threadId}"].is-active`);
    await r.page.locator('.inbox-button').click();
    expect(await r.page.locator('.inbox-item.is-unread').count()).toBe(kinds.length - 1);

    expect(log.errors).toEqual([]);
    await r.context.close();
    await d.context.close();
  }, 150_000);
});
