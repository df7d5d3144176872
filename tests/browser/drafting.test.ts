/**
 * Drafting keys and footnotes with real keyboard events: Home/End go to the paragraph's start
 * and end (with Shift they select), Enter at the end of a heading starts a numbered paragraph,
 * a click on a footnote marker puts the caret beside it, Esc in a note returns to just after
 * its marker, and a marker and its note are deleted together and restored together by undo
 * (announced, never silent), and moved together by cut and paste; a note left without a marker
 * by someone else is flagged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { createReport, signUp } from '../helpers/server';
import { connectClient, waitFor } from '../helpers/yclient';
import { layoutSettled, newPage, openReport, renderedMarkers, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';
import { BODY_FRAGMENT } from '../../shared/src/model/yBody';
import { roomName } from '../../shared/src/rooms';

async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
}

/** Text of the editor's DOM selection: [text before the caret in its block, selected text]. */
async function caret(page: Page): Promise<{ before: string; selected: string }> {
  return page.evaluate(() => {
    const sel = getSelection()!;
    const range = sel.getRangeAt(0);
    const block = (range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement)!.closest('[data-pid]')!;
    const head = document.createRange();
    head.setStart(block, 0);
    head.setEnd(range.startContainer, range.startOffset);
    return { before: head.toString(), selected: sel.toString() };
  });
}

/** Which side of the (first) footnote marker the caret is on. */
function caretBesideMarker(page: Page): Promise<'before' | 'after'> {
  return page.evaluate(() => {
    const marker = document.createRange();
    marker.selectNode(document.querySelector('.ProseMirror sup.footnote-ref')!);
    return getSelection()!.getRangeAt(0).compareBoundaryPoints(Range.START_TO_START, marker) < 0 ? 'before' : 'after';
  });
}

