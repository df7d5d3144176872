/**
 * Two drafters, two browser contexts: both sign in through the form, open the same report,
 * type, and see each other's text, named carets and presence. No console errors.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, signUp } from '../helpers/server';
import { bodyBlocks, newPage, openReport, ROOT, SAMPLE_EN, screenshot, signInThroughForm, twoDraftersOpen, waitForSameBody, waitForText } from './harness';
import { browserSuite } from './suite';

describe('co-editing in the browser', () => {
  const suite = browserSuite();

  it('two drafters see each other’s text, carets and presence', async () => {
    const { server, browser, log } = suite;
    const { owner: amina, report, a, b } = await twoDraftersOpen(
      suite,
      ['Amina Diallo', 'Boris Petrov'],
      { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr', 'es'] },
      ['amina', 'boris'],
    );

    // Amina writes at the start of paragraph 1, Boris at the start of paragraph 2.
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(0).click({ position: { x: 60, y: 6 } });
    await a.page.keyboard.press('Home');
    await a.page.keyboard.type('Amina was here. ');
    await b.page.locator('.ProseMirror p[data-numbered="true"]').nth(1).click({ position: { x: 60, y: 6 } });
    await b.page.keyboard.press('Home');
    await b.page.keyboard.type('Boris agrees. ');

    await waitForText(a.page, '.ProseMirror p', 'Boris agrees.');
    await waitForText(b.page, '.ProseMirror p', 'Amina was here.');
    const blocks = await waitForSameBody(a.page, b.page);
    expect(blocks[1][1]).toMatch(/^Amina was here\. In its resolution 5\/3/);
    expect(blocks[2][1]).toMatch(/^Boris agrees\. The Conference also decided/);
    // Every block keeps a unique pid.
    expect(new Set(blocks.map(([pid]) => pid)).size).toBe(blocks.length);

    // Footnote markers survive remote changes.
    expect(await a.page.locator('.ProseMirror .footnote').first().getAttribute('data-marker')).toBe('*');
    expect(await b.page.locator('.ProseMirror .footnote').first().getAttribute('data-marker')).toBe('*');

    // Named carets of the other person.
    await waitForText(a.page, '.collaboration-carets__label', 'Boris Petrov');
    await waitForText(b.page, '.collaboration-carets__label', 'Amina Diallo');

    // Presence: both people, with their role and where they are.
    await waitForText(a.page, '.presence-bar', 'Boris Petrov');
    await a.page.waitForFunction(() => document.querySelector('.presence-peer[data-user="Boris Petrov"] .presence-meta')?.textContent?.includes('¶ 2'));
    expect(await a.page.locator('.presence-peer[data-user="Boris Petrov"] .presence-meta').textContent()).toBe('drafter · ¶ 2');
    expect(await b.page.locator('.presence-peer[data-user="Amina Diallo"] .presence-meta').textContent()).toContain('owner');

    // A reviewer reads along: the masthead is read-only for her and the body in Suggesting mode
    // (what she types is a suggestion, never text), yet her presence shows.
    const chiara = await signUp(server.url, 'Chiara Rossi');
    await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: chiara.name, role: 'reviewer' }, amina.token);
    const c = await newPage(browser, log, 'chiara');
    await signInThroughForm(c.page, server.url, chiara.name, chiara.password);
    await openReport(c.page, server.url, report.id);
    expect(await c.page.locator('select[aria-label="Editing mode"]').inputValue()).toBe('suggesting');
    expect(await c.page.locator('[data-meta="title"]').getAttribute('readonly')).not.toBeNull();
    await waitForText(c.page, '.ProseMirror p', 'Boris agrees.');
    await c.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click();
    await c.page.keyboard.type('should not appear');
    await waitForText(a.page, '.presence-bar', 'Chiara Rossi');
    expect(await a.page.locator('.presence-peer[data-user="Chiara Rossi"] .presence-meta').textContent()).toContain('reviewer');
    await a.page.waitForSelector('.ProseMirror .review-suggest-new');
    expect((await bodyBlocks(a.page)).some(([, t]) => t.includes('should not appear'))).toBe(false);
    await c.context.close();

    await screenshot(b.page, 'collaboration-boris');
    // Scroll so that the masthead's end, the numbered paragraphs and Boris's caret all show.
    await a.page.evaluate(() => window.scrollTo(0, 330));
    await a.page.locator('.ProseMirror').evaluate((el) => (el as HTMLElement).blur());
    const shot = await screenshot(a.page, 'collaboration-amina');
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/screenshots/editor.png'));

    expect(log.errors).toEqual([]);
  }, 90_000);

  it('an idle colleague’s caret stays on screen while one types, splits and joins paragraphs', async () => {
    const { log } = suite;
    const { a, b } = await twoDraftersOpen(suite, ['Dara Okafor', 'Emil Novak'], { title: '', text: readFileSync(SAMPLE_EN, 'utf8') }, ['dara', 'emil']);
    // Emil puts his caret in paragraph 3 and stays there.
    await b.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click({ position: { x: 80, y: 6 } });
    await waitForText(a.page, '.collaboration-carets__label', 'Emil Novak');
    const emilsParagraph = () =>
      a.page.evaluate(() => {
        const carets = document.querySelectorAll('.ProseMirror .collaboration-carets__caret');
        return { count: carets.length, text: carets[0]?.closest('p')?.textContent?.slice(0, 30) ?? null };
      });
    const before = await emilsParagraph();
    expect(before.count).toBe(1);

    // Dara types, splits a paragraph (a structural change, after which the caret plugin hides
    // the others' carets until its mapping is in sync) and joins it again: Emil never moved,
    // and his caret is back in his paragraph after each step.
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(0).click({ position: { x: 80, y: 6 } });
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' More.', { delay: 30 });
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('A new paragraph.', { delay: 30 });
    await expect.poll(emilsParagraph).toEqual(before);
    for (let i = 0; i < 'A new paragraph.'.length + 1; i++) await a.page.keyboard.press('Backspace');
    await expect.poll(emilsParagraph).toEqual(before);
    await a.page.keyboard.type(' Done.', { delay: 30 });
    await expect.poll(emilsParagraph).toEqual(before);
    await waitForText(b.page, '.ProseMirror p', 'More. Done.');
    await a.context.close();
    await b.context.close();
    expect(log.errors).toEqual([]);
  }, 90_000);
});
