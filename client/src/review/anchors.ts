/**
 * ProseMirror ranges ⇄ thread anchors (docs/PROTOCOL.md §1: Yjs relative positions, base64). The editor
 * is bound to the body fragment by y-tiptap, whose binding maps Yjs types to ProseMirror nodes;
 * its two helpers convert positions through that mapping. The start of a range is re-encoded to
 * stick to the character after it, like `anchorInText`, so text typed at either edge of a
 * commented range stays outside it.
 */
import * as Y from 'yjs';
import type { EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { decodePosition, encodePosition, type Anchor } from '../../../shared/src/review/threads';

export interface Range {
  from: number;
  to: number;
}

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

interface Sync {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

function syncOf(state: EditorState): Sync | null {
  const sync = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping: ProsemirrorMapping } | null } | undefined;
  if (!sync?.doc || !sync.type || !sync.binding) return null;
  return { doc: sync.doc, type: sync.type, mapping: sync.binding.mapping };
}

/** The anchor of [from, to) in the editor's Yjs body, or null when the binding is not ready. */
export function anchorOfRange(state: EditorState, range: Range): Anchor | null {
  const sync = syncOf(state);
  if (!sync) return null;
  const start = absolutePositionToRelativePosition(range.from, sync.type, sync.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(range.to, sync.type, sync.mapping) as Y.RelativePosition;
  // y-tiptap makes text positions stick to the character before; the start should stick after.
  const absolute = Y.createAbsolutePositionFromRelativePosition(start, sync.doc);
  const from = absolute && absolute.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0) : start;
  return { from: encodePosition(from), to: encodePosition(end) };
}

/** A point anchor (a suggested insertion) at `pos`, sticking to the character before it. */
export function anchorOfPoint(state: EditorState, pos: number): Anchor | null {
  const sync = syncOf(state);
  if (!sync) return null;
  const at = encodePosition(absolutePositionToRelativePosition(pos, sync.type, sync.mapping) as Y.RelativePosition);
  return { from: at, to: at };
}

/**
 * Where the anchor is now in `doc`; null when its text is gone (the thread is detached).
 * `state` only provides the Yjs binding, so the state before a transaction will do. `point`
 * accepts an empty range (a suggested insertion).
 */
export function rangeOfAnchor(state: EditorState, anchor: Anchor, doc: PMNode = state.doc, point = false): Range | null {
  const sync = syncOf(state);
  if (!sync) return null;
  try {
    const relFrom = decodePosition(anchor.from);
    const relTo = decodePosition(anchor.to);
    const start = Y.createAbsolutePositionFromRelativePosition(relFrom, sync.doc);
    const end = Y.createAbsolutePositionFromRelativePosition(relTo, sync.doc);
    if (!start || !end || !isLive(start.type) || !isLive(end.type)) return null;
    const to = relativePositionToAbsolutePosition(sync.doc, sync.type, relTo, sync.mapping);
    if (to === null) return null;
    // Within one run of text, count back from the end: y-tiptap refuses a text position that
    // resolves to the very start of the document (its guard against misresolved moves).
    const from =
      start.type === end.type && start.type instanceof Y.XmlText
        ? to - (end.index - start.index)
        : relativePositionToAbsolutePosition(sync.doc, sync.type, relFrom, sync.mapping);
    if (from === null || to < from || (!point && to === from) || from < 0 || to > doc.content.size) return null;
    return { from, to };
  } catch {
    // A forged or foreign anchor (the review room is written by many hands) is simply detached.
    return null;
  }
}

/** Neither the type nor any of its ancestors is deleted. */
function isLive(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return false;
  }
  return true;
}

/** The block (paragraph, heading, footnote text) holding `pos`, with its pid. */
export function blockAt(doc: PMNode, pos: number): { pid: string; start: number; end: number } | null {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.isTextblock || typeof node.attrs.pid === 'string') {
      const pid = typeof node.attrs.pid === 'string' ? node.attrs.pid : '';
      return { pid, start: $pos.start(depth), end: $pos.end(depth) };
    }
  }
  return null;
}

/**
 * A selection clipped to the text block where it starts: a thread lives in one paragraph.
 * Null when nothing but white space would be quoted.
 */
export function commentableRange(doc: PMNode, range: Range): (Range & { pid: string; quote: string }) | null {
  const from = Math.min(range.from, range.to);
  const block = blockAt(doc, from);
  if (!block) return null;
  const to = Math.min(Math.max(range.from, range.to), block.end);
  if (to <= from) return null;
  const quote = doc.textBetween(from, to, ' ', ' ');
  if (!quote.trim()) return null;
  return { from, to, pid: block.pid, quote };
}
