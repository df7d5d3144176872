/**
 * A footnote's marker (`footnoteRef`) and its note (`footnote` block) live and die together.
 * When a local edit removes the last marker of a note (a paragraph deleted, a selection typed
 * over), the note goes in the same transaction — hence the same Yjs update and the same undo
 * step, so Ctrl+Z brings both back; when it removes a note, its markers go too (notes with a
 * fixed marker such as `*` stay: the masthead may refer to them). Each such
 * removal is announced (a DOM event the editor shows), never silent. A removed note is
 * remembered a while: pasting its cut marker back (moving a paragraph by cut and paste) brings
 * the note back too.
 *
 * Only steps that removed content are looked at, so typing costs nothing here. Remote changes
 * are left alone (the author's client did this already; fixing them again would race), and so
 * are readers' clients. Notes that still lose their marker (concurrent edits, old documents)
 * are flagged by the marker plugin and the outline.
 *
 * Clicking a marker puts the caret beside it (the side nearer the click), never selects it.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import type { UndoManager } from 'yjs';
import { computeFootnoteMarkers } from './footnoteMarkers';
import { footnoteInsertPosition } from '../schema/footnote';

export const FOOTNOTES_REMOVED = 'plenary:footnotes-removed';

export interface FootnotesRemovedDetail {
  /** Displayed markers of the footnotes removed, in order ("1", "*"). */
  markers: string[];
}

export const footnoteLifecycleKey = new PluginKey('footnoteLifecycle');

interface Removed {
  refTargets: Set<string>;
  notes: Set<string>;
}

/** Ref targets and note pids that the transactions' steps deleted (from the docs before each step). */
function removedByTransactions(transactions: readonly Transaction[]): Removed {
  const removed: Removed = { refTargets: new Set(), notes: new Set() };
  for (const tr of transactions) {
    tr.steps.forEach((step, i) => {
      const before = tr.docs[i];
      step.getMap().forEach((oldStart, oldEnd) => {
        if (oldEnd <= oldStart) return;
        before.nodesBetween(oldStart, oldEnd, (node, pos) => {
          if (node.type.name === 'footnoteRef' && pos >= oldStart && pos + node.nodeSize <= oldEnd) removed.refTargets.add(node.attrs.target as string);
          if (node.type.name === 'footnote') {
            if (pos >= oldStart && pos + node.nodeSize <= oldEnd) removed.notes.add(node.attrs.pid as string);
            return false;
          }
          return true;
        });
      });
    });
  }
  return removed;
}

/** Where the notes and the markers of a document are. */
function footnotePlaces(doc: PMNode): { notes: Map<string, { pos: number; size: number; fixed: boolean }>; refs: { target: string; pos: number }[] } {
  const notes = new Map<string, { pos: number; size: number; fixed: boolean }>();
  const refs: { target: string; pos: number }[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'footnote') {
      notes.set(node.attrs.pid as string, { pos, size: node.nodeSize, fixed: Boolean(node.attrs.marker) });
      return false;
    }
    if (node.type.name === 'footnoteRef') refs.push({ target: node.attrs.target as string, pos });
    return !node.isTextblock || node.childCount > 1 || node.firstChild?.isText !== true;
  });
  return { notes, refs };
}

/**
 * The transaction that removes the notes whose last marker went and the markers whose note
 * went, with the displayed markers of what it removed (read from `before`); null if none.
 */
export function keepFootnotesPaired(before: EditorState, after: EditorState, removed: Removed, removedNotes?: Map<string, PMNode>): { tr: Transaction; markers: string[] } | null {
  if (removed.refTargets.size === 0 && removed.notes.size === 0) return null;
  const { notes, refs } = footnotePlaces(after.doc);
  const stillReferenced = new Set(refs.map((r) => r.target));
  const cuts: { from: number; to: number }[] = [];
  const gone = new Set<string>();
  for (const target of removed.refTargets) {
    const note = notes.get(target);
    // A note with a fixed marker (`*`) may still be referred to from the masthead.
    if (note && !note.fixed && !stillReferenced.has(target)) {
      cuts.push({ from: note.pos, to: note.pos + note.size });
      gone.add(target);
      remember(removedNotes, after.doc.nodeAt(note.pos));
    }
  }
  for (const pid of removed.notes) {
    if (notes.has(pid)) continue;
    for (const ref of refs) if (ref.target === pid) cuts.push({ from: ref.pos, to: ref.pos + 1 });
    gone.add(pid);
  }
  if (cuts.length === 0) return null;
  const tr = after.tr;
  // From the end, so earlier positions stay valid.
  for (const cut of cuts.sort((a, b) => b.from - a.from)) tr.delete(cut.from, cut.to);
  const shown = computeFootnoteMarkers(before.doc);
  const markers = [...gone].map((pid) => shown.get(pid)).filter((m): m is string => m !== undefined);
  return { tr, markers };
}

