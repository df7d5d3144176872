/**
 * prosemirror-view's patched update (patches/README.md): on a document with many top-level
 * blocks a transaction syncs only the blocks between the unchanged ones at either end. Seeded
 * random transactions — typing, deleting across blocks, splitting, inserting and removing
 * blocks, marks, two edits far apart — under changing node, inline (across blocks) and widget
 * decorations from two plugins; after each one the DOM must be what a fresh view draws. A bare
 * ProseMirror page in Chromium (windowedViewUpdate.page.ts), no app server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, launchChromium } from './harness';
import type { runWindowedUpdate } from './windowedViewUpdate.page';

describe('the windowed ProseMirror view update', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(ROOT, 'tests/browser/windowedViewUpdate.page.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      logLevel: 'silent',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`seed ${seed}: 400 random transactions on 150 blocks draw what a fresh view draws`, async () => {
      const result = await page.evaluate(
        ([s]) => (window as unknown as { runWindowedUpdate: typeof runWindowedUpdate }).runWindowedUpdate(s, 400, 150),
        [seed],
      );
      expect(result.diff, `seed ${seed}, step ${result.failedAt}: ${result.transaction}`).toBeNull();
      // Most transactions took the shortcut (the others, with decorations changed far from
      // the edit or the edit near both ends, the full update).
      expect(result.windowed).toBeGreaterThan(220);
    });
  }
});
