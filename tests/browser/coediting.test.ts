/**
 * People colliding in one paragraph: two or three browsers type at once in the same paragraph
 * (start and end, a few characters apart, typing while another deletes, with bold toggled,
 * with Enter splitting the paragraph), at 40, 140 and 300 ms per key. Each person's text must
 * arrive intact and in order, every screen must show the same, and a reload (what the server
 * stored) must show it too.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { eventually } from '../helpers/yclient';
import { bodyBlocks, newPage, openReport, signInThroughForm } from './harness';
import { browserSuite, type BrowserSuite } from './suite';
import { paragraphText, placeCaret, placeSegmentCaret, sameOnEveryScreen, segmentText, typeText } from './typing';

const PARAGRAPH = 'The Working Group discussed the draft text and agreed on the principles.';
const TEXT = `1. Opening of the meeting.\n\n2. ${PARAGRAPH}\n\n3. Closing of the meeting.\n`;

interface Desk {
  pages: Page[];
  /** pid of the paragraph everyone types in. */
  pid: string;
  reportId: string;
}

interface People {
  users: Awaited<ReturnType<typeof signUp>>[];
  pages: Page[];
}

/** `count` drafters, signed in once in browsers of their own, kept for the file's tests. */
function people(suite: BrowserSuite, count: number): () => Promise<People> {
  let signedIn: Promise<People> | undefined;
  return () =>
    (signedIn ??= (async () => {
      const { server, browser, log } = suite;
      const users = [];
      const pages: Page[] = [];
      for (let i = 0; i < count; i++) {
        const user = await signUp(server.url);
        const { page } = await newPage(browser, log, `drafter${i}`);
        await signInThroughForm(page, server.url, user.name, user.password);
        users.push(user);
        pages.push(page);
      }
      return { users, pages };
    })());
}

/** A fresh report shared by all of `who`, open on every page. */
async function openDesk(suite: BrowserSuite, who: People): Promise<Desk> {
  const { server } = suite;
  const [owner, ...others] = who.users;
  const report = await createReport(server.url, owner.token, { title: 'Collisions', text: TEXT });
  for (const user of others) {
    const shared = await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: user.name, role: 'drafter' }, owner.token);
    expect(shared.status).toBe(200);
  }
  for (const page of who.pages) await openReport(page, server.url, report.id);
  const blocks = await bodyBlocks(who.pages[0]);
  const target = blocks.find(([, text]) => text === PARAGRAPH);
  if (!target) throw new Error(`paragraph not found in ${JSON.stringify(blocks)}`);
  return { pages: who.pages, pid: target[0], reportId: report.id };
}

/** After everyone stopped: the same text everywhere, and the same after a reload. */
async function settled(suite: BrowserSuite, desk: Desk): Promise<[string, string][]> {
  const blocks = await sameOnEveryScreen(desk.pages, bodyBlocks);
  const reloaded = desk.pages[desk.pages.length - 1];
  await openReport(reloaded, suite.server.url, desk.reportId);
  expect(await sameOnEveryScreen([reloaded], bodyBlocks)).toEqual(blocks);
  return blocks;
}

/** Where in PARAGRAPH a phrase starts (or ends, with `after`). */
function at(phrase: string, after = false): number {
  const i = PARAGRAPH.indexOf(phrase);
  if (i < 0) throw new Error(`"${phrase}" is not in the paragraph`);
  return after ? i + phrase.length : i;
}

const SPEEDS = [40, 140, 300];