/** Notes removed with their last marker, kept a while: a cut marker pasted back brings its note. */
const REMEMBERED_NOTES = 50;

function remember(removedNotes: Map<string, PMNode> | undefined, node: PMNode | null): void {
  if (!removedNotes || !node) return;
  removedNotes.delete(node.attrs.pid as string);
  removedNotes.set(node.attrs.pid as string, node);
  if (removedNotes.size > REMEMBERED_NOTES) removedNotes.delete(removedNotes.keys().next().value!);
}

/** Targets of the markers the transactions inserted (only inserted ranges are read: typing is free). */
function insertedRefTargets(transactions: readonly Transaction[], doc: PMNode): Set<string> {
  const targets = new Set<string>();
  transactions.forEach((tr, t) => {
    tr.steps.forEach((step, i) => {
      step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        if (newEnd <= newStart) return;
        let from = tr.mapping.slice(i + 1).map(newStart, -1);
        let to = tr.mapping.slice(i + 1).map(newEnd, 1);
        for (const later of transactions.slice(t + 1)) [from, to] = [later.mapping.map(from, -1), later.mapping.map(to, 1)];
        if (to <= from) return;
        doc.nodesBetween(from, Math.min(to, doc.content.size), (node) => {
          if (node.type.name === 'footnoteRef') targets.add(node.attrs.target as string);
          return node.type.name !== 'footnote';
        });
      });
    });
  });
  return targets;
}

/** What the plugin appends after local `transactions`: the pairing fix, or null. */
export function footnotePairing(
  transactions: readonly Transaction[],
  oldState: EditorState,
  newState: EditorState,
  removedNotes?: Map<string, PMNode>,
): { tr: Transaction; markers: string[] } | null {
  if (!transactions.some((tr) => tr.docChanged)) return null;
  const paired = keepFootnotesPaired(oldState, newState, removedByTransactions(transactions), removedNotes);
  const back = removedNotes?.size ? [...insertedRefTargets(transactions, newState.doc)].filter((t) => removedNotes.has(t)) : [];
  if (back.length === 0) return paired;
  const tr = paired?.tr ?? newState.tr;
  const present = footnotePlaces(tr.doc).notes;
  for (const pid of back) {
    if (present.has(pid)) continue;
    tr.insert(footnoteInsertPosition(tr.doc, pid), removedNotes!.get(pid)!);
    removedNotes!.delete(pid);
  }
  return tr.docChanged ? { tr, markers: paired?.markers ?? [] } : paired;
}

export interface FootnoteLifecycleOptions {
  /** Whether this client may write (readers never remove anything). */
  canFix: () => boolean;
}

export const FootnoteLifecycle = Extension.create<FootnoteLifecycleOptions>({
  name: 'footnoteLifecycle',

  addOptions() {
    return { canFix: () => true };
  },

  addProseMirrorPlugins() {
    const { canFix } = this.options;
    const editor = this.editor;
    const removedNotes = new Map<string, PMNode>();
    return [
      new Plugin({
        key: footnoteLifecycleKey,
        appendTransaction: (transactions, oldState, newState) => {
          if (transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined)) return null;
          if (!canFix()) return null;
          const paired = footnotePairing(transactions, oldState, newState, removedNotes);
          if (!paired) return null;
          if (paired.markers.length === 0) return paired.tr;
          // Its own undo step: Ctrl+Z brings the footnote back, not also the typing before it.
          (yUndoPluginKey.getState(newState) as { undoManager?: UndoManager } | undefined)?.undoManager?.stopCapturing();
          const detail: FootnotesRemovedDetail = { markers: paired.markers };
          // After this dispatch: listeners may read the editor's new state.
          queueMicrotask(() => editor.view.dom.dispatchEvent(new CustomEvent(FOOTNOTES_REMOVED, { bubbles: true, detail })));
          return paired.tr;
        },
        props: {
          handleClickOn: (view, _pos, node, nodePos, event) => {
            if (node.type.name !== 'footnoteRef') return false;
            const dom = view.nodeDOM(nodePos);
            const rect = dom instanceof Element ? dom.getBoundingClientRect() : null;
            const rtl = dom instanceof Element && getComputedStyle(dom).direction === 'rtl';
            const rightHalf = rect ? event.clientX > rect.left + rect.width / 2 : true;
            const after = rtl ? !rightHalf : rightHalf;
            view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, after ? nodePos + node.nodeSize : nodePos)));
            view.focus();
            return true;
          },
        },
      }),
    ];
  },
});
