/**
 * Suggesting mode's writes (issue 13): turns one intended edit of the text — replace [from, to)
 * with `text`, or toggle a mark over a range — into suggestions in the `<id>.review` room,
 * leaving the text alone. One suggestion per contiguous run, as Google Docs does: typing where
 * one's own open insertion ends extends it, Backspace shrinks it, deleting next to one's own
 * deletion widens that deletion. Threads are looked up in the review doc itself (not in what
 * the editor last drew), so fast typing never splits a run.
 */
import * as Y from 'yjs';
import type { EditorState } from '@tiptap/pm/state';
import { createThread, isPointChange, readThread, threadsMap, type FormatMark, type Thread } from '../../../shared/src/review/threads';
import { anchorOfPoint, anchorOfRange, blockAt, rangeOfAnchor, type Range } from '../review/anchors';

export interface SuggestTarget {
  review: Y.Doc;
  /** The language room the editor shows. */
  room: string;
  author: string;
  /** The row new suggestions belong to (the grid: a segment's block carries no pid of its own). */
  pid?: string;
}

interface Located {
  thread: Thread;
  map: Y.Map<unknown>;
  range: Range;
}

/** Open suggestions in this room with their ranges now; `mine` keeps the author's own. */
function openSuggestions(state: EditorState, target: SuggestTarget, mine: boolean): Located[] {
  const out: Located[] = [];
  for (const [id, map] of threadsMap(target.review).entries()) {
    if (map.get('kind') !== 'suggestion' || map.get('status') !== 'open' || map.get('room') !== target.room) continue;
    if (mine && map.get('createdBy') !== target.author) continue;
    const thread = readThread(id, map);
    if (!thread.anchor) continue;
    const range = rangeOfAnchor(state, thread.anchor, state.doc, isPointChange(thread));
    if (range) out.push({ thread, map, range });
  }
  return out;
}

const dropLastChar = (s: string) => Array.from(s).slice(0, -1).join('');

/**
 * Suggests replacing [from, to) with `text` (an insertion when from = to, a deletion when text
 * is empty). `backward` is a Backspace. Returns where the cursor goes, or null when nothing
 * was suggested (a join of paragraphs, or no binding yet).
 */
export function suggestReplace(state: EditorState, target: SuggestTarget, from: number, to: number, text: string, backward: boolean): number | null {
  const block = blockAt(state.doc, from);
  if (!block) return null;
  if (!text && from === block.end && to > from) return suggestJoin(state, target, block, backward ? from : to);
  to = Math.min(to, block.end);
  if (to < from || (to === from && !text)) return null;
  const mine = openSuggestions(state, target, true);
  const review = target.review;

  if (!text) {
    // Backspace at the end of one's own proposed text takes back its last character.
    const typing = backward ? mine.find((s) => s.range.to === to && s.thread.change !== 'format' && s.thread.proposed) : undefined;
    if (typing) {
      const rest = dropLastChar(typing.thread.proposed ?? '');
      review.transact(() => {
        if (!rest && typing.thread.change === 'insert') threadsMap(review).delete(typing.thread.id);
        else {
          typing.map.set('proposed', rest);
          if (!rest) typing.map.set('change', 'delete');
        }
      });
      return to;
    }
    const after = backward ? from : to;
    const all = openSuggestions(state, target, false);
    // Already proposed for deletion (by anyone): just move over it.
    if (all.some((s) => s.thread.change !== 'insert' && s.thread.change !== 'format' && s.range.from <= from && s.range.to >= to)) return after;
    const next = mine.find((s) => s.thread.change === 'delete' && (s.range.from === to || s.range.to === from));
    const range = next ? { from: Math.min(from, next.range.from), to: Math.max(to, next.range.to) } : { from, to };
    const anchor = anchorOfRange(state, range);
    if (!anchor) return null;
    const quote = state.doc.textBetween(range.from, range.to, ' ', ' ');
    if (next) {
      review.transact(() => {
        next.map.set('anchor', anchor);
        next.map.set('quote', quote);
      });
    } else createThread(review, { room: target.room, pid: target.pid ?? block.pid, anchor, quote, kind: 'suggestion', change: 'delete', proposed: '', author: target.author, body: '' });
    return after;
  }

  if (from === to) {
    const run = mine.find((s) => s.range.to === from && (s.thread.change === 'insert' || s.thread.change === 'replace'));
    if (run) {
      run.map.set('proposed', (run.thread.proposed ?? '') + text);
      return from;
    }
    const anchor = anchorOfPoint(state, from);
    if (!anchor) return null;
    createThread(review, { room: target.room, pid: target.pid ?? block.pid, anchor, quote: '', kind: 'suggestion', change: 'insert', proposed: text, author: target.author, body: '' });
    return from;
  }

  const anchor = anchorOfRange(state, { from, to });
  if (!anchor) return null;
  const quote = state.doc.textBetween(from, to, ' ', ' ');
  createThread(review, { room: target.room, pid: target.pid ?? block.pid, anchor, quote, kind: 'suggestion', change: 'replace', proposed: text, author: target.author, body: '' });
  return to;
}

/** Backspace at a paragraph's start (Delete at its end): suggests joining it to the previous one. */
function suggestJoin(state: EditorState, target: SuggestTarget, block: { pid: string; end: number }, cursor: number): number | null {
  const next = state.doc.resolve(Math.min(block.end + 1, state.doc.content.size));
  if (!next.nodeAfter?.isTextblock) return null;
  if (openSuggestions(state, target, false).some((s) => s.thread.join && s.range.from === block.end)) return cursor;
  const anchor = anchorOfPoint(state, block.end);
  if (!anchor) return null;
  createThread(target.review, { room: target.room, pid: target.pid ?? block.pid, anchor, quote: '¶', kind: 'suggestion', change: 'delete', join: true, proposed: '', author: target.author, body: '' });
  return cursor;
}

/** Suggests adding (`on`) or removing a mark over [from, to); toggling back withdraws it. */
export function suggestFormat(state: EditorState, target: SuggestTarget, from: number, to: number, mark: FormatMark, on: boolean): boolean {
  const block = blockAt(state.doc, from);
  if (!block) return false;
  to = Math.min(to, block.end);
  if (to <= from) return false;
  const same = openSuggestions(state, target, true).find(
    (s) => s.thread.change === 'format' && s.thread.format?.mark === mark && s.range.from === from && s.range.to === to,
  );
  if (same) {
    if (same.thread.format?.on !== on) threadsMap(target.review).delete(same.thread.id);
    return true;
  }
  const anchor = anchorOfRange(state, { from, to });
  if (!anchor) return false;
  const quote = state.doc.textBetween(from, to, ' ', ' ');
  createThread(target.review, { room: target.room, pid: target.pid ?? block.pid, anchor, quote, kind: 'suggestion', change: 'format', format: { mark, on }, author: target.author, body: '' });
  return true;
}
