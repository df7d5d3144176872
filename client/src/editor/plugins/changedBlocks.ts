/**
 * Which textblocks a transaction touched, for decoration plugins that redo only those: typing
 * in a 600-paragraph report then costs one paragraph, not the document. Returns null when a
 * change is structural (it crosses or creates blocks, or replaces the whole document as a
 * remote Yjs update does): the caller recomputes everything then.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import type { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface TouchedBlock {
  node: PMNode;
  pos: number;
}

export function changedTextblocks(tr: Transaction): TouchedBlock[] | null {
  if (tr.before.childCount !== tr.doc.childCount) return null;
  const touched = new Map<number, TouchedBlock>();
  let structural = false;
  tr.mapping.maps.forEach((map, i) => {
    const rest = tr.mapping.slice(i + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const from = rest.map(newStart, -1);
      const to = rest.map(newEnd, 1);
      const $from = tr.doc.resolve(from);
      const $to = tr.doc.resolve(to);
      if (!$from.parent.isTextblock || $from.parent !== $to.parent) {
        structural = true;
        return;
      }
      const pos = $from.before();
      touched.set(pos, { node: $from.parent, pos });
    });
  });
  // Attribute steps (numbering toggled) map no range: treat them as structural.
  if (tr.steps.some((s) => !(s instanceof ReplaceStep))) return null;
  return structural ? null : [...touched.values()];
}

/** `previous` mapped through `tr`, with the decorations of `blocks` redone by `decorate`. */
export function redoBlocks(previous: DecorationSet, tr: Transaction, blocks: readonly TouchedBlock[], decorate: (block: TouchedBlock) => Decoration[]): DecorationSet {
  let set = previous.map(tr.mapping, tr.doc);
  for (const block of blocks) {
    const end = block.pos + block.node.nodeSize;
    set = set.remove(set.find(block.pos, end).filter((d) => d.from >= block.pos && d.to <= end));
    set = set.add(tr.doc, decorate(block));
  }
  return set;
}
