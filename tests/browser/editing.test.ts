/**
 * Editing through the keyboard and toolbar in a real editor: splits, merges, Enter at the start
 * of a paragraph, copy-paste and undo keep pids present and unique (and the text keeps its
 * pid); numbering toggles; marks and footnotes; unsafe links are refused. No console errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createReport, signUp } from '../helpers/server';
import { bodyBlocks, newPage, openReport, renderedMarkers, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

async function expectUniquePids(page: Page) {
  const blocks = await bodyBlocks(page);
  const pids = blocks.map(([pid]) => pid);
  expect(pids.every((p) => /^p[0-9a-z]{12}$/.test(p))).toBe(true);
  expect(new Set(pids).size).toBe(pids.length);
  return blocks;
}

/** Waits for the deferred pid fixes and the editor to settle. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
}

describe('editing in the browser', () => {
  const suite = browserSuite();

  it('keeps pids unique through splits, merges, paste and undo; numbers, marks and footnotes work', async () => {
    const { server, browser, log } = suite;
    const user = await signUp(server.url, 'Dana Editor');
    const report = await createReport(server.url, user.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8') });
    const { context, page } = await newPage(browser, log, 'editor');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signInThroughForm(page, server.url, user.name, user.password);
    await openReport(page, server.url, report.id);
    const numbered = page.locator('.ProseMirror p[data-numbered="true"]');
    const before = await expectUniquePids(page);
    const [, p1, p2] = before;

    // Enter at the very start of paragraph 2: a new paragraph opens above, the text keeps its pid.
    await numbered.nth(1).click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await settle(page);
    let blocks = await expectUniquePids(page);
    const moved = blocks.find(([, text]) => text.startsWith('The Conference also decided'))!;
    expect(moved[0]).toBe(p2[0]);
    expect(await numbered.count()).toBe(4);

    // Split paragraph 1 in the middle: the first half keeps the pid, the second gets a new one.
    await numbered.nth(0).click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    for (let i = 0; i < 'In its resolution'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await settle(page);
    blocks = await expectUniquePids(page);
    expect(blocks.find(([, t]) => t === 'In its resolution')?.[0]).toBe(p1[0]);
    expect(await numbered.count()).toBe(5);
    const rendered = await renderedMarkers(await context.newCDPSession(page));
    const numberedPids = await numbered.evaluateAll((els) => els.map((e) => e.getAttribute('data-pid')!));
    expect(numberedPids.map((pid) => rendered.get(pid))).toEqual(['1.', '2.', '3.', '4.', '5.']);

    // Merge it back with Backspace, then undo the merge: still unique.
    await page.keyboard.press('Backspace');
    await settle(page);
    blocks = await expectUniquePids(page);
    expect(blocks.find(([pid]) => pid === p1[0])?.[1]).toMatch(/^In its resolution 5\/3/);
    await page.keyboard.press('Control+z');
    await settle(page);
    await expectUniquePids(page);
    await page.keyboard.press('Control+Shift+z');
    await settle(page);
    await expectUniquePids(page);

    // Copy a whole paragraph and paste it twice at the start of another: the copies go above
    // it with new pids, and the paragraph keeps its own pid and text.
    await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll('.ProseMirror p[data-numbered="true"]')];
      const from = paragraphs.find((p) => p.textContent!.startsWith('The Conference also decided'))!;
      const to = paragraphs[paragraphs.indexOf(from) + 1];
      const range = document.createRange();
      range.setStart(from.firstChild!, 0);
      range.setEnd(to.firstChild!, 0);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await settle(page);
    await page.keyboard.press('Control+c');
    const fourth = numbered.filter({ hasText: 'The Working Group on the Smuggling' });
    const fourthPid = await fourth.getAttribute('data-pid');
    await fourth.click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+v');
    await page.keyboard.press('Control+v');
    await settle(page);
    blocks = await expectUniquePids(page);
    const copies = blocks.filter(([, t]) => t.startsWith('The Conference also decided'));
    expect(copies.length).toBe(3);
    expect(copies[0][0]).toBe(p2[0]);
    const fourthAfter = blocks.find(([pid]) => pid === fourthPid)!;
    expect(fourthAfter[1]).toMatch(/^The Working Group on the Smuggling of Migrants held/);
    expect(blocks.findIndex(([pid]) => pid === fourthPid)).toBe(blocks.indexOf(copies[2]) + 1);

    // Toggle numbering off and on from the toolbar.
    const count = await numbered.count();
    await numbered.nth(0).click({ position: { x: 60, y: 6 } });
    await page.getByRole('button', { name: 'Numbered paragraph' }).click();
    expect(await numbered.count()).toBe(count - 1);
    await page.keyboard.press('Control+Alt+n');
    expect(await numbered.count()).toBe(count);

    // Bold and italic shortcuts, superscript from the toolbar.
    await page.keyboard.press('End');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' bold');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Control+i');
    await page.keyboard.type(' italic');
    await page.keyboard.press('Control+i');
    await page.getByRole('button', { name: 'Superscript' }).click();
    await page.keyboard.type('er');
    expect(await page.locator('.ProseMirror strong').filter({ hasText: 'bold' }).count()).toBe(1);
    expect(await page.locator('.ProseMirror em').filter({ hasText: 'italic' }).count()).toBe(1);
    expect(await page.locator('.ProseMirror sup:not(.footnote-ref)').filter({ hasText: 'er' }).count()).toBe(1);

    // A footnote: a reference at the cursor, a numbered note at the foot, typed into.
    await page.getByRole('button', { name: 'Insert footnote' }).click();
    await page.keyboard.type('A note added in the browser.');
    await settle(page);
    const ref = page.locator('.ProseMirror sup.footnote-ref').first();
    expect(await ref.getAttribute('data-marker')).toBe('1');
    const note = page.locator('.ProseMirror .footnote', { hasText: 'A note added in the browser.' });
    expect(await note.getAttribute('data-marker')).toBe('1');
    expect(await ref.getAttribute('data-target')).toBe(await note.getAttribute('data-pid'));

    // Links: a safe one is set, a javascript: one refused.
    await numbered.filter({ hasText: 'The Working Group on the Smuggling' }).click({ position: { x: 60, y: 6 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+k');
    await page.getByLabel('Link address').fill('javascript:alert(1)');
    await page.keyboard.press('Enter');
    expect(await page.locator('.link-form .form-error').textContent()).toContain('Only http, https and mailto');
    await page.getByLabel('Link address').fill('www.unodc.org');
    await page.keyboard.press('Enter');
    expect(await page.locator('.ProseMirror a').first().getAttribute('href')).toBe('https://www.unodc.org');

    await expectUniquePids(page);
    await screenshot(page, 'editing');
    expect(log.errors).toEqual([]);
  }, 90_000);
});
