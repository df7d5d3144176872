/**
 * Accepting and rejecting suggestions in the editor (issue 13): one, all, all in a selection,
 * all by one author. Accepting applies every change in one ProseMirror transaction — one
 * undoable step, whose undo reopens the suggestions (useAcceptUndo in useThreadCards) — and
 * marks the threads accepted in one review-room transaction. Rejecting only changes status.
 */
import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { canJoin } from '@tiptap/pm/transform';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { setStatus, type Thread } from '../../../shared/src/review/threads';
import { reviewRanges } from '../review/reviewDecorations';
import type { Range } from '../review/anchors';
import { ACCEPT_META } from './suggestingPlugin';
import { outerOf, type Outer } from './reanchor';

/** Undo-stack meta: the suggestions a stack item accepted (a thread id or a list of them). */
export const ACCEPTED = 'plenary:accepted';
/** Undo-stack meta: thread id → the characters around it (reanchor.ts). */
export const ACCEPTED_OUTER = 'plenary:accepted-outer';

export const undoManagerOf = (editor: Editor) => (yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager;

/** Inserts text at [from, to), a line break splitting the paragraph. */
function insertLines(tr: Transaction, text: string, from: number, to: number): void {
  const lines = text.split('\n');
  if (lines[0]) tr.insertText(lines[0], from, to);
  else if (to > from) tr.delete(from, to);
  let at = from + lines[0].length;
  for (const line of lines.slice(1)) {
    tr.split(at);
    at += 2;
    if (line) tr.insertText(line, at);
    at += line.length;
  }
}

function apply(tr: Transaction, thread: Thread, range: Range): boolean {
  if (thread.join) {
    // The point is the end of the first paragraph; the boundary is just after it.
    const at = range.from + 1;
    if (at > tr.doc.content.size || !canJoin(tr.doc, at)) return false;
    tr.join(at);
    return true;
  }
  if (thread.change === 'format' && thread.format) {
    const type = tr.doc.type.schema.marks[thread.format.mark];
    if (!type) return false;
    if (thread.format.on) tr.addMark(range.from, range.to, type.create());
    else tr.removeMark(range.from, range.to, type);
    return true;
  }
  const proposed = thread.proposed ?? '';
  if (proposed) insertLines(tr, proposed, range.from, range.to);
  else if (range.to > range.from) tr.delete(range.from, range.to);
  else return false;
  return true;
}

/**
 * Accepts the open suggestions among `threads` whose text still exists, as one step. Changes
 * are applied from the end of the document backwards, so earlier ranges stay where they are;
 * a suggestion overlapping one already applied stays open. Returns the ids accepted.
 */
export function acceptMany(editor: Editor, review: Y.Doc, threads: readonly Thread[]): string[] {
  if (editor.isDestroyed) return [];
  const ranges = reviewRanges(editor);
  const located = threads
    .filter((t) => t.kind === 'suggestion' && t.status === 'open')
    .flatMap((t) => {
      const range = ranges.get(t.id);
      return range ? [{ thread: t, range }] : [];
    })
    .sort((a, b) => b.range.from - a.range.from || b.range.to - a.range.to);
  const before = editor.state;
  const tr = before.tr;
  const accepted: string[] = [];
  const outer = new Map<string, Outer>();
  let limit = Infinity;
  for (const { thread, range } of located) {
    if (range.to > limit || (range.to === limit && range.to > range.from && accepted.length)) continue;
    const around = outerOf(before, thread, range);
    if (apply(tr, thread, range)) {
      accepted.push(thread.id);
      if (around) outer.set(thread.id, around);
      limit = range.from;
    }
  }
  if (!accepted.length) return [];
  const undo = undoManagerOf(editor);
  undo?.stopCapturing();
  editor.view.dispatch(tr.setMeta(ACCEPT_META, true));
  undo?.undoStack.at(-1)?.meta.set(ACCEPTED, accepted);
  undo?.undoStack.at(-1)?.meta.set(ACCEPTED_OUTER, outer);
  undo?.stopCapturing();
  review.transact(() => accepted.forEach((id) => setStatus(review, id, 'accepted')));
  return accepted;
}

export function rejectMany(review: Y.Doc, threads: readonly Thread[]): string[] {
  const ids = threads.filter((t) => t.kind === 'suggestion' && t.status === 'open').map((t) => t.id);
  review.transact(() => ids.forEach((id) => setStatus(review, id, 'rejected')));
  return ids;
}