describe('two drafters typing in one paragraph at once', { timeout: 90_000 }, () => {
  const suite = browserSuite();
  const two = people(suite, 2);

  for (const delay of SPEEDS) {
    it(`one at the start, one at the end, ${delay} ms per key`, async () => {
      const desk = await openDesk(suite, await two());
      const [a, b] = desk.pages;
      const atStart = 'Bob starts here. ';
      const atEnd = ' Alice types at the end.';
      await placeCaret(a, desk.pid, 'end');
      await placeCaret(b, desk.pid, 0);
      await Promise.all([typeText(a, atEnd, delay), typeText(b, atStart, delay)]);
      await settled(suite, desk);
      expect(await paragraphText(a, desk.pid)).toBe(atStart + PARAGRAPH + atEnd);
    });

    it(`both in the middle, a few characters apart, ${delay} ms per key`, async () => {
      const desk = await openDesk(suite, await two());
      const [a, b] = desk.pages;
      const i = at('draft text');
      const j = i + 'draft'.length;
      await placeCaret(a, desk.pid, i);
      await placeCaret(b, desk.pid, j);
      await Promise.all([typeText(a, 'amended ', delay), typeText(b, ' [sic]', delay)]);
      await settled(suite, desk);
      expect(await paragraphText(a, desk.pid)).toBe(PARAGRAPH.slice(0, i) + 'amended ' + PARAGRAPH.slice(i, j) + ' [sic]' + PARAGRAPH.slice(j));
    });

    it(`one types while the other deletes a word before it, ${delay} ms per key`, async () => {
      const desk = await openDesk(suite, await two());
      const [a, b] = desk.pages;
      const typedAt = at('agreed');
      const deleteEnd = at('draft ', true);
      await placeCaret(a, desk.pid, typedAt);
      await placeCaret(b, desk.pid, deleteEnd);
      await Promise.all([typeText(a, 'finally ', delay), typeText(b, '\b'.repeat('draft '.length), delay)]);
      await settled(suite, desk);
      const expected = PARAGRAPH.slice(0, typedAt) + 'finally ' + PARAGRAPH.slice(typedAt);
      expect(await paragraphText(a, desk.pid)).toBe(expected.replace('draft ', ''));
    });

    it(`with bold toggled mid-typing, ${delay} ms per key`, async () => {
      const desk = await openDesk(suite, await two());
      const [a, b] = desk.pages;
      await placeCaret(a, desk.pid, 'end');
      await placeCaret(b, desk.pid, 0);
      const typeBold = async () => {
        await typeText(a, ' See ', delay);
        await a.keyboard.press('Control+b');
        await typeText(a, 'annex', delay);
        await a.keyboard.press('Control+b');
        await typeText(a, ' I.', delay);
      };
      await Promise.all([typeBold(), typeText(b, 'Noted: ', delay)]);
      await settled(suite, desk);
      expect(await paragraphText(a, desk.pid)).toBe('Noted: ' + PARAGRAPH + ' See annex I.');
      for (const page of desk.pages) {
        expect(await page.locator(`.ProseMirror [data-pid="${desk.pid}"] strong`).allTextContents()).toEqual(['annex']);
      }
    });

    it(`Enter splits the paragraph while the other types in it, ${delay} ms per key`, async () => {
      const desk = await openDesk(suite, await two());
      const [a, b] = desk.pages;
      await placeCaret(a, desk.pid, 'end');
      await placeCaret(b, desk.pid, 0);
      await Promise.all([typeText(a, ' First.\nSecond one.', delay), typeText(b, 'In addition, ', delay)]);
      const blocks = await settled(suite, desk);
      const k = blocks.findIndex(([pid]) => pid === desk.pid);
      expect(blocks[k][1]).toBe('In addition, ' + PARAGRAPH + ' First.');
      expect(blocks[k + 1][1]).toBe('Second one.');
      expect(new Set(blocks.map(([pid]) => pid)).size).toBe(blocks.length);
    });
  }
});

describe('three drafters in one paragraph, two translators in one segment', { timeout: 90_000 }, () => {
  const suite = browserSuite();
  const three = people(suite, 3);

  for (const delay of SPEEDS) {
    it(`three at once: start, middle and end, ${delay} ms per key`, async () => {
      const desk = await openDesk(suite, await three());
      const [a, b, c] = desk.pages;
      const middle = at('agreed');
      await placeCaret(a, desk.pid, 'end');
      await placeCaret(b, desk.pid, middle);
      await placeCaret(c, desk.pid, 0);
      await Promise.all([typeText(a, ' (Alice)', delay), typeText(b, 'broadly ', delay), typeText(c, 'Today, ', delay)]);
      await settled(suite, desk);
      expect(await paragraphText(a, desk.pid)).toBe('Today, ' + PARAGRAPH.slice(0, middle) + 'broadly ' + PARAGRAPH.slice(middle) + ' (Alice)');
    });
  }

  for (const delay of SPEEDS) {
    it(`two French translators type in one segment at once, ${delay} ms per key`, async () => {
      const { server, browser, log } = suite;
      const owner = await signUp(server.url);
      const report = await createReport(server.url, owner.token, { title: 'Segment collisions', text: TEXT, languages: ['fr'] });
      const translators = [];
      for (let i = 0; i < 2; i++) {
        const user = await signUp(server.url);
        expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: user.name, role: 'translator', language: 'fr' }, owner.token)).status).toBe(200);
        const { page } = await newPage(browser, log, `translator${i}`);
        await signInThroughForm(page, server.url, user.name, user.password);
        await page.goto(`${server.url}/reports/${report.id}/translate/fr`);
        await page.waitForSelector('.trow[data-pid]');
        await page.waitForSelector('.connection-badge[data-state="online"]');
        translators.push(page);
      }
      const [a, b] = translators;
      const pid = (await a.locator('.trow[data-pid]').filter({ hasText: 'The Working Group discussed' }).getAttribute('data-pid'))!;
      const base = 'Le Groupe de travail a examiné le projet de texte.';
      await placeSegmentCaret(a, pid, 0);
      await a.keyboard.type(base);
      await sameOnEveryScreen(translators, (page) => segmentText(page, pid));
      expect(await segmentText(b, pid)).toBe(base);

      await placeSegmentCaret(a, pid, 'end');
      await placeSegmentCaret(b, pid, 0);
      await Promise.all([typeText(a, ' Il est convenu.', delay), typeText(b, 'En séance, ', delay)]);
      const shown = await sameOnEveryScreen(translators, (page) => segmentText(page, pid));
      expect(shown).toBe('En séance, ' + base + ' Il est convenu.');
      // What the server stored: a fresh page load shows the same.
      await b.reload();
      await b.waitForSelector(`.trow[data-pid="${pid}"]`);
      expect(await eventually(() => segmentText(b, pid), (text) => text === shown)).toBe(shown);
      for (const page of translators) await page.context().close();
    });
  }
});
