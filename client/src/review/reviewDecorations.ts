/**
 * Review threads drawn in the editor: a highlight over each visible thread's range, and for an
 * open suggestion the old text struck through followed by the proposed text (a widget, built
 * with textContent — review text is never parsed as HTML). Nothing here is stored.
 *
 * The review layer pushes the threads in with a transaction meta. Ranges are resolved from the
 * anchors (Yjs relative positions) when threads change and when the body changes from Yjs
 * (remote edits, undo); local edits just map them, because the Yjs body catches up with a local
 * ProseMirror change only after the transaction.
 *
 * The extension also publishes its editor per Yjs doc, so the review layer, mounted beside the
 * editor rather than inside it, can reach the editor of a room.
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { isPointChange, type Anchor, type Thread } from '../../../shared/src/review/threads';
import { rangeOfAnchor, type Range } from './anchors';

/** What the review layer shows; sent as the plugin's meta. */
export interface ReviewView {
  /** Threads of this room (the editor's language). */
  threads: readonly Thread[];
  /** Ids of the threads the filter shows (highlighted). Open suggestions always render. */
  visible: ReadonlySet<string>;
  active: string | null;
  /** The thread under the pointer (in the text or in the margin). */
  hover: string | null;
  /** The range a new thread is being written for. */
  pending: Anchor | null;
  /** The colour of an author (suggestions are drawn in it). */
  colorOf?: (name: string) => string;
}

interface ReviewState extends ReviewView {
  /** Thread id → range now, for threads whose text still exists. */
  ranges: ReadonlyMap<string, Range>;
  pendingRange: Range | null;
  decorations: DecorationSet;
}

export const reviewKey = new PluginKey<ReviewState>('review');

const EMPTY: ReviewView = { threads: [], visible: new Set(), active: null, hover: null, pending: null };
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The class that ties highlighted text to its card (ids from the network are checked). */
export const threadClass = (id: string) => (SAFE_ID.test(id) ? `review-t-${id}` : '');

const showsSuggestion = (t: Thread) => t.kind === 'suggestion' && t.status === 'open';

/** `sync` gives the Yjs binding (the state before the transaction: plugin states apply in order). */
function resolveAll(sync: EditorState, doc: PMNode, view: ReviewView): { ranges: Map<string, Range>; pendingRange: Range | null } {
  const ranges = new Map<string, Range>();
  for (const thread of view.threads) {
    const range = rangeOfAnchor(sync, thread.anchor, doc, isPoint(thread));
    if (range) ranges.set(thread.id, range);
  }
  return { ranges, pendingRange: view.pending ? rangeOfAnchor(sync, view.pending, doc) : null };
}

/** A suggested insertion: its anchor is a point. */
export const isPoint = (t: Thread) => isPointChange(t);

function mapRange(tr: Transaction, range: Range | null, point = false): Range | null {
  if (!range) return null;
  if (point) {
    const at = tr.mapping.mapResult(range.from, -1);
    return at.deletedBefore && at.deletedAfter ? null : { from: at.pos, to: at.pos };
  }
  const from = tr.mapping.map(range.from, 1);
  const to = tr.mapping.map(range.to, -1);
  return to > from ? { from, to } : null;
}

function proposalWidget(id: string, text: string, color: string | undefined): HTMLElement {
  const el = document.createElement('span');
  el.className = 'review-suggest-new';
  if (color) el.style.setProperty('--suggest-color', color);
  el.dataset.thread = id;
  el.textContent = text;
  el.contentEditable = 'false';
  return el;
}

/** A paragraph break proposed for deletion: a struck pilcrow at the end of the first paragraph. */
function joinWidget(id: string, color: string | undefined): HTMLElement {
  const el = document.createElement('span');
  el.className = `review-suggest-old review-suggest-join ${threadClass(id)}`;
  if (color) el.style.setProperty('--suggest-color', color);
  el.dataset.thread = id;
  el.textContent = '¶';
  el.contentEditable = 'false';
  return el;
}

