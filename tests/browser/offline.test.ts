/**
 * Offline: one drafter drops off the network, keeps typing (the badge says the changes are
 * kept on this device) and even reloads the page, while a colleague types online; on reconnect
 * both edits merge in both browsers; the badge says "Saving…" until the server acknowledges
 * the offline edits as stored, then "Saved" (and so for an edit typed online). No console errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyBlocks, SAMPLE_EN, screenshot, twoDraftersOpen, waitForSameBody } from './harness';
import { browserSuite } from './suite';
import * as Y from 'yjs';
import type { TestServer } from '../helpers/server';
import { BODY_FRAGMENT } from '../../shared/src/model/yBody';

/** The report body as storage holds it now (snapshot and log), as text. */
async function storedBody(server: TestServer, room: string): Promise<string> {
  const log = await server.plenary.storage.loadRoom(room);
  const doc = new Y.Doc();
  if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const u of log.updates) Y.applyUpdate(doc, u);
  return doc.getXmlFragment(BODY_FRAGMENT).toString();
}

describe('offline editing in the browser', () => {
  const suite = browserSuite();

  it('typing offline merges with a colleague’s edits on reconnect', async () => {
    const { server, log } = suite;
    const { report, a, b } = await twoDraftersOpen(suite, ['Olga Ivanova', 'Pedro Alvarez'], { title: '', text: readFileSync(SAMPLE_EN, 'utf8') }, ['offline', 'online']);

    // The service worker keeps the application shell for the offline reload below.
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
    await a.context.setOffline(true);
    await a.page.waitForSelector('.connection-badge[data-state="offline"]');
    expect(await a.page.locator('.connection-badge').textContent()).toBe('Offline — changes saved on this device');

    // The badge says "saving" while IndexedDB has not got an edit yet, "saved" once it has.
    await a.page.evaluate(() => {
      const badge = document.querySelector('.connection-badge')!;
      const seen: string[] = [];
      (window as unknown as { __saved: string[] }).__saved = seen;
      new MutationObserver(() => seen.push(badge.getAttribute('data-saved')!)).observe(badge, { attributes: true, attributeFilter: ['data-saved'] });
    });
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(2).click({ position: { x: 60, y: 6 } });
    await a.page.keyboard.press('Home');
    await a.page.keyboard.type('Written offline. ');
    await b.page.locator('.ProseMirror p[data-numbered="true"]').nth(0).click({ position: { x: 60, y: 6 } });
    await b.page.keyboard.press('Home');
    await b.page.keyboard.type('Written online. ');
    await screenshot(a.page, 'offline-typing');

    // While apart, each sees only its own edit.
    const apart = await bodyBlocks(b.page);
    expect(apart.some(([, t]) => t.includes('Written offline.'))).toBe(false);

    // A reload while offline: the shell comes from the service worker, the report and the
    // offline edit from IndexedDB.
    await a.page.waitForSelector('.connection-badge[data-saved="true"]');
    expect(await a.page.locator('.connection-badge').textContent()).toBe('Offline — changes saved on this device');
    const transitions = await a.page.evaluate(() => (window as unknown as { __saved: string[] }).__saved);
    expect(transitions).toContain('false');
    expect(transitions.at(-1)).toBe('true');
    await a.page.reload();
    await a.page.waitForSelector('.ProseMirror [data-pid]');
    await a.page.waitForSelector('.connection-badge[data-state="offline"]');
    expect((await bodyBlocks(a.page)).some(([, t]) => t.startsWith('Written offline. The Working Group'))).toBe(true);
    await a.page.locator('.ProseMirror p[data-numbered="true"]').nth(1).click({ position: { x: 60, y: 6 } });
    await a.page.keyboard.press('Home');
    await a.page.keyboard.type('After the reload. ');

    // Back online: "Saving…" until the server acknowledges the offline edits as stored.
    await a.page.evaluate(() => {
      const badge = document.querySelector('.connection-badge')!;
      const seen: string[] = [badge.getAttribute('data-durable')!];
      (window as unknown as { __durable: string[] }).__durable = seen;
      new MutationObserver(() => seen.push(badge.getAttribute('data-durable')!)).observe(badge, { attributes: true, attributeFilter: ['data-durable'] });
    });
    await a.context.setOffline(false);
    await a.page.waitForSelector('.connection-badge[data-state="online"]', { timeout: 15_000 });
    await a.page.waitForSelector('.connection-badge[data-durable="saved"]', { timeout: 15_000 });
    expect(await a.page.locator('.connection-badge').textContent()).toBe('Online · Saved');
    const stored = await storedBody(server, `${report.id}.en`);
    expect(stored).toContain('Written offline. ');
    expect(stored).toContain('After the reload. ');
    const durable = await a.page.evaluate(() => (window as unknown as { __durable: string[] }).__durable);
    expect(durable[0]).toBe('saving');
    expect(durable.at(-1)).toBe('saved');
    const merged = await waitForSameBody(a.page, b.page, 15_000);
    const numbered = merged.filter(([, t]) => t.startsWith('Written'));
    expect(numbered.map(([, t]) => t.slice(0, 17))).toEqual(['Written online. I', 'Written offline. ']);
    expect(merged.some(([, t]) => t.startsWith('After the reload. The Conference'))).toBe(true);
    await screenshot(a.page, 'offline-merged');

    // Typing online: "Saving…" at once, "Saved" once the server has stored it.
    await a.page.evaluate(() => (window as unknown as { __durable: string[] }).__durable.splice(0));
    await a.page.keyboard.type('Z');
    await a.page.waitForSelector('.connection-badge[data-durable="saved"]');
    expect(await a.page.evaluate(() => (window as unknown as { __durable: string[] }).__durable)).toEqual(['saving', 'saved']);
    expect(await storedBody(server, `${report.id}.en`)).toContain('After the reload. Z');

    expect(log.errors).toEqual([]);
  }, 90_000);
});
