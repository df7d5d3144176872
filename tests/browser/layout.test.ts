/**
 * The report screen as a new user meets it, at 1440 px: with a comment thread open the page
 * keeps its width (threads in a margin column that does not squeeze it) and the masthead stays
 * on few lines; a reviewer is told they can comment and suggest, a viewer that it is view only;
 * every page has one <main> and one <h1> (the report's title on the report page); keyboard
 * focus shows a ring of 2 px or more (report list, header buttons); the in-report Import
 * refuses a PNG saying what it is and what is accepted (so does New report), and takes a .docx.
 * Screenshots in
 * test-results/browser/.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { newPage, openReport, SAMPLE_EN, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

async function landmarks(page: Page) {
  return page.evaluate(() => ({
    mains: document.querySelectorAll('main, [role="main"]').length,
    h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim() ?? ''),
  }));
}

/** Lines a masthead field takes, from its height and line height. */
async function mastheadLines(page: Page, field: string): Promise<number> {
  return page.evaluate((name) => {
    const el = document.querySelector(`[data-meta="${name}"]`) as HTMLElement;
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.25;
    return Math.round((el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / line);
  }, field);
}

describe('report screen layout, access note, landmarks, focus and import errors', () => {
  const suite = browserSuite();

  it('threads open at 1440 px keep the page wide; reviewers see what they can do; landmarks and focus rings', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Olga Owner');
    const reviewer = await signUp(server.url, 'Rafael Reviewer');
    const viewer = await signUp(server.url, 'Vera Viewer');
    const report = await createReport(server.url, owner.token, { title: '', symbol: 'CTOC/COP/WG.7/2012/4', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['fr'] });
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token)).status).toBe(200);
    expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: viewer.name, role: 'viewer' }, owner.token)).status).toBe(200);

    // The reviewer: an accurate note, then a comment thread opened in the margin.
    const r = await newPage(browser, log, 'reviewer');
    await signInThroughForm(r.page, server.url, reviewer.name, reviewer.password);
    // The report list: one main, one h1, and a visible focus ring on a row reached by Tab.
    expect(await landmarks(r.page)).toEqual({ mains: 1, h1s: ['Reports'] });
    const row = r.page.locator('.report-row').first();
    await row.focus();
    await r.page.keyboard.press('Shift+Tab');
    await r.page.keyboard.press('Tab');
    const ring = await r.page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const width = parseFloat(style.outlineWidth);
      // The ring's outer edge must not be cut off by an ancestor that clips (overflow hidden).
      const reach = width + parseFloat(style.outlineOffset);
      const rect = el.getBoundingClientRect();
      let clipped = false;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflow === 'visible') continue;
        const box = a.getBoundingClientRect();
        if (rect.left - reach < box.left || rect.top - reach < box.top || rect.right + reach > box.right || rect.bottom + reach > box.bottom) clipped = true;
      }
      return { cls: el.className, style: style.outlineStyle, width, visible: el.matches(':focus-visible'), clipped };
    });
    expect(ring.clipped).toBe(false);
    expect(ring.cls).toContain('report-row');
    expect(ring.visible).toBe(true);
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await screenshot(r.page, 'layout-list-focus');

    await openReport(r.page, server.url, report.id);
    expect(await r.page.locator('.toolbar.read-only').textContent()).toContain('You can comment and suggest here, not edit');
    expect(await r.page.locator('.toolbar.read-only').textContent()).not.toContain('View only');
    const reportLandmarks = await landmarks(r.page);
    expect(reportLandmarks.mains).toBe(1);
    expect(reportLandmarks.h1s).toHaveLength(1);
    expect(reportLandmarks.h1s[0]).toMatch(/^Review of the implementation of the United Nations Convention/);
    expect(await r.page.locator('main .ProseMirror').count()).toBe(1);
    // Body headings sit below the title: the sample's level-2 heading is an h3.
    expect(await r.page.locator('.ProseMirror h3[data-level="2"]').textContent()).toBe('Note by the Secretariat');

    const pageWidthBefore = (await r.page.locator('.desk > .page').boundingBox())!.width;
    expect(pageWidthBefore).toBeGreaterThanOrEqual(800);
    await r.page.evaluate(() => {
      const p = document.querySelectorAll('.ProseMirror p[data-numbered="true"]')[0];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode()!;
      const at = node.textContent!.indexOf('welcomed the outcome');
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 'welcomed the outcome'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await r.page.waitForSelector('.review-bubble');
    await r.page.click('.review-bubble button:has-text("Comment")');
    await r.page.waitForSelector('.review-card.is-new textarea:focus');
    await r.page.keyboard.type('Is this the resolution number?');
    await r.page.click('.review-card.is-new button:has-text("Comment")');
    await r.page.waitForSelector('.review-card[data-thread]');
    await r.page.waitForSelector('.desk.with-review:not(.review-idle)');
    const pageBox = (await r.page.locator('.desk > .page').boundingBox())!;
    const marginBox = (await r.page.locator('.review-margin').boundingBox())!;
    // The page keeps its width, the margin sits beside it, and both fit in the window.
    expect(pageBox.width).toBeGreaterThanOrEqual(800);
    expect(marginBox.x).toBeGreaterThanOrEqual(pageBox.x + pageBox.width);
    expect(marginBox.width).toBeGreaterThanOrEqual(240);
    expect(marginBox.x + marginBox.width).toBeLessThanOrEqual(1440);
    // The masthead stays readable: the issuing body on at most two lines, the title on few.
    expect(await mastheadLines(r.page, 'organ')).toBeLessThanOrEqual(2);
    expect(await mastheadLines(r.page, 'title')).toBeLessThanOrEqual(3);
    await screenshot(r.page, 'layout-threads-1440');

    // Header buttons show the ring too.
    await r.page.locator('.app-header button').first().focus();
    await r.page.keyboard.press('Shift+Tab');
    await r.page.keyboard.press('Tab');
    expect(await r.page.evaluate(() => parseFloat(getComputedStyle(document.activeElement!).outlineWidth))).toBeGreaterThanOrEqual(2);

    // A viewer keeps "View only".
    const v = await newPage(browser, log, 'viewer');
    await signInThroughForm(v.page, server.url, viewer.name, viewer.password);
    await openReport(v.page, server.url, report.id);
    expect(await v.page.locator('.toolbar.read-only').textContent()).toContain('View only');
    expect((await landmarks(v.page)).mains).toBe(1);
    expect(log.errors).toEqual([]);
  }, 90_000);

  it('Import in a report refuses a PNG by what it is, and reads a .docx', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Ines Importer');
    const report = await createReport(server.url, owner.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8') });
    const source = await createReport(server.url, owner.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8').replace('In its resolution 5/3', 'By its resolution 5/3') });
    const dir = mkdtempSync(join(tmpdir(), 'plenary-import-'));
    const png = join(dir, 'diagram.png');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 5)]));
    const docxPath = join(dir, 'report.docx');
    const docx = await fetch(`${server.url}/api/reports/${source.id}/export?format=docx`, { headers: { authorization: `Bearer ${owner.token}` } });
    writeFileSync(docxPath, Buffer.from(await docx.arrayBuffer()));

    const { page } = await newPage(browser, log, 'importer');
    await signInThroughForm(page, server.url, owner.name, owner.password);
    await openReport(page, server.url, report.id);
    expect(await page.locator('[data-testid="import-file"]').getAttribute('accept')).toContain('.docx');
    await page.locator('[data-testid="import-file"]').setInputFiles(png);
    const alert = page.locator('.import-error[role="alert"]');
    await alert.waitFor();
    expect(await alert.locator('span').textContent()).toBe('“diagram.png”: This is a PNG image; import accepts .docx, .txt and .md files.');
    await screenshot(page, 'layout-import-png-error');
    // Nothing changed in the text.
    expect(await page.locator('.ProseMirror p[data-numbered="true"]').first().textContent()).toMatch(/^In its resolution 5\/3/);

    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="import-file"]').setInputFiles(docxPath);
    await page.waitForFunction(() => document.querySelector('.ProseMirror p[data-numbered="true"]')?.textContent?.startsWith('By its resolution 5/3'));
    expect(await alert.count()).toBe(0);
    expect(await page.locator('.ProseMirror p[data-numbered="true"]').count()).toBe(3);

    // "New report" from the same PNG: refused the same way, and no report is created.
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: 'New report' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New report' });
    await dialog.getByText('A file (.txt, .md, .docx)').click();
    await dialog.locator('input[type="file"]').setInputFiles(png);
    await dialog.getByRole('button', { name: 'Create report' }).click();
    await dialog.locator('.form-error').filter({ hasText: 'PNG' }).waitFor();
    expect(await dialog.locator('.form-error').textContent()).toBe('This is a PNG image; import accepts .docx, .txt and .md files.');
    expect(await page.locator('.report-row').count()).toBe(2);

    // The console lines are Chromium's notes of the PNG's two 400s, which were the point.
    const refused = '[importer] console: Failed to load resource: the server responded with a status of 400 (Bad Request)';
    expect(log.errors).toEqual([refused, refused]);
  }, 60_000);
});
