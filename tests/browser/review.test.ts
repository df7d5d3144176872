/**
 * Review and history in a real browser. A reviewer (read-only text) signs in through the form,
 * selects words of paragraph 1 and comments, with an @mention; she also suggests a replacement
 * in paragraph 2. A drafter in another browser context sees the thread beside its text and the
 * suggestion inline (struck old text, proposed new text), replies and resolves; the reviewer sees
 * the reply and the resolved state. The drafter accepts the suggestion: the text changes for
 * both, exactly, as one undo step, whose undo reopens the suggestion. Then history: save a named version, edit, see the diff with
 * the inserted word and its author, restore. No console errors.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { newPage, openReport, ROOT, SAMPLE_EN, screenshot, signInThroughForm, waitForText } from './harness';
import { browserSuite } from './suite';

const P2 =
  'The Conference also decided that the open-ended interim intergovernmental working group on the smuggling of migrants would hold consultations on, inter alia, experiences and practices relating to the implementation of the Migrants Protocol.';
const P2_ACCEPTED = P2.replace('would hold consultations', 'should hold consultations');

/** Selects `text` inside the n-th numbered paragraph, as a mouse selection would. */
async function selectInParagraph(page: Page, n: number, text: string): Promise<void> {
  await page.evaluate(
    ([index, wanted]) => {
      const p = document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[index as number];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted as string);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + (wanted as string).length);
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        // An editable editor takes the keys only when focused (a read-only one ignores this).
        (p.closest('.ProseMirror') as HTMLElement).focus({ preventScroll: true });
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in paragraph ${index}`);
    },
    [n, text] as const,
  );
  await page.waitForSelector('.review-bubble');
}

/** The text of numbered paragraph `n` as stored: carets and proposal widgets are not text. */
async function numberedText(page: Page, n: number): Promise<string> {
  return page.evaluate((index) => {
    const p = document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[index]!.cloneNode(true) as HTMLElement;
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

describe('review and history in the browser', () => {
  const suite = browserSuite();

  it('a reviewer comments and suggests; a drafter replies, resolves and accepts; versions diff and restore', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Amina Diallo');
    const drafter = await signUp(server.url, 'Boris Petrov');
    const reviewer = await signUp(server.url, 'Chiara Rossi');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: drafter.name, role: 'drafter' }, owner.token)).status).toBe(200);
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token)).status).toBe(200);

    // ---- The reviewer comments on a range of paragraph 1, mentioning the drafter. ----
    const r = await newPage(browser, log, 'reviewer');
    await signInThroughForm(r.page, server.url, reviewer.name, reviewer.password);
    await openReport(r.page, server.url, report.id);
    expect(await r.page.locator('select[aria-label="Editing mode"]').inputValue()).toBe('suggesting');
    await r.page.waitForSelector('.review-margin .review-filter', { state: 'attached' });

    await selectInParagraph(r.page, 0, 'welcomed the outcome');
    await r.page.click('.review-bubble button:has-text("Comment")');
    await r.page.waitForSelector('.review-card.is-new textarea:focus');
    await r.page.keyboard.type('Should this read “took note of”? @Bor');
    await r.page.waitForSelector('.mention-list [role="option"]:has-text("Boris Petrov")');
    await r.page.keyboard.press('Enter');
    expect(await r.page.inputValue('.review-card.is-new textarea')).toBe('Should this read “took note of”? @Boris_Petrov ');
    await r.page.click('.review-card.is-new button:has-text("Comment")');
    const comment = r.page.locator('.review-card[data-thread]', { hasText: 'Should this read' });
    await comment.waitFor();
    const commentId = (await comment.getAttribute('data-thread'))!;
    expect(await r.page.locator(`.ProseMirror .review-mark.review-t-${commentId}`).first().textContent()).toBe('welcomed the outcome');
    expect(await comment.locator('.mention').textContent()).toBe('@Boris_Petrov');

    // ---- …and suggests a replacement in paragraph 2. ----
    await selectInParagraph(r.page, 1, 'would hold consultations');
    await r.page.click('.review-bubble button:has-text("Suggest")');
    const proposal = r.page.locator('.review-card.is-new textarea[aria-label="Replacement text"]');
    await proposal.waitFor();
    expect(await proposal.inputValue()).toBe('would hold consultations');
    await proposal.fill('should hold consultations');
    await r.page.click('.review-card.is-new button:has-text("Suggest")');
    const suggestionCard = r.page.locator('.review-card.kind-suggestion[data-thread]');
    await suggestionCard.waitFor();
    const suggestionId = (await suggestionCard.getAttribute('data-thread'))!;
    // Inline for the reviewer too: struck old text, then the proposal; but no Accept for her.
    expect(await r.page.locator('.ProseMirror .review-suggest-old').textContent()).toBe('would hold consultations');
    expect(await r.page.locator('.ProseMirror .review-suggest-new').textContent()).toBe('should hold consultations');
    await suggestionCard.click();
    await r.page.waitForSelector(`.review-card[data-thread="${suggestionId}"].is-active`);
    expect(await suggestionCard.locator('button:has-text("Accept"), button[aria-label="Accept suggestion"]').count()).toBe(0);
    await screenshot(r.page, 'review-reviewer');

    // ---- The drafter, in another browser context, sees both beside their text. ----
    const d = await newPage(browser, log, 'drafter');
    await signInThroughForm(d.page, server.url, drafter.name, drafter.password);
    await openReport(d.page, server.url, report.id);
    const dComment = d.page.locator(`.review-card[data-thread="${commentId}"]`);
    await dComment.waitFor();
    const mark = d.page.locator(`.ProseMirror .review-mark.review-t-${commentId}`).first();
    expect(await mark.textContent()).toBe('welcomed the outcome');
    // Beside its text: right of the page, level with the highlighted words (once placed).
    await d.page.waitForFunction((id) => {
      const markRect = document.querySelector(`.ProseMirror .review-t-${id}`)!.getBoundingClientRect();
      const cardRect = document.querySelector(`.review-card[data-thread="${id}"]`)!.getBoundingClientRect();
      const pageRect = document.querySelector('.page')!.getBoundingClientRect();
      return cardRect.left > pageRect.right && Math.abs(cardRect.top - markRect.top) < 30;
    }, commentId);
    expect(await d.page.locator('.ProseMirror .review-suggest-old').textContent()).toBe('would hold consultations');
    expect(await d.page.locator('.ProseMirror .review-suggest-new').textContent()).toBe('should hold consultations');
    // A count per paragraph, and the mention makes it "mine" for the drafter.
    expect(await d.page.locator('.review-count').count()).toBe(2);
    expect(await d.page.locator('.review-filter [data-filter="mine"] .review-filter-count').textContent()).toBe('1');

    // Hovering the text points at its card.
    await mark.hover();
    await d.page.waitForSelector(`.review-card[data-thread="${commentId}"].is-hover`);

    // Reply (clicking the highlighted text opens the thread).
    await mark.click();
    await d.page.waitForSelector(`.review-card[data-thread="${commentId}"].is-active`);
    await dComment.locator('textarea[aria-label="Reply"]').fill('Yes: the Conference welcomed it in resolution 5/3.');
    await dComment.locator('button:has-text("Reply")').first().click();
    await waitForText(d.page, `.review-card[data-thread="${commentId}"] .review-body`, 'the Conference welcomed it');
    await d.page.evaluate(() => window.scrollTo(0, document.querySelector('.ProseMirror p[data-numbered="true"]')!.getBoundingClientRect().top + window.scrollY - 210));
    await d.page.locator(`.review-card[data-thread="${commentId}"]`).hover();
    const shot = await screenshot(d.page, 'review-drafter');
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/screenshots/review.png'));

    await dComment.locator('.review-row-actions button:has-text("Resolve")').click();
    await d.page.waitForSelector(`.review-card[data-thread="${commentId}"]`, { state: 'detached' });

    // ---- The reviewer sees the reply and the resolved state. ----
    await r.page.waitForSelector(`.review-card[data-thread="${commentId}"]`, { state: 'detached' });
    expect(await r.page.locator(`.ProseMirror .review-t-${commentId}`).count()).toBe(0);
    await r.page.click('.review-filter [data-filter="resolved"]');
    const resolved = r.page.locator(`.review-card[data-thread="${commentId}"]`);
    await resolved.waitFor();
    expect(await resolved.getAttribute('data-status')).toBe('resolved');
    expect(await resolved.locator('.review-status').textContent()).toBe('Resolved');
    await resolved.click();
    await waitForText(r.page, `.review-card[data-thread="${commentId}"] .review-body`, 'Yes: the Conference welcomed it in resolution 5/3.');
    expect(await resolved.locator('.review-message-head strong').allTextContents()).toEqual(['Boris Petrov']);
    // She edits her own message (and only hers: the reply has no Edit).
    const own = resolved.locator('.review-message').first();
    await own.locator('button:has-text("Edit")').click();
    await own.locator('textarea').fill('Should this read “noted”? @Boris_Petrov');
    await own.locator('button:has-text("Save")').click();
    await waitForText(r.page, `.review-card[data-thread="${commentId}"] .review-message:first-child .review-body`, 'Should this read “noted”? @Boris_Petrov (edited)');
    expect(await resolved.locator('.review-message').nth(1).locator('button:has-text("Edit")').count()).toBe(0);
    await screenshot(r.page, 'review-reviewer-resolved');
    await r.page.click('.review-filter [data-filter="open"]');

    // ---- The drafter accepts the suggestion: the text changes for both, exactly. ----
    const dSuggestion = d.page.locator(`.review-card[data-thread="${suggestionId}"]`);
    await d.page.locator('.ProseMirror .review-suggest-new').click();
    await d.page.waitForSelector(`.review-card[data-thread="${suggestionId}"].is-active`);
    await dSuggestion.locator('button:has-text("Accept")').click();
    await waitForNumberedText(d.page, 1, P2_ACCEPTED);
    await waitForNumberedText(r.page, 1, P2_ACCEPTED);
    expect(await d.page.locator('.ProseMirror .review-suggest-old, .ProseMirror .review-suggest-new').count()).toBe(0);
    await r.page.waitForSelector(`.review-card[data-thread="${suggestionId}"]`, { state: 'detached' });
    await r.page.click('.review-filter [data-filter="resolved"]');
    expect(await r.page.locator(`.review-card[data-thread="${suggestionId}"]`).getAttribute('data-status')).toBe('accepted');

    // One change: one undo puts the old words back whole and reopens the suggestion (inline
    // again for both); one redo applies it again and accepts it.
    await d.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click();
    await d.page.keyboard.press('Control+z');
    await waitForNumberedText(d.page, 1, P2);
    await waitForNumberedText(r.page, 1, P2);
    await d.page.waitForSelector(`.review-card[data-thread="${suggestionId}"][data-status="open"]`);
    await d.page.waitForSelector(`.ProseMirror .review-suggest-new[data-thread="${suggestionId}"]`);
    await r.page.click('.review-filter [data-filter="open"]');
    await r.page.waitForSelector(`.review-card[data-thread="${suggestionId}"][data-status="open"]`);
    await d.page.keyboard.press('Control+Shift+z');
    await waitForNumberedText(d.page, 1, P2_ACCEPTED);
    await waitForNumberedText(r.page, 1, P2_ACCEPTED);
    await r.page.waitForSelector(`.review-card[data-thread="${suggestionId}"]`, { state: 'detached' });
    expect(await d.page.locator('.ProseMirror .review-suggest-new').count()).toBe(0);

    // A suggestion the drafter rejects leaves the text alone.
    const p3Before = await numberedText(r.page, 2);
    await selectInParagraph(r.page, 2, 'first meeting');
    await r.page.click('.review-bubble button:has-text("Suggest")');
    await r.page.locator('.review-card.is-new textarea[aria-label="Replacement text"]').fill('inaugural meeting');
    await r.page.click('.review-card.is-new button:has-text("Suggest")');
    // The reviewer's side first, so a failure says which side did not get the suggestion.
    await r.page.waitForSelector('.review-card.is-new', { state: 'detached' });
    await r.page.waitForSelector('.ProseMirror .review-suggest-new');
    const rejected = d.page.locator('.review-card.kind-suggestion[data-status="open"]');
    await rejected.waitFor().catch(async (error: unknown) => {
      await screenshot(d.page, 'review-reject-drafter-failed');
      await screenshot(r.page, 'review-reject-reviewer-failed');
      throw error;
    });
    await rejected.locator('button[aria-label="Reject suggestion"]').click();
    await r.page.waitForSelector('.ProseMirror .review-suggest-new', { state: 'detached' });
    await r.page.click('.review-filter [data-filter="resolved"]');
    await r.page.waitForSelector('.review-card[data-status="rejected"]');
    expect(await numberedText(r.page, 2)).toBe(p3Before);
    expect(await numberedText(d.page, 2)).toBe(p3Before);

    // A thread whose words are deleted stays, detached, with its quote.
    await r.page.click('.review-filter [data-filter="open"]');
    await selectInParagraph(r.page, 1, 'experiences and practices ');
    await r.page.click('.review-bubble button:has-text("Comment")');
    await r.page.keyboard.type('Which ones?');
    await r.page.click('.review-card.is-new button:has-text("Comment")');
    const doomed = d.page.locator('.review-card[data-thread]', { hasText: 'Which ones?' });
    await doomed.waitFor();
    await selectInParagraph(d.page, 1, 'experiences and practices ');
    await d.page.keyboard.press('Backspace');
    await waitForNumberedText(r.page, 1, P2_ACCEPTED.replace('experiences and practices ', ''));
    for (const page of [d.page, r.page]) {
      const card = page.locator('.review-card.is-detached', { hasText: 'Which ones?' });
      await card.waitFor();
      expect(await card.locator('.review-quote').textContent()).toBe('Detached “experiences and practices ”');
    }
    await screenshot(d.page, 'review-detached');

    // ---- History: a named version, an edit, the diff with the inserted word, restore. ----
    await d.page.click('button:has-text("History")');
    await d.page.click('.history-panel button:has-text("Save version")');
    await d.page.fill('.history-name input', 'Sent to translation');
    await d.page.click('.history-name button[type="submit"]');
    const version = d.page.locator('.history-version', { hasText: 'Sent to translation' });
    await version.waitFor();
    expect(await version.locator('.history-badge').textContent()).toBe('Named');
    expect(await version.locator('.history-version-meta').textContent()).toContain('Boris Petrov');

    const p3 = await numberedText(d.page, 2);
    await d.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click({ position: { x: 60, y: 6 } });
    await d.page.keyboard.press('Home');
    await d.page.keyboard.type('Notably, ');
    await waitForNumberedText(r.page, 2, `Notably, ${p3}`);

    await version.click();
    const change = d.page.locator('.diff-change');
    await change.first().waitFor();
    expect(await change.count()).toBe(1);
    expect(await change.getAttribute('data-kind')).toBe('changed');
    expect(await change.locator('.diff-block').textContent()).toBe('¶ 3');
    expect((await change.locator('ins').allTextContents()).join('')).toContain('Notably,');
    expect(await change.locator('del').count()).toBe(0);
    expect(await change.locator('.diff-authors').textContent()).toBe('by Boris Petrov');
    await screenshot(d.page, 'history-diff');

    // The reviewer reads history but may not restore.
    await r.page.click('button:has-text("History")');
    await r.page.locator('.history-version', { hasText: 'Sent to translation' }).click();
    await r.page.locator('.diff-change').first().waitFor();
    expect(await r.page.locator('.history-restore').count()).toBe(0);

    await d.page.click('.history-restore');
    await d.page.click('.modal button:has-text("Restore")');
    await waitForNumberedText(d.page, 2, p3);
    await waitForNumberedText(r.page, 2, p3);
    await waitForText(d.page, '.history-notice', 'restored to “Sent to translation”');
    await d.page.waitForSelector('.history-empty:has-text("No differences")');

    expect(log.errors).toEqual([]);
    await r.context.close();
    await d.context.close();
  }, 120_000);
});
