/**
 * Which top-level blocks differ between two versions of a document, by node identity: the
 * blocks before `start` and after the ends are the very same nodes in both (ProseMirror shares
 * unchanged nodes between versions, and the Yjs binding keeps the nodes of blocks a remote
 * change did not touch). Costs a pointer comparison per block, so incremental checkers can
 * redo only the blocks in between instead of walking a 6,000-paragraph report per keystroke.
 */
import type { Node as PMNode } from '@tiptap/pm/model';

export interface TopBlockDiff {
  /** First index where the documents differ. */
  start: number;
  /** End (exclusive) of the differing blocks in the old document. */
  endBefore: number;
  /** End (exclusive) of the differing blocks in the new document. */
  endAfter: number;
}

export function changedTopBlocks(before: PMNode, after: PMNode): TopBlockDiff {
  const min = Math.min(before.childCount, after.childCount);
  let start = 0;
  while (start < min && before.child(start) === after.child(start)) start++;
  let endBefore = before.childCount;
  let endAfter = after.childCount;
  while (endBefore > start && endAfter > start && before.child(endBefore - 1) === after.child(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, endBefore, endAfter };
}
