/**
 * The English sample through the UI: sign up through the form, "New report" from the .txt
 * file, and the report shows its masthead and paragraphs 1–3 numbered (the numbers read from
 * Chromium's layout, since CSS counters draw them). Then "Import" replaces a blank report's
 * body with the same file. No console errors.
 */
import { describe, expect, it } from 'vitest';
import { bodyBlocks, newPage, renderedMarkers, SAMPLE_EN, screenshot } from './harness';
import { browserSuite } from './suite';

describe('the English sample in the browser', () => {
  const suite = browserSuite();

  it('imported through "New report" shows its masthead and numbered paragraphs', async () => {
    const { server, browser, log } = suite;
    const { context, page } = await newPage(browser, log, 'drafter');

    // Sign up through the form's sign-up mode.
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.fill('input[name="name"]', 'Chen Wei');
    await page.fill('input[name="password"]', 'a long enough password');
    await page.click('form button[type="submit"]');
    await page.waitForSelector('.list-head h1');
    expect(await page.locator('.empty-state').isVisible()).toBe(true);

    // New report from the .txt file, read in the browser.
    await page.getByRole('button', { name: 'New report' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New report' });
    await dialog.locator('input[name="symbol"]').fill('CTOC/COP/WG.7/2012/4');
    await dialog.getByText('A file (.txt, .md, .docx)').click();
    await dialog.locator('input[type="file"]').setInputFiles(SAMPLE_EN);
    await dialog.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(/\/reports\/[A-Za-z0-9_-]+$/);
    await page.waitForSelector('.ProseMirror p[data-numbered="true"]');
    await page.waitForSelector('.connection-badge[data-state="online"]');

    // The masthead, like the sample's front page.
    const meta = async (field: string) => page.locator(`[data-meta="${field}"]`).inputValue();
    expect(await meta('symbol')).toBe('CTOC/COP/WG.7/2012/4');
    expect(await meta('organ')).toBe('Conference of the Parties to the United Nations Convention against Transnational Organized Crime');
    expect(await meta('distribution')).toBe('Distr.: General');
    expect(await meta('date')).toBe('10 July 2012');
    expect(await meta('originalLine')).toBe('Original: English');
    expect(await meta('session')).toBe('Sixth session');
    expect(await meta('place')).toBe('Vienna, 15-19 October 2012');
    expect(await meta('agendaItem')).toBe('Item 2 (c) of the provisional agenda*');
    expect(await meta('title')).toMatch(/^Review of the implementation of the United Nations Convention/);
    expect(await meta('subtitle')).toMatch(/^Report on the meeting of the Working Group/);

    // Paragraphs 1–3, numbered by the CSS counter in the margin; the footnote keeps its "*".
    const numbered = page.locator('.ProseMirror p[data-numbered="true"]');
    expect(await numbered.count()).toBe(3);
    const texts = await numbered.allTextContents();
    expect(texts[0]).toMatch(/^In its resolution 5\/3/);
    expect(texts[1]).toMatch(/^The Conference also decided/);
    expect(texts[2]).toMatch(/^The Working Group on the Smuggling of Migrants held its first meeting/);
    const pids = await numbered.evaluateAll((els) => els.map((e) => e.getAttribute('data-pid')!));
    const markers = await renderedMarkers(await context.newCDPSession(page));
    expect(pids.map((pid) => markers.get(pid))).toEqual(['1.', '2.', '3.']);
    const footnotePid = await page.locator('.ProseMirror .footnote').first().getAttribute('data-pid');
    expect(markers.get(footnotePid!)).toBe('*');
    expect(await page.locator('.ProseMirror [data-level="2"]').first().textContent()).toBe('Note by the Secretariat');
    await screenshot(page, 'sample-imported');

    // The export menu serves the same report back.
    const reportUrl = page.url();
    const id = reportUrl.split('/').pop()!;
    const txt = await page.request.get(`${server.url}/api/reports/${id}/export?format=txt`);
    expect(txt.status()).toBe(200);
    expect(await txt.text()).toContain('In its resolution 5/3');
    await page.getByRole('button', { name: 'Export' }).click();
    for (const name of ['Word document (.docx)', 'Web page (.html)', 'Markdown (.md)', 'Plain text (.txt)', 'Print / PDF']) {
      expect(await page.getByRole('menuitem', { name }).isVisible()).toBe(true);
    }
    await page.keyboard.press('Escape');

    // A blank report, then "Import" replaces its body with the sample.
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: 'New report' }).first().click();
    await page.getByRole('dialog').locator('input[name="title"]').fill('Blank then imported');
    await page.getByRole('dialog').getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL(/\/reports\/[A-Za-z0-9_-]+$/);
    await page.waitForSelector('.ProseMirror [data-pid]');
    await page.waitForSelector('.connection-badge[data-state="online"]');
    expect(await page.locator('.ProseMirror p[data-numbered="true"]').count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="import-file"]').setInputFiles(SAMPLE_EN);
    await page.waitForFunction(() => document.querySelectorAll('.ProseMirror p[data-numbered="true"]').length === 3);
    expect(await page.locator('[data-meta="date"]').inputValue()).toBe('10 July 2012');
    const blocks = await bodyBlocks(page);
    expect(blocks.map(([, text]) => text)).toContain('CTOC/COP/2012/1.');

    expect(log.errors).toEqual([]);
  }, 90_000);
});
