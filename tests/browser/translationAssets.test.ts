/**
 * Translation assets in the grid, in a real browser with the real Apertium engine (en→es): a
 * TMX uploaded from the memory panel gives a match that is inserted with Ctrl+1 and keeps its superscript; the
 * machine suggestion shows below the matches, marked "machine", and Ctrl+0 inserts it as a
 * draft marked MT; confirming a row fills its repetition (same source) as a draft marked
 * "repetition", which is not counted translated; the Pre-translate dialog fills the rest with
 * a progress bar, and undoes it. No console errors.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { eventually } from '../helpers/yclient';
import { apertiumModes } from '../../server/src/mt/apertium';
import { newPage, screenshot, signInThroughForm } from './harness';
import { browserSuite } from './suite';

const hasEngEs = !!(await apertiumModes())?.has('en-es');
if (!hasEngEs) console.warn('Apertium with the eng-spa pair is not installed here (apt-get install apertium apertium-eng-spa): the grid MT test is skipped.');

const REPORT = [
  '1. The Conference of the Parties welcomed the outcome.',
  '2. The Working Group held its first meeting in Vienna.',
  '3. The Conference of the Parties welcomed the outcome.',
  '4. Adoption of the report.',
].join('\n\n');

const TMX = `<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US"/><body>
<tu><tuv xml:lang="en-US"><seg>The Working Group held its first meeting in Vienna.</seg></tuv>
<tuv xml:lang="es-ES"><seg>El Grupo de Trabajo celebró su 1<bpt i="1">&lt;sup&gt;</bpt>a<ept i="1">&lt;/sup&gt;</ept> reunión en Viena.</seg></tuv></tu>
</body></tmx>`;

const row = (pid: string) => `.trow[data-pid="${pid}"]`;

async function focusRow(page: Page, pid: string): Promise<void> {
  await page.locator(`${row(pid)} .trow-target`).click();
  await page.waitForFunction((sel) => document.activeElement?.closest(sel) != null, `${row(pid)} .segment-editor .ProseMirror[contenteditable="true"]`);
}

describe.skipIf(!hasEngEs)('translation assets in the grid', () => {
  const suite = browserSuite();

  it('memory match with superscript, machine suggestion, repetition on confirm, pre-translation', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Amaia Etxeberria');
    const report = await createReport(server.url, owner.token, { title: '', text: REPORT, languages: ['es'] });

    const { page } = await newPage(browser, log, 'owner');
    await signInThroughForm(page, server.url, owner.name, owner.password);
    await page.goto(`${server.url}/reports/${report.id}/translate/es`);
    await page.waitForSelector('.trow[data-pid]');
    await page.waitForSelector('.connection-badge[data-state="online"]');
    const pids = await page.locator('.trow[data-pid]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pid')!));
    expect(pids).toHaveLength(4);

    // The memory arrives as a file, uploaded from the memory panel (multipart: its name is the origin).
    await page.locator('[data-testid="import-memory"]').setInputFiles({ name: 'unterm.tmx', mimeType: 'application/x-tmx+xml', buffer: Buffer.from(TMX) });
    await page.waitForSelector('.asset-files[data-kind="memory"] [role="status"]');
    expect(await page.locator('.asset-files[data-kind="memory"] [role="status"]').textContent()).toBe('unterm.tmx: 1 imported, 0 skipped.');

    // The imported match, formatted, with its origin; Ctrl+1 inserts it with the superscript.
    await focusRow(page, pids[1]);
    await page.waitForSelector('.tm-match[data-score="100"] .tm-target sup');
    expect(await page.locator('.tm-match .tm-origin').first().textContent()).toBe('unterm.tmx');
    await page.keyboard.press('Control+1');
    await page.waitForSelector(`${row(pids[1])} .ProseMirror sup`);
    expect(await page.locator(`${row(pids[1])} .ProseMirror sup`).textContent()).toBe('a');
    expect(await page.locator(`${row(pids[1])} .ProseMirror`).textContent()).toBe('El Grupo de Trabajo celebró su 1a reunión en Viena.');
    await page.waitForSelector(`${row(pids[1])} .status-chip[data-origin="tm"]`);
    expect(await page.locator(`${row(pids[1])} .status-chip[data-state]`).first().getAttribute('data-state')).toBe('draft');

    // The machine's suggestion for row 1, below the (absent) matches; Ctrl+0 inserts it.
    await focusRow(page, pids[0]);
    const suggestion = page.locator('.mt-match');
    await suggestion.waitFor();
    expect(await suggestion.locator('.mt-label').textContent()).toBe('machine · apertium');
    const machineText = (await suggestion.locator('.tm-target').textContent())!;
    expect(machineText).toMatch(/Conferencia/);
    await page.keyboard.press('Control+0');
    await page.waitForSelector(`${row(pids[0])} .status-chip[data-origin="mt"]`);
    expect(await page.locator(`${row(pids[0])} .ProseMirror`).textContent()).toBe(machineText);
    let progress = await api(server.url, 'GET', `/api/reports/${report.id}`, undefined, owner.token);
    expect(progress.body.progress.es).toMatchObject({ translated: 0, draft: 2 });

    // The translator post-edits and confirms: row 3, the same source, becomes a repetition draft.
    await page.keyboard.press('End');
    await page.keyboard.type(' (revisado)');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector(`${row(pids[0])} .status-chip[data-state="translated"]`);
    await page.waitForSelector(`${row(pids[2])} .status-chip[data-origin="repetition"]`);
    expect(await page.locator(`${row(pids[2])} .status-chip[data-state]`).first().getAttribute('data-state')).toBe('draft');
    expect(await page.locator(`${row(pids[2])} .trow-target`).textContent()).toContain('(revisado)');
    progress = await eventually(
      () => api(server.url, 'GET', `/api/reports/${report.id}`, undefined, owner.token),
      (res) => res.body?.progress?.es?.draft === 2,
    );
    expect(progress.body.progress.es).toMatchObject({ translated: 1, draft: 2, untranslated: 1 });

    // Pre-translate the rest (row 4) by machine, with the dialog's progress bar; undo; again.
    await page.keyboard.press('Escape');
    const dialog = page.locator('[role="dialog"]');
    const pretranslate = async () => {
      await page.locator('[data-testid="pretranslate"]').click();
      await dialog.locator('text=(apertium)').waitFor();
      await dialog.locator('input[type="checkbox"]').nth(1).check();
      await dialog.locator('button', { hasText: /^Pre-translate$/ }).click();
      await dialog.locator('[role="status"]').waitFor();
      expect(await dialog.locator('[role="status"]').textContent()).toBe('Pre-translation: 1 row filled as drafts (0 from the memory, 1 by machine), 0 left untranslated.');
      await page.waitForSelector(`${row(pids[3])} .status-chip[data-origin="mt"]`);
    };
    await pretranslate();
    await dialog.locator('button', { hasText: 'Undo pre-translation' }).click();
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
    await page.waitForSelector(`${row(pids[3])} .status-chip[data-state="untranslated"]`);
    expect(await page.locator('body').textContent()).toContain('Pre-translation undone: 1 row emptied.');
    await pretranslate();
    await dialog.locator('button', { hasText: 'Close' }).click();
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
    expect(await page.locator('body').textContent()).toContain('1 row filled as drafts (0 from the memory, 1 by machine)');
    await screenshot(page, 'translate-assets');
    progress = await api(server.url, 'GET', `/api/reports/${report.id}`, undefined, owner.token);
    expect(progress.body.progress.es).toMatchObject({ translated: 1, draft: 3, untranslated: 0 });
    // Only the confirmed row entered the memory.
    const memory = await api(server.url, 'GET', `/api/tm?${new URLSearchParams({ q: 'Adoption of the report.', from: 'en', to: 'es' })}`, undefined, owner.token);
    expect(memory.body).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
