/**
 * Report-model nodes as every importer builds them. Marks always in one order, neighbouring
 * text with equal marks merged and empty content left out: the same text imported from plain
 * text, Markdown or .docx then gives the same nodes, which round trips and diffs rely on.
 */
import { newPid } from '../model/pid';
import type { MarkType, PMFootnote, PMHeading, PMInline, PMMark, PMParagraph } from '../model/schema';

export const MARK_ORDER: readonly MarkType[] = ['link', 'bold', 'italic', 'superscript', 'subscript'];

export function sortMarks<T extends { type: MarkType }>(marks: readonly T[]): T[] {
  return [...marks].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

function sameMarks(a: readonly PMMark[] | undefined, b: readonly PMMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Appends text, merging with the previous node when the marks match; `\n` is a hard break. */
export function appendText(out: PMInline[], text: string, marks: readonly PMMark[]): void {
  text.split('\n').forEach((part, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    if (part === '') return;
    const last = out[out.length - 1];
    if (last?.type === 'text' && sameMarks(last.marks, marks)) last.text += part;
    else out.push(marks.length ? { type: 'text', text: part, marks: [...marks] } : { type: 'text', text: part });
  });
}

export function paragraphNode(content: PMInline[], numbered: boolean): PMParagraph {
  return { type: 'paragraph', attrs: { pid: newPid(), numbered }, ...(content.length ? { content } : {}) };
}

export function headingNode(content: PMInline[], level: number): PMHeading {
  return { type: 'heading', attrs: { pid: newPid(), level }, ...(content.length ? { content } : {}) };
}

/** `pid` is given when references to the footnote were bound before it was built. */
export function footnoteNode(content: PMInline[], marker: string, pid = newPid()): PMFootnote {
  return { type: 'footnote', attrs: { pid, marker }, ...(content.length ? { content } : {}) };
}