describe('drafting keys and footnotes', () => {
  const suite = browserSuite();

  it('Home and End go to the paragraph start and end, Shift selects; Enter after a heading is numbered', async () => {
    const { server, browser, log } = suite;
    const user = await signUp(server.url, 'Hana Drafter');
    const report = await createReport(server.url, user.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8') });
    const { context, page } = await newPage(browser, log, 'drafter');
    await signInThroughForm(page, server.url, user.name, user.password);
    await openReport(page, server.url, report.id);
    const numbered = page.locator('.ProseMirror p[data-numbered="true"]');
    const first = numbered.nth(0);
    const text = (await first.textContent())!;
    const box = (await first.boundingBox())!;
    expect(box.height).toBeGreaterThan(60); // several lines: Home must not stop at a line start

    // The caret on the third line: Home goes to the paragraph's start, End to its end.
    await first.click({ position: { x: 300, y: 62 } });
    expect((await caret(page)).before.length).toBeGreaterThan(100);
    await page.keyboard.press('Home');
    expect((await caret(page)).before).toBe('');
    await page.keyboard.type('Home:');
    expect(await first.textContent()).toBe('Home:' + text);
    await first.click({ position: { x: 300, y: 30 } });
    await page.keyboard.press('End');
    expect((await caret(page)).before).toBe('Home:' + text);
    await page.keyboard.type(':End');
    expect(await first.textContent()).toBe('Home:' + text + ':End');

    // Shift+Home selects back to the start, Shift+End on to the end.
    await first.click({ position: { x: 300, y: 62 } });
    const at = (await caret(page)).before.length;
    await page.keyboard.press('Shift+Home');
    expect((await caret(page)).selected).toBe(('Home:' + text + ':End').slice(0, at));
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    expect((await caret(page)).selected).toBe('Home:' + text + ':End');

    // Enter at the end of the heading: the new body paragraph is numbered, and counts.
    // The sample's heading is level 2, drawn as <h3 data-level="2"> (the page's h1 is the title).
    const heading = page.locator('.ProseMirror [data-level="2"]').first();
    expect(await heading.evaluate((h) => h.tagName)).toBe('H3');
    const headingText = (await heading.textContent())!;
    await heading.click({ position: { x: 120, y: 8 } });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A paragraph typed after the heading.');
    await settle(page);
    const typed = page.locator('.ProseMirror p', { hasText: 'A paragraph typed after the heading.' });
    expect(await typed.getAttribute('data-numbered')).toBe('true');
    expect(await heading.textContent()).toBe(headingText);
    await page.keyboard.press('Enter');
    await page.keyboard.type('And a second one.');
    await settle(page);
    expect(await page.locator('.ProseMirror p', { hasText: 'And a second one.' }).getAttribute('data-numbered')).toBe('true');
    const rendered = await renderedMarkers(await context.newCDPSession(page));
    const pids = await numbered.evaluateAll((els) => els.map((e) => e.getAttribute('data-pid')!));
    expect(pids.map((pid) => rendered.get(pid))).toEqual(pids.map((_, i) => `${i + 1}.`));
    expect(await numbered.nth(0).textContent()).toBe('A paragraph typed after the heading.');
    // A heading is never numbered.
    expect(await page.locator('.ProseMirror [data-level][data-numbered="true"]').count()).toBe(0);

    // Made a level-1 heading, it is drawn as an h2: the report's title stays the page's one h1.
    await heading.click({ position: { x: 120, y: 8 } });
    await page.getByLabel('Block type').selectOption('h1');
    const top = page.locator('.ProseMirror [data-level="1"]', { hasText: headingText });
    expect(await top.evaluate((h) => h.tagName)).toBe('H2');
    expect(await page.evaluate(() => [...document.querySelectorAll('h1')].map((h) => h.className))).toEqual(['doc-title']);
    expect(log.errors).toEqual([]);
  }, 90_000);

  it('footnote marker and note: click beside, Esc back, deleted and restored together, orphans flagged', async () => {
    const { server, browser, log } = suite;
    const user = await signUp(server.url, 'Femi Footnotes');
    const report = await createReport(server.url, user.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8') });
    const { context, page } = await newPage(browser, log, 'footnotes');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signInThroughForm(page, server.url, user.name, user.password);
    await openReport(page, server.url, report.id);
    const numbered = page.locator('.ProseMirror p[data-numbered="true"]');
    const second = numbered.nth(1);
    const secondText = (await second.textContent())!;

    // Insert a footnote after the paragraph's first word: the caret goes into the note.
    await second.click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < 'The'.length; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: 'Insert footnote' }).click();
    await page.keyboard.type('A note on the Conference.');
    await settle(page);
    const note = page.locator('.ProseMirror .footnote', { hasText: 'A note on the Conference.' });
    const ref = second.locator('sup.footnote-ref');
    expect(await ref.getAttribute('data-marker')).toBe('1');
    expect(await note.getAttribute('data-marker')).toBe('1');

    // Esc: back in the body, just after the marker.
    await page.keyboard.press('Escape');
    expect((await caret(page)).before).toBe('The');
    await page.keyboard.type('(a)');
    expect(await second.evaluate((p) => p.querySelector('sup.footnote-ref')!.nextSibling!.textContent!.slice(0, 3))).toBe('(a)');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    expect(await second.textContent()).toBe(secondText);

    // A click on the marker puts the caret beside it; the next key goes in, the marker stays.
    // Measured just before each click, once the page has stopped moving (late header items
    // shift it under load): a stale box sends the click to the wrong side or line.
    const clickMarker = async (fraction: number) => {
      await layoutSettled(page, '.ProseMirror sup.footnote-ref');
      const box = (await ref.boundingBox())!;
      await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
    };
    await clickMarker(0.8);
    expect(await page.locator('.ProseMirror .ProseMirror-selectednode').count()).toBe(0);
    expect((await caret(page)).selected).toBe('');
    expect(await caretBesideMarker(page)).toBe('after');
    await page.keyboard.type('Q');
    expect(await ref.count()).toBe(1);
    expect(await second.evaluate((p) => p.querySelector('sup.footnote-ref')!.nextSibling!.textContent![0])).toBe('Q');
    // (A click elsewhere first, or the two clicks would make a double click.)
    await numbered.nth(0).click({ position: { x: 60, y: 6 } });
    await clickMarker(0.2);
    expect(await page.locator('.ProseMirror .ProseMirror-selectednode').count()).toBe(0);
    expect(await caretBesideMarker(page)).toBe('before');
    await page.keyboard.type('P');
    expect(await second.evaluate((p) => p.querySelector('sup.footnote-ref')!.previousSibling!.textContent!.slice(-1))).toBe('P');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete'); // skips nothing: the marker is an atom after the caret
    expect(await ref.count()).toBe(0);
    // Deleting the marker took the note with it, and said so; undo brings both back.
    expect(await note.count()).toBe(0);
    await expect.poll(() => page.locator('.footnote-notice').textContent()).toContain('Footnote 1 was deleted with its marker');
    await page.keyboard.press('Control+z');
    await settle(page);
    expect(await ref.count()).toBe(1);
    expect(await note.count()).toBe(1);
    expect(await note.getAttribute('data-marker')).toBe('1');

    // Deleting the whole paragraph that holds the marker removes the note; undo restores both.
    await second.click({ position: { x: 200, y: 30 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Backspace');
    await settle(page);
    expect(await page.locator('.ProseMirror p', { hasText: secondText.slice(20, 60) }).count()).toBe(0);
    expect(await page.locator('.ProseMirror sup.footnote-ref').count()).toBe(0);
    expect(await page.locator('.ProseMirror .footnote', { hasText: 'A note on the Conference.' }).count()).toBe(0);
    await expect.poll(() => page.locator('.outline-stats').textContent()).toContain('1 footnote');
    await page.keyboard.press('Control+z');
    await settle(page);
    expect(await page.locator('.ProseMirror p', { hasText: secondText.slice(20, 60) }).locator('sup.footnote-ref').count()).toBe(1);
    expect(await note.count()).toBe(1);
    await expect.poll(() => page.locator('.outline-stats').textContent()).toContain('2 footnotes');

    // Moving the paragraph by cut and paste: the note goes with the cut, and comes back with the paste.
    const moving = page.locator('.ProseMirror p', { hasText: secondText.slice(20, 60) });
    await moving.click({ position: { x: 200, y: 30 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+x');
    await settle(page);
    expect(await note.count()).toBe(0);
    const last = numbered.last();
    await last.click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+v');
    await settle(page);
    expect(await moving.locator('sup.footnote-ref').count()).toBe(1);
    expect(await note.count()).toBe(1);
    expect(await note.getAttribute('data-orphan')).toBeNull();
    expect(await moving.locator('sup.footnote-ref').getAttribute('data-target')).toBe(await note.getAttribute('data-pid'));

    // Someone else's client (no such care) deletes the marker: the note is flagged, not counted.
    const client = connectClient(server.wsUrl, roomName(report.id, 'en'), user.token);
    await waitFor(() => client.provider.synced, 10_000, 'sync');
    const body = client.doc.getXmlFragment(BODY_FRAGMENT);
    client.doc.transact(() => {
      for (const block of body.toArray()) {
        if (!(block instanceof Y.XmlElement)) continue;
        const index = block.toArray().findIndex((child) => child instanceof Y.XmlElement && child.nodeName === 'footnoteRef');
        if (index >= 0) block.delete(index, 1);
      }
    });
    await page.waitForSelector('.ProseMirror .footnote[data-orphan="true"]');
    expect(await note.getAttribute('data-orphan')).toBe('true');
    await expect.poll(() => page.locator('.outline-warning').textContent()).toContain('A footnote has no marker in the text');
    // The masthead's `*` note, which no body marker refers to, is not flagged.
    expect(await page.locator('.ProseMirror .footnote[data-marker="*"]').getAttribute('data-orphan')).toBeNull();
    await screenshot(page, 'drafting-orphan-footnote');
    client.destroy();
    expect(log.errors).toEqual([]);
  }, 90_000);
});
