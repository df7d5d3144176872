/**
 * A long report (1,500 paragraphs, over the render window's threshold) in a real browser: only
 * blocks near the viewport are watched by content-visibility (client/src/editor/plugins/
 * renderWindow.ts), and still every block scrolled to is rendered with its number, typing at
 * the far end lands where the caret is, and a paragraph a co-author inserts on screen shows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createReport, signUp } from '../helpers/server';
import { newPage, openReport, renderedMarkers, signInThroughForm } from './harness';
import { browserSuite } from './suite';
import { reportText } from '../../bench/scenarios/reportText';

const PARAGRAPHS = 1500;

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** content-visibility of the n-th numbered paragraph. */
const visibility = (page: Page, n: number) =>
  page.locator('.ProseMirror p[data-numbered="true"]').nth(n).evaluate((el) => getComputedStyle(el).contentVisibility);

describe('a long report', () => {
  const suite = browserSuite();

  it('renders the blocks scrolled to, types where the caret is, shows a co-author\'s new paragraph', async () => {
    const { server, browser, log } = suite;
    const user = await signUp(server.url, 'Lena Long');
    const report = await createReport(server.url, user.token, { title: '', text: reportText('en', PARAGRAPHS, 3, 40) });
    const a = await newPage(browser, log, 'long-a');
    await signInThroughForm(a.page, server.url, user.name, user.password);
    await openReport(a.page, server.url, report.id);
    await a.page.waitForFunction((n) => document.querySelectorAll('.ProseMirror p[data-numbered="true"]').length >= n, PARAGRAPHS);
    expect(await a.page.locator('.ProseMirror[data-render-window]').count()).toBe(1);
    // At the top: the first blocks are watched (the caret's own is always visible), the far ones hidden outright.
    expect(await visibility(a.page, 5)).toBe('auto');
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('hidden');
    // The find shortcut releases the window (find-in-page searches only rendered blocks) until
    // the next key typed in the editor.
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click();
    await a.page.keyboard.press('Control+f');
    await frames(a.page);
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('auto');
    await a.page.keyboard.press('ArrowRight');
    await frames(a.page);
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('hidden');

    // Scroll to the end: the window follows and the last paragraph is drawn with its number.
    const last = a.page.locator('.ProseMirror p[data-numbered="true"]').last();
    await last.scrollIntoViewIfNeeded();
    await frames(a.page);
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('auto');
    expect(await visibility(a.page, 5)).toBe('hidden');
    const lastPid = (await last.getAttribute('data-pid'))!;
    expect((await renderedMarkers(await a.context.newCDPSession(a.page))).get(lastPid)).toBe(`${PARAGRAPHS}.`);

    // Typing at the end of the last paragraph, then Enter and a new paragraph.
    await last.click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' Closing words.', { delay: 20 });
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('A new last paragraph.', { delay: 20 });
    await frames(a.page);
    await expect.poll(() => a.page.locator(`.ProseMirror [data-pid="${lastPid}"]`).textContent()).toMatch(/ Closing words\.$/);
    const newLast = a.page.locator('.ProseMirror p[data-numbered="true"]').last();
    expect(await newLast.textContent()).toBe('A new last paragraph.');
    expect((await renderedMarkers(await a.context.newCDPSession(a.page))).get((await newLast.getAttribute('data-pid'))!)).toBe(`${PARAGRAPHS + 1}.`);

    // A co-author, at the top of the report, inserts a paragraph in the middle of this screen.
    const b = await newPage(browser, log, 'long-b');
    await signInThroughForm(b.page, server.url, user.name, user.password);
    await openReport(b.page, server.url, report.id);
    const target = b.page.locator('.ProseMirror p[data-numbered="true"]').nth(PARAGRAPHS - 3);
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await b.page.keyboard.press('End');
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.type('Inserted by a co-author.', { delay: 20 });
    const inserted = a.page.locator('.ProseMirror p[data-numbered="true"]', { hasText: 'Inserted by a co-author.' });
    await inserted.waitFor({ timeout: 10_000 });
    await frames(a.page);
    expect(await inserted.evaluate((el) => getComputedStyle(el).contentVisibility)).not.toBe('hidden');
    const box = await inserted.boundingBox();
    expect(box && box.height).toBeGreaterThan(10);
    await a.context.close();
    await b.context.close();
    expect(log.errors).toEqual([]);
  }, 180_000);
});
