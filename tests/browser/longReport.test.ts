/**
 * A long report (1,500 paragraphs, over the render window's threshold) in a real browser: only
 * blocks near the viewport are watched by content-visibility (client/src/editor/plugins/
 * renderWindow.ts), and still every block scrolled to is rendered with its number, typing at
 * the far end lands where the caret is, and a paragraph a co-author inserts on screen shows;
 * the block being typed in is a relayout boundary whose fixed height follows its lines
 * (plugins/caretLayoutBoundary.ts); screen reader support turns the window off
 * (editor/screenReaderSupport.ts). Two drafters co-edit a 300-paragraph report, where
 * ProseMirror redraws only the blocks a change touches (patches/README.md, prosemirror-view).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createReport, signUp } from '../helpers/server';
import { bodyBlocks, newPage, openReport, renderedMarkers, screenshot, signInThroughForm, twoDraftersOpen, waitForSameBody } from './harness';
import { browserSuite } from './suite';
import { reportText } from '../../bench/scenarios/reportText';

const PARAGRAPHS = 1500;

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** content-visibility of the n-th numbered paragraph. */
const visibility = (page: Page, n: number) =>
  page.locator('.ProseMirror p[data-numbered="true"]').nth(n).evaluate((el) => getComputedStyle(el).contentVisibility);

/** visibility of the n-th numbered paragraph. */
const shown = (page: Page, n: number) =>
  page.locator('.ProseMirror p[data-numbered="true"]').nth(n).evaluate((el) => getComputedStyle(el).visibility);

