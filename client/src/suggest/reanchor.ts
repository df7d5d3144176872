/**
 * Undoing an accept puts the old text back as new Yjs items: the suggestion's anchors still
 * point at the old, deleted ones and would resolve to a collapsed or wrong range. So accepting
 * remembers, per suggestion, the characters just outside its range (which neither the accept
 * nor its undo touches), and the undo re-anchors the reopened suggestion between them.
 */
import * as Y from 'yjs';
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { anchorInText, decodePosition, encodePosition, pointInText, threadsMap, type Thread } from '../../../shared/src/review/threads';
import type { Range } from '../review/anchors';

/** Encoded relative positions of the character before and the character after a range. */
export interface Outer {
  left: string;
  right: string;
  point: boolean;
}

type Mapping = Parameters<typeof absolutePositionToRelativePosition>[2];

function syncOf(state: EditorState): { doc: Y.Doc; type: Y.XmlFragment; mapping: Mapping } | null {
  const sync = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping: Mapping } | null } | undefined;
  return sync?.doc && sync.type && sync.binding ? { doc: sync.doc, type: sync.type, mapping: sync.binding.mapping } : null;
}

function textIndex(state: EditorState, pos: number): { text: Y.XmlText; index: number } | null {
  const sync = syncOf(state);
  if (!sync) return null;
  const abs = Y.createAbsolutePositionFromRelativePosition(absolutePositionToRelativePosition(pos, sync.type, sync.mapping) as Y.RelativePosition, sync.doc);
  return abs && abs.type instanceof Y.XmlText ? { text: abs.type, index: abs.index } : null;
}

/** Taken before the accept, in the state it applies to. */
export function outerOf(state: EditorState, thread: Thread, range: Range): Outer | null {
  if (thread.change === 'format' || thread.join) return null;
  const from = textIndex(state, range.from);
  const to = textIndex(state, range.to);
  if (!from || !to || from.text !== to.text) return null;
  return {
    left: encodePosition(Y.createRelativePositionFromTypeIndex(from.text, from.index, -1)),
    right: encodePosition(Y.createRelativePositionFromTypeIndex(to.text, to.index, 0)),
    point: thread.change === 'insert',
  };
}

/** After the undo: anchors between the remembered characters, in the review transaction. */
export function reanchor(state: EditorState, review: Y.Doc, id: string, outer: Outer): void {
  const sync = syncOf(state);
  const map = threadsMap(review).get(id);
  if (!sync || !map) return;
  const left = Y.createAbsolutePositionFromRelativePosition(decodePosition(outer.left), sync.doc);
  const right = Y.createAbsolutePositionFromRelativePosition(decodePosition(outer.right), sync.doc);
  if (!left || !right || left.type !== right.type || !(left.type instanceof Y.XmlText) || right.index < left.index) return;
  map.set('anchor', outer.point ? pointInText(left.type, left.index) : anchorInText(left.type, left.index, right.index));
}