function decorate(state: EditorState, view: ReviewView, ranges: ReadonlyMap<string, Range>, pendingRange: Range | null): DecorationSet {
  const decorations: Decoration[] = [];
  const size = state.doc.content.size;
  for (const thread of view.threads) {
    const range = ranges.get(thread.id);
    if (!range || range.to > size) continue;
    const suggestion = showsSuggestion(thread);
    if (!suggestion && !view.visible.has(thread.id)) continue;
    const active = view.active === thread.id ? ' is-active' : view.hover === thread.id ? ' is-hover' : '';
    const color = suggestion ? view.colorOf?.(thread.createdBy) : undefined;
    const style = color ? `--suggest-color: ${color}` : undefined;
    const cls = !suggestion ? 'review-mark' : thread.change === 'format' ? 'review-suggest-format' : 'review-suggest-old';
    if (range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { class: `${cls} ${threadClass(thread.id)}${active}`, ...(style ? { style } : {}) }));
    if (suggestion && thread.join) {
      decorations.push(Decoration.widget(range.from, () => joinWidget(thread.id, color), { side: 1, key: `join:${thread.id}:${color ?? ''}`, ignoreSelection: true }));
    } else if (suggestion && thread.change !== 'format' && thread.proposed) {
      const proposed = thread.proposed;
      decorations.push(
        // The key ignores hover and focus: a widget redrawn under the pointer would swallow
        // the click that lands on it. The struck text shows the state instead.
        Decoration.widget(range.to, () => proposalWidget(thread.id, proposed, color), {
          side: -1,
          key: `suggest:${thread.id}:${proposed}:${color ?? ''}`,
          ignoreSelection: true,
        }),
      );
    }
  }
  if (pendingRange && pendingRange.to <= size) decorations.push(Decoration.inline(pendingRange.from, pendingRange.to, { class: 'review-pending' }));
  return DecorationSet.create(state.doc, decorations);
}

export function reviewPlugin(): Plugin<ReviewState> {
  return new Plugin<ReviewState>({
    key: reviewKey,
    state: {
      init: (_config, state) => ({ ...EMPTY, ranges: new Map(), pendingRange: null, decorations: DecorationSet.create(state.doc, []) }),
      apply(tr, prev, old, state) {
        const meta = tr.getMeta(reviewKey) as Partial<ReviewView> | undefined;
        const fromYjs = tr.docChanged && tr.getMeta(ySyncPluginKey) !== undefined;
        if (!meta && !tr.docChanged) return prev;
        const view: ReviewView = { threads: prev.threads, visible: prev.visible, active: prev.active, hover: prev.hover, pending: prev.pending, ...meta };
        let { ranges, pendingRange } = prev;
        if (fromYjs || meta?.threads || meta?.pending !== undefined) {
          ({ ranges, pendingRange } = resolveAll(old, state.doc, view));
        } else if (tr.docChanged) {
          const mapped = new Map<string, Range>();
          const points = new Set(view.threads.filter(isPoint).map((t) => t.id));
          for (const [id, range] of ranges) {
            const next = mapRange(tr, range, points.has(id));
            if (next) mapped.set(id, next);
          }
          ranges = mapped;
          pendingRange = mapRange(tr, pendingRange);
        }
        return { ...view, ranges, pendingRange, decorations: decorate(state, view, ranges, pendingRange) };
      },
    },
    props: {
      decorations: (state) => reviewKey.getState(state)?.decorations,
    },
  });
}

/** Sends what the review layer shows to the editor. */
export function showReview(editor: Editor, view: Partial<ReviewView>): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(reviewKey, view).setMeta('addToHistory', false));
}

export function reviewRanges(editor: Editor): ReadonlyMap<string, Range> {
  return reviewKey.getState(editor.state)?.ranges ?? new Map();
}

export function pendingRange(editor: Editor): Range | null {
  return reviewKey.getState(editor.state)?.pendingRange ?? null;
}

/** The thread a highlight or proposal in the text belongs to. */
export function threadAtElement(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest('.review-mark, .review-suggest-old, .review-suggest-new, .review-suggest-format') : null;
  if (!el) return null;
  if (el instanceof HTMLElement && el.dataset.thread) return el.dataset.thread;
  for (const name of el.classList) if (name.startsWith('review-t-')) return name.slice('review-t-'.length);
  return null;
}

// ---- editors by Yjs doc ----

const editors = new Map<Y.Doc, Editor>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

export function reviewEditorOf(doc: Y.Doc): Editor | null {
  return editors.get(doc) ?? null;
}

export function subscribeReviewEditors(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const ReviewDecorations = Extension.create<{ doc: Y.Doc | null }>({
  name: 'reviewDecorations',
  addOptions: () => ({ doc: null }),
  addProseMirrorPlugins() {
    return [reviewPlugin()];
  },
  onCreate() {
    if (!this.options.doc) return;
    editors.set(this.options.doc, this.editor);
    changed();
  },
  onDestroy() {
    if (this.options.doc && editors.get(this.options.doc) === this.editor) {
      editors.delete(this.options.doc);
      changed();
    }
  },
});
