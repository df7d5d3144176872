/**
 * A seeded randomized co-editing run in the browser: three drafters edit one paragraph at
 * once with real keys — runs of characters at random places, Backspace, arrow keys — at
 * random speeds, so remote changes land before, after and between each person's caret at
 * random moments. Each person works in their own stretch of the paragraph (the stretches are
 * separated by a "|" nobody deletes), so the result is known in advance: each stretch must
 * read exactly as its author's own key presses made it, every screen must equal the CRDT
 * (a reload shows what the server stored), and no one's text may move into another's.
 *
 * A failing seed replays the same key presses (timing differs, the oracle does not).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, createReport, signUp } from '../helpers/server';
import { bodyBlocks, newPage, openReport, signInThroughForm } from './harness';
import { browserSuite } from './suite';
import { paragraphText, sameOnEveryScreen } from './typing';
import { mulberry32 } from '../helpers/mulberry32';

const STRETCHES = ['The Working Group discussed ', ' the draft text and agreed ', ' on the principles.'];
const PARAGRAPH = STRETCHES.join('|');
const TEXT = `1. Opening of the meeting.\n\n2. ${PARAGRAPH}\n\n3. Closing of the meeting.\n`;
const ALPHABETS = ['ABCDEFGH', 'KLMNOPRS', 'TUVWXYZQ'];
const OPS_PER_PERSON = 14;
/** Seeds run in CI (5 lost arrow-key moves before presence messages read the DOM first); PLENARY_SEEDS=1,2,3 runs others. */
const SEEDS = process.env.PLENARY_SEEDS ? process.env.PLENARY_SEEDS.split(',').map(Number) : [1, 5, 7, 2024];

const random = mulberry32;

type Op = { kind: 'move'; offset: number } | { kind: 'type'; text: string } | { kind: 'backspace'; count: number } | { kind: 'arrow'; key: 'ArrowLeft' | 'ArrowRight'; count: number };

/** What one person does to their stretch, and what the stretch must read afterwards. */
function plan(rand: () => number, start: string, alphabet: string): { ops: { op: Op; delay: number }[]; expected: string } {
  let text = start;
  let caret = Math.floor(rand() * (text.length + 1));
  const ops: { op: Op; delay: number }[] = [{ op: { kind: 'move', offset: caret }, delay: 0 }];
  for (let i = 0; i < OPS_PER_PERSON; i++) {
    const delay = 20 + Math.floor(rand() * 200);
    const r = rand();
    let op: Op;
    if (r < 0.5) {
      const length = 1 + Math.floor(rand() * 5);
      let run = '';
      for (let k = 0; k < length; k++) run += alphabet[Math.floor(rand() * alphabet.length)];
      op = { kind: 'type', text: run };
      text = text.slice(0, caret) + run + text.slice(caret);
      caret += run.length;
    } else if (r < 0.7) {
      const count = Math.min(caret, 1 + Math.floor(rand() * 3));
      op = { kind: 'backspace', count };
      text = text.slice(0, caret - count) + text.slice(caret);
      caret -= count;
    } else if (r < 0.85) {
      const key = rand() < 0.5 ? 'ArrowLeft' : 'ArrowRight';
      const room = key === 'ArrowLeft' ? caret : text.length - caret;
      const count = Math.min(room, 1 + Math.floor(rand() * 4));
      op = { kind: 'arrow', key, count };
      caret += key === 'ArrowLeft' ? -count : count;
    } else {
      caret = Math.floor(rand() * (text.length + 1));
      op = { kind: 'move', offset: caret };
    }
    ops.push({ op, delay });
  }
  return { ops, expected: text };
}

/** Puts person `index`'s caret `offset` characters into their stretch, as it is on their screen. */
async function moveInStretch(page: Page, pid: string, index: number, offset: number): Promise<void> {
  await page.evaluate(
    ([pid, index, offset]) => {
      interface Block {
        attrs: Record<string, unknown>;
        textContent: string;
      }
      interface Editor {
        state: { doc: { descendants(visit: (node: Block, pos: number) => boolean): void; nodeAt(pos: number): Block } };
        chain(): { focus(): { setTextSelection(pos: number): { run(): boolean } } };
      }
      const editor = (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
      let start = -1;
      editor.state.doc.descendants((node, pos) => {
        if (start >= 0) return false;
        if (node.attrs.pid === pid) start = pos;
        return start < 0;
      });
      const text = editor.state.doc.nodeAt(start).textContent;
      let from = 0;
      for (let k = 0; k < index; k++) from = text.indexOf('|', from) + 1;
      editor.chain().focus().setTextSelection(start + 1 + from + offset).run();
    },
    [pid, index, offset] as const,
  );
  await page.waitForFunction(() => document.querySelector('.ProseMirror')?.contains(document.activeElement) === true);
}

async function perform(page: Page, pid: string, index: number, ops: { op: Op; delay: number }[]): Promise<void> {
  for (const { op, delay } of ops) {
    if (op.kind === 'move') await moveInStretch(page, pid, index, op.offset);
    else if (op.kind === 'type') for (const ch of op.text) await page.keyboard.type(ch, { delay: delay / 4 });
    else if (op.kind === 'backspace') for (let k = 0; k < op.count; k++) await page.keyboard.press('Backspace');
    else for (let k = 0; k < op.count; k++) await page.keyboard.press(op.key);
    await page.waitForTimeout(delay);
  }
}

describe('randomized co-editing of one paragraph in the browser', () => {
  const suite = browserSuite();

  for (const seed of SEEDS) {
    it(`seed ${seed}: three drafters, random edits, random interleavings`, { timeout: 120_000, retry: 1 }, async () => {
      const { server, browser, log } = suite;
      const users = [];
      for (let i = 0; i < 3; i++) users.push(await signUp(server.url));
      const report = await createReport(server.url, users[0].token, { title: `Random ${seed}`, text: TEXT });
      for (const user of users.slice(1)) {
        expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: user.name, role: 'drafter' }, users[0].token)).status).toBe(200);
      }
      const pages: Page[] = [];
      for (const [i, user] of users.entries()) {
        const { page } = await newPage(browser, log, `random${seed}-${i}`);
        await signInThroughForm(page, server.url, user.name, user.password);
        await openReport(page, server.url, report.id);
        pages.push(page);
      }
      const pid = (await bodyBlocks(pages[0])).find(([, text]) => text === PARAGRAPH)![0];

      const rand = random(seed);
      const plans = STRETCHES.map((stretch, i) => plan(rand, stretch, ALPHABETS[i]));
      await Promise.all(pages.map((page, i) => perform(page, pid, i, plans[i].ops)));

      const expected = plans.map((p) => p.expected).join('|');
      const shown = await sameOnEveryScreen(pages, (page) => paragraphText(page, pid));
      expect(shown, `seed ${seed}`).toBe(expected);
      await openReport(pages[2], server.url, report.id);
      expect(await sameOnEveryScreen([pages[2]], (page) => paragraphText(page, pid))).toBe(expected);
      for (const page of pages) await page.context().close();
    });
    // One retry, kept as a guard: under a heavily loaded CPU (the whole suite on 2 cores) a
    // typed run was placed one character off twice in ~25 suite runs before keepLocalIntent.ts
    // read pending caret moves before remote updates. Since then (2026-12-04) no failure in 92
    // runs of a seed without the retry (22 runs of this file beside a busy-looping process, one
    // of the whole browser suite). A second failure of the same seed fails the run.
  }
});