describe('a long report', () => {
  const suite = browserSuite();

  /** A new user's own PARAGRAPHS-paragraph report, open in a new browser page, every paragraph there. */
  const openLongReport = async (name: string, label: string) => {
    const { server, browser, log } = suite;
    const user = await signUp(server.url, name);
    const report = await createReport(server.url, user.token, { title: '', text: reportText('en', PARAGRAPHS, 3, 40) });
    const opened = await newPage(browser, log, label);
    await signInThroughForm(opened.page, server.url, user.name, user.password);
    await openReport(opened.page, server.url, report.id);
    await opened.page.waitForFunction((n) => document.querySelectorAll('.ProseMirror p[data-numbered="true"]').length >= n, PARAGRAPHS);
    return { ...opened, user, report };
  };

  it('renders the blocks scrolled to, types where the caret is, shows a co-author\'s new paragraph', async () => {
    const { server, browser, log } = suite;
    const a = await openLongReport('Lena Long', 'long-a');
    const { user, report } = a;
    expect(await a.page.locator('.ProseMirror[data-render-window]').count()).toBe(1);
    // At the top: the first blocks are watched (the caret's own is always visible), the far ones hidden outright.
    expect(await visibility(a.page, 5)).toBe('auto');
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('hidden');
    // Far blocks are also invisible (hit testing and paint skip them), near ones are not.
    expect(await shown(a.page, 5)).toBe('visible');
    expect(await shown(a.page, PARAGRAPHS - 1)).toBe('hidden');
    // A jump to the middle (as the outline does): the window follows although nothing there
    // can be hit-tested before it does.
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(PARAGRAPHS / 2).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await frames(a.page);
    expect(await shown(a.page, PARAGRAPHS / 2)).toBe('visible');
    await screenshot(a.page, 'long-report-middle');
    expect(await visibility(a.page, PARAGRAPHS / 2)).toBe('auto');
    // Scrolled down with the wheel, a screen at a time, past several moves of the window:
    // every block on screen is drawn in each frame.
    await a.page.mouse.move(400, 400);
    const undrawnOnScreen = () =>
      a.page.evaluate(() =>
        Array.from(document.querySelector('.ProseMirror')!.children).filter((el) => {
          const r = el.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight && getComputedStyle(el).visibility !== 'visible';
        }).length,
      );
    const scrolledFrom = await a.page.evaluate(() => scrollY);
    for (let step = 0; step < 40; step++) {
      await a.page.mouse.wheel(0, 700);
      await frames(a.page);
      expect(await undrawnOnScreen(), `after ${step + 1} screens`).toBe(0);
    }
    expect(await a.page.evaluate(() => scrollY)).toBeGreaterThan(scrolledFrom + 20_000);
    await a.page.evaluate(() => window.scrollTo(0, 0));
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(0).scrollIntoViewIfNeeded();
    await frames(a.page);
    expect(await shown(a.page, 5)).toBe('visible');
    // The find shortcut releases the window (find-in-page searches only rendered blocks) until
    // the next key typed in the editor.
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click();
    await a.page.keyboard.press('Control+f');
    await frames(a.page);
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('auto');
    await a.page.keyboard.press('ArrowRight');
    await frames(a.page);
    expect(await visibility(a.page, PARAGRAPHS - 1)).toBe('hidden');

    // Ctrl+End and Ctrl+Home reach the document's ends through the blocks that are not drawn.
    const caretBlockIndex = () =>
      a.page.evaluate(() => {
        const node = getSelection()!.focusNode!;
        const el = (node instanceof Element ? node : node.parentElement)!;
        const editor = document.querySelector('.ProseMirror')!;
        let block: Element | null = el;
        while (block && block.parentElement !== editor) block = block.parentElement;
        return { index: block ? Array.prototype.indexOf.call(editor.children, block) : -1, count: editor.children.length };
      });
    await a.page.keyboard.press('Control+End');
    await frames(a.page);
    const atEnd = await caretBlockIndex();
    expect(atEnd.index).toBe(atEnd.count - 1);
    await a.page.keyboard.press('Control+Home');
    await frames(a.page);
    expect((await caretBlockIndex()).index).toBe(0);
    await a.page.keyboard.press('Shift+Control+End');
    await frames(a.page);
    expect((await caretBlockIndex()).index).toBe(atEnd.count - 1);
    // The selection runs from the very start to the very end of the document.
    expect(
      await a.page.evaluate(() => {
        const range = getSelection()!.getRangeAt(0);
        const editor = document.querySelector('.ProseMirror')!;
        const before = document.createRange();
        before.setStart(editor, 0);
        before.setEnd(range.startContainer, range.startOffset);
        return { before: before.toString(), last: editor.lastElementChild!.contains(range.endContainer) || range.endContainer === editor };
      }),
    ).toEqual({ before: '', last: true });
    await a.page.keyboard.press('Control+Home');
    await frames(a.page);

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

  it('the paragraph being typed in is laid out alone and keeps its true height as lines come and go', async () => {
    const { log } = suite;
    const { context, page } = await openLongReport('Lars Lines', 'long-lines');
    const paragraphs = page.locator('.ProseMirror p[data-numbered="true"]');
    const typedIn = paragraphs.nth(3);
    const other = paragraphs.nth(4);

    /**
     * The space between a paragraph's last line and the next block, in px, and whether it is a
     * layout boundary. With the fixed height wrong, the next block would overlap the last line
     * or leave a gap: the same space measured between two ordinary paragraphs is the oracle.
     */
    const spaceAfter = (index: number) =>
      page.evaluate((i) => {
        const el = document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[i] as HTMLElement;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let last: Text | null = null;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.length > 0) last = n as Text;
        const range = document.createRange();
        range.setStart(last!, last!.data.length - 1);
        range.setEnd(last!, last!.data.length);
        const lineBottom = range.getBoundingClientRect().bottom;
        const style = getComputedStyle(el);
        return {
          space: el.nextElementSibling!.getBoundingClientRect().top - lineBottom,
          height: el.getBoundingClientRect().height,
          boundary: el.classList.contains('layout-boundary') && style.contain.includes('size') && style.contain.includes('layout'),
          fixed: el.style.height !== '',
        };
      }, index);
    const ordinary = (await spaceAfter(10)).space;

    await typedIn.click();
    await page.keyboard.press('End');
    // The block becomes the boundary after the frame that shows the caret in it.
    await expect.poll(async () => (await spaceAfter(3)).boundary).toBe(true);
    const before = await spaceAfter(3);
    expect(Math.abs(before.space - ordinary)).toBeLessThan(1);

    // Three more lines' worth of text: the paragraph grows and the next block moves down with it.
    await page.keyboard.type(' and further considered the matter'.repeat(8), { delay: 5 });
    await frames(page);
    const grown = await spaceAfter(3);
    expect(grown.boundary).toBe(true);
    expect(grown.height).toBeGreaterThan(before.height + 40);
    expect(Math.abs(grown.space - ordinary)).toBeLessThan(1);

    // Undone: the lines go, the paragraph shrinks back.
    for (let i = 0; i < 8 && (await typedIn.textContent())!.includes('further considered'); i++) await page.keyboard.press('Control+z');
    await frames(page);
    const shrunk = await spaceAfter(3);
    expect((await typedIn.textContent())!).not.toContain('further considered');
    expect(Math.abs(shrunk.height - before.height)).toBeLessThan(1);
    expect(Math.abs(shrunk.space - ordinary)).toBeLessThan(1);

    // The caret leaves: the block is an ordinary block again, and the next one is the boundary.
    await other.click();
    await frames(page);
    expect(await spaceAfter(3)).toMatchObject({ boundary: false, fixed: false });
    await expect.poll(async () => (await spaceAfter(4)).boundary).toBe(true);

    // Enter in the middle of typing: the old block is released before the split is drawn (no
    // frame shows its old height), the new paragraph becomes the boundary, both keep true heights.
    await page.keyboard.press('End');
    await page.keyboard.type(' First half.', { delay: 5 });
    await page.keyboard.press('Enter');
    const afterSplit = await spaceAfter(4);
    expect(afterSplit).toMatchObject({ boundary: false, fixed: false });
    expect(Math.abs(afterSplit.space - ordinary)).toBeLessThan(1);
    await page.keyboard.type('Second half, typed at once.', { delay: 5 });
    await expect.poll(async () => (await spaceAfter(5)).boundary).toBe(true);
    expect(await paragraphs.nth(5).textContent()).toBe('Second half, typed at once.');
    expect(Math.abs((await spaceAfter(4)).space - ordinary)).toBeLessThan(1);
    expect(Math.abs((await spaceAfter(5)).space - ordinary)).toBeLessThan(1);
    // Backspace joins them again: the joined paragraph is the boundary with its joined height.
    await page.keyboard.press('Home');
    await page.keyboard.press('Backspace');
    await expect.poll(async () => (await spaceAfter(4)).boundary).toBe(true);
    expect(await paragraphs.nth(4).textContent()).toMatch(/First half\.Second half, typed at once\.$/);
    expect(Math.abs((await spaceAfter(4)).space - ordinary)).toBeLessThan(1);
    await context.close();
    expect(log.errors).toEqual([]);
  }, 180_000);

  it('screen reader support draws every block and puts it in the accessibility tree, found from the keyboard and remembered', async () => {
    const { server, log } = suite;
    const a = await openLongReport('Sam Reader', 'screen-reader');
    const { report } = a;
    const cdp = await a.context.newCDPSession(a.page);
    await cdp.send('Accessibility.enable');
    /** Whether the accessibility tree leaves out the n-th numbered paragraph (what a screen reader reads). */
    const ignored = async (n: number) => {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.ProseMirror p[data-numbered="true"]' });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId: nodeIds[n], fetchRelatives: false });
      return nodes[0].ignored;
    };
    expect(await a.page.locator('.ProseMirror[data-render-window]').count()).toBe(1);
    expect(await ignored(3)).toBe(false);
    expect(await ignored(PARAGRAPHS - 10)).toBe(true);

    // The switch is first in the page, out of sight until focused; its text says what is wrong.
    const button = a.page.locator('.screen-reader-switch button');
    expect((await button.boundingBox())!.width).toBeLessThanOrEqual(1);
    await button.focus();
    expect((await button.boundingBox())!.width).toBeGreaterThan(100);
    expect(await button.textContent()).toMatch(/far from your position are not read aloud/);
    await screenshot(a.page, 'screen-reader-switch');
    await a.page.keyboard.press('Enter');
    await expect.poll(() => a.page.locator('.ProseMirror[data-render-window]').count()).toBe(0);
    expect(await a.page.locator('.screen-reader-switch [role="status"]').textContent()).toMatch(/on: every paragraph/);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await shown(a.page, PARAGRAPHS - 10)).toBe('visible');
    expect(await ignored(PARAGRAPHS - 10)).toBe(false);

    // Remembered on reload; typing still lands where the caret is.
    await openReport(a.page, server.url, report.id);
    await a.page.waitForFunction((n) => document.querySelectorAll('.ProseMirror p[data-numbered="true"]').length >= n, PARAGRAPHS);
    expect(await a.page.locator('.ProseMirror[data-render-window]').count()).toBe(0);
    const far = a.page.locator('.ProseMirror p[data-numbered="true"]').nth(PARAGRAPHS - 10);
    await far.scrollIntoViewIfNeeded();
    await far.click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' Read aloud.', { delay: 20 });
    await expect.poll(() => far.textContent()).toMatch(/ Read aloud\.$/);
    // The paragraph typed in is still a layout boundary: that does not depend on the window.
    await expect.poll(() => far.evaluate((el) => el.classList.contains('layout-boundary'))).toBe(true);
    // Ctrl+Alt+Z from the editor turns it off again: the window is back and says so.
    await a.page.keyboard.press('Control+Alt+z');
    await expect.poll(() => a.page.locator('.ProseMirror[data-render-window]').count()).toBe(1);
    expect(await a.page.locator('.screen-reader-switch [role="status"]').textContent()).toBe('Screen reader support off.');
    expect(await far.textContent()).toMatch(/ Read aloud\.$/);
    await a.context.close();
    expect(log.errors).toEqual([]);
  }, 180_000);

  it('two drafters type at once far apart and in one paragraph, carets jumping between far paragraphs: both screens show the document', async () => {
    const { log } = suite;
    const { a, b, report } = await twoDraftersOpen(suite, ['Ines Far', 'Jonas Near'], { title: '', text: reportText('en', 300, 3, 40) }, ['far-a', 'far-b']);
    const numbered = (page: Page) => page.locator('.ProseMirror p[data-numbered="true"]');
    await numbered(a.page).nth(299).waitFor({ state: 'attached' });
    /** Where the page shows the other drafter's caret: the pid of its paragraph, and how many carets. */
    const otherCaret = (page: Page) =>
      page.evaluate(() => {
        const carets = document.querySelectorAll('.ProseMirror .collaboration-carets__caret');
        return { count: carets.length, pid: carets[0]?.closest('[data-pid]')?.getAttribute('data-pid') ?? null };
      });
    const pidOf = (page: Page, n: number) => numbered(page).nth(n).getAttribute('data-pid');
    const typeAtEnd = async (page: Page, n: number, text: string) => {
      const paragraph = numbered(page).nth(n);
      await paragraph.scrollIntoViewIfNeeded();
      await paragraph.click();
      await page.keyboard.press('End');
      for (const ch of text) await page.keyboard.type(ch, { delay: 40 });
    };

    // Jonas sits in paragraph 250, Ines in paragraph 40; both type at once.
    const p250 = await pidOf(a.page, 249);
    const p40 = await pidOf(a.page, 39);
    await Promise.all([typeAtEnd(a.page, 39, ' Ines was here.'), typeAtEnd(b.page, 249, ' Jonas was here.')]);
    const body = await waitForSameBody(a.page, b.page);
    expect(body.find(([pid]) => pid === p40)![1]).toMatch(/ Ines was here\.$/);
    expect(body.find(([pid]) => pid === p250)![1]).toMatch(/ Jonas was here\.$/);
    await expect.poll(() => otherCaret(a.page)).toEqual({ count: 1, pid: p250 });

    // Jonas's caret jumps to paragraph 5 (a change of decorations only, far from Ines's
    // paragraph) while she goes on typing and splits her paragraph; then he types in hers.
    const p5 = await pidOf(a.page, 4);
    await Promise.all([
      (async () => {
        for (const ch of ' More.') await a.page.keyboard.type(ch, { delay: 40 });
        await a.page.keyboard.press('Enter');
        for (const ch of 'Split off.') await a.page.keyboard.type(ch, { delay: 40 });
      })(),
      (async () => {
        await numbered(b.page).nth(4).scrollIntoViewIfNeeded();
        await numbered(b.page).nth(4).click();
        await b.page.keyboard.press('Home');
      })(),
    ]);
    await expect.poll(() => otherCaret(a.page)).toEqual({ count: 1, pid: p5 });
    // Both in the paragraph she split off, at once: he at its start, she at its end.
    const pSplit = (await waitForSameBody(a.page, b.page)).find(([, text]) => text === 'Split off.')![0];
    const split = b.page.locator(`.ProseMirror [data-pid="${pSplit}"]`);
    await split.scrollIntoViewIfNeeded();
    await split.click();
    await b.page.keyboard.press('Home');
    await Promise.all([
      (async () => {
        for (const ch of 'Jonas: ') await b.page.keyboard.type(ch, { delay: 40 });
      })(),
      (async () => {
        for (const ch of ' Still me.') await a.page.keyboard.type(ch, { delay: 40 });
      })(),
    ]);
    const after = await waitForSameBody(a.page, b.page);
    expect(after.find(([pid]) => pid === p40)![1]).toMatch(/ Ines was here\. More\.$/);
    expect(after.find(([pid]) => pid === pSplit)![1]).toBe('Jonas: Split off. Still me.');
    expect(await numbered(a.page).count()).toBe(301);
    expect(await numbered(b.page).count()).toBe(301);

    // What both show is what was stored.
    await openReport(b.page, suite.server.url, report.id);
    await numbered(b.page).nth(300).waitFor({ state: 'attached' });
    expect(await bodyBlocks(b.page)).toEqual(await bodyBlocks(a.page));
    await a.context.close();
    await b.context.close();
    expect(log.errors).toEqual([]);
  }, 180_000);
});
