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

/** The paragraphs (pid, numbered, subparagraph level) of blocks [from, to) of `doc`, in order. */
function paragraphKeys(doc: PMNode, from: number, to: number): string[] {
  const keys: string[] = [];
  const key = (p: PMNode) => `${String(p.attrs.pid)}:${String(p.attrs.numbered)}:${String(p.attrs.sub)}`;
  for (let i = from; i < to; i++) {
    const block = doc.child(i);
    if (block.type.name === 'paragraph') keys.push(key(block));
    else
      block.descendants((child) => {
        if (child.type.name === 'paragraph') keys.push(key(child));
        return !child.isTextblock;
      });
  }
  return keys;
}

/**
 * Whether paragraph numbers (and so references' labels, frozen or not) are the same in both
 * versions: the blocks that changed hold the same paragraphs, with the same pids, numbering and
 * levels, in the same order. True for typing, here or a co-author's (whose edit replaces the
 * blocks it touched); false for Enter, Backspace across blocks, a toggled number.
 */
export function numberingUnchanged(before: PMNode, after: PMNode): boolean {
  const { start, endBefore, endAfter } = changedTopBlocks(before, after);
  return paragraphKeys(before, start, endBefore).join('|') === paragraphKeys(after, start, endAfter).join('|');
}
