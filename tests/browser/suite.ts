/**
 * The set-up every browser test file shares: one app server (serving the built client) and
 * one Chromium for the file, started before its tests and closed after them, and the log of
 * console errors that each file asserts empty at its end.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../helpers/server';
import { ErrorLog, launchChromium, startAppServer } from './harness';

export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
  log: ErrorLog;
}

/** Call inside `describe`; read the fields inside tests (they are set in `beforeAll`). */
export function browserSuite(): BrowserSuite {
  const suite = { log: new ErrorLog() } as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startAppServer();
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
