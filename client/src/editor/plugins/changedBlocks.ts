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
import { changedTopBlocks } from '../changedTopBlocks';

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

/**
 * For decorations drawn block by block (each textblock's own, whatever the others hold): the
 * textblocks inside the top-level blocks `tr` changed, even when blocks were split, joined,
 * added or removed (Enter, Backspace, a co-author's edit replacing their blocks). Null when its
 * steps also touched blocks that stayed the same (the whole document replaced): mapping lost
 * their decorations, so the caller redoes everything. Unchanged blocks are found by node
 * identity (../changedTopBlocks.ts), so this costs a pointer comparison per block.
 */
export function textblocksOfChangedBlocks(tr: Transaction): TouchedBlock[] | null {
  const { start, endAfter } = changedTopBlocks(tr.before, tr.doc);
  let from = 0;
  for (let i = 0; i < start; i++) from += tr.doc.child(i).nodeSize;
  let to = from;
  for (let i = start; i < endAfter; i++) to += tr.doc.child(i).nodeSize;
  // Every range a step replaced, in the final document, lies within the changed blocks.
  let inside = true;
  tr.mapping.maps.forEach((map, i) => {
    const rest = tr.mapping.slice(i + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      if (rest.map(newStart, -1) < from || rest.map(newEnd, 1) > to) inside = false;
    });
  });
  if (!inside) return null;
  const blocks: TouchedBlock[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      blocks.push({ node, pos });
      return false;
    }
    return true;
  });
  return blocks;
}

/** `previous` mapped through `tr`, with the decorations of `blocks` redone by `decorate`. */
export function redoBlocks(previous: DecorationSet, tr: Transaction, blocks: readonly TouchedBlock[], decorate: (block: TouchedBlock) => Decoration[]): DecorationSet {
  let set = previous.map(tr.mapping, tr.doc);
  for (const block of blocks) {
    const end = block.pos + block.node.nodeSize;
    // Overlapping, not only inside: a decoration mapped across a split straddles both halves.
    set = set.remove(set.find(block.pos, end).filter((d) => d.from < end && d.to > block.pos));
    set = set.add(tr.doc, decorate(block));
  }
  return set;
}
