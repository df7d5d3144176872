/**
 * Typing as people do, for the co-editing tests: put a person's caret at a character offset of
 * a paragraph (found by pid), type with real key events at a given speed, and read back what
 * each screen shows. Several pages type at once; nothing here waits for the others.
 */
import type { Page } from 'playwright-core';

interface TiptapDom extends HTMLElement {
  editor: {
    state: { doc: PMLike; selection: { from: number } };
    chain(): { focus(): { setTextSelection(pos: number): { run(): boolean } } };
  };
}
interface PMLike {
  descendants(visit: (node: PMLike & { attrs: Record<string, unknown> }, pos: number) => boolean | void): void;
  nodeAt(pos: number): (PMLike & { content: { size: number } }) | null;
}

/**
 * Puts the caret of the editor `selector` (the report body, or one segment's editor) at
 * `offset` characters into the paragraph with `pid` ('end' for its end), and focuses it.
 */
export async function placeCaret(page: Page, pid: string, offset: number | 'end', selector = '.ProseMirror'): Promise<void> {
  await page.evaluate(
    ([sel, pid, offset]) => {
      const editors = [...document.querySelectorAll(sel as string)] as TiptapDom[];
      const root = editors.find((el) => el.querySelector(`[data-pid="${pid as string}"]`)) ?? editors[0];
      const editor = root.editor;
      let start = -1;
      editor.state.doc.descendants((node, pos) => {
        if (start >= 0) return false;
        if (node.attrs?.pid === pid) {
          start = pos;
          return false;
        }
        return true;
      });
      if (start < 0) throw new Error(`no paragraph ${pid as string}`);
      const size = editor.state.doc.nodeAt(start)!.content.size;
      editor.chain().focus().setTextSelection(start + 1 + (offset === 'end' ? size : Math.min(offset as number, size))).run();
    },
    [selector, pid, offset] as const,
  );
  // Tiptap focuses on the next animation frame: a key pressed before that would go nowhere.
  await page.waitForFunction(
    ([sel, pid]) => [...document.querySelectorAll(sel as string)].some((el) => el.contains(document.activeElement) && el.querySelector(`[data-pid="${pid as string}"]`)),
    [selector, pid] as const,
  );
}

/** Types `text` with real key events, `delay` ms per key; "\n" presses Enter, "\b" Backspace. */
export async function typeText(page: Page, text: string, delay: number): Promise<void> {
  for (const ch of text) {
    if (ch === '\n') await page.keyboard.press('Enter');
    else if (ch === '\b') await page.keyboard.press('Backspace');
    else await page.keyboard.type(ch);
    await page.waitForTimeout(delay);
  }
}

/** Text of the paragraph with `pid` as this page shows it (other people's carets left out). */
export async function paragraphText(page: Page, pid: string, selector = '.ProseMirror'): Promise<string> {
  return page.evaluate(
    ([sel, pid]) => {
      const el = document.querySelector(`${sel as string} [data-pid="${pid as string}"]`);
      if (!el) return '';
      const clone = el.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak').forEach((c) => c.remove());
      return clone.textContent ?? '';
    },
    [selector, pid] as const,
  );
}

/** Polls until every page shows the same value of `read`, and returns it. */
export async function sameOnEveryScreen<T>(pages: Page[], read: (page: Page) => Promise<T>, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const values = await Promise.all(pages.map(read));
    const json = values.map((v) => JSON.stringify(v));
    if (json.every((j) => j === json[0])) return values[0];
    if (Date.now() > deadline) throw new Error(`screens differ:\n${json.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks a grid row's translation cell (mounting its editor) and puts the caret at `offset`. */
export async function placeSegmentCaret(page: Page, pid: string, offset: number | 'end'): Promise<void> {
  const editorSel = `.trow[data-pid="${pid}"] .segment-editor .ProseMirror`;
  if ((await page.locator(editorSel).count()) === 0) await page.locator(`.trow[data-pid="${pid}"] .trow-target`).click();
  await page.waitForSelector(`${editorSel}[contenteditable="true"]`);
  await page.evaluate(
    ([sel, offset]) => {
      const editor = (document.querySelector(sel as string) as TiptapDom).editor;
      const size = editor.state.doc.nodeAt(0)!.content.size;
      editor.chain().focus().setTextSelection(1 + (offset === 'end' ? size : Math.min(offset as number, size))).run();
    },
    [editorSel, offset] as const,
  );
  await page.waitForFunction((sel) => document.querySelector(sel)?.contains(document.activeElement) === true, editorSel);
}

/** The text of a grid row's translation as this page shows it (editor or static cell). */
export async function segmentText(page: Page, pid: string): Promise<string> {
  return page.evaluate((pid) => {
    const body = document.querySelector(`.trow[data-pid="${pid}"] .trow-target .segment-body`);
    if (!body) return '';
    const clone = body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak, .placeholder').forEach((c) => c.remove());
    return clone.textContent ?? '';
  }, pid);
}
