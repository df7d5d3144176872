/**
 * Paragraph ids in a ProseMirror document, as pure functions (the plugin in
 * plugins/pidPlugin.ts only wires them to transactions).
 *
 * Rule: walking the document in order, a pid-carrying block keeps its pid when it has one
 * that was not seen before; a block without a pid, or repeating one seen earlier, gets a fresh
 * pid. "First occurrence keeps it" is deterministic, so two clients that fix the same
 * converged document fix the same blocks (and Yjs keeps one of their fresh ids).
 */
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { BLOCK_WITH_PID } from '../../../shared/src/model/schema';
import { newPid } from '../../../shared/src/model/pid';

const PID_TYPES: ReadonlySet<string> = new Set(BLOCK_WITH_PID);

export function carriesPid(node: PMNode): boolean {
  return PID_TYPES.has(node.type.name);
}

export interface PidFix {
  /** Position of the block. */
  pos: number;
  /** The fresh pid it gets. */
  pid: string;
}

/** Visits every pid-carrying block in document order (blocks inside lists included). */
export function forEachPidBlock(doc: PMNode, visit: (node: PMNode, pos: number) => void): void {
  doc.descendants((node, pos) => {
    if (carriesPid(node)) {
      visit(node, pos);
      return false;
    }
    return !node.isTextblock;
  });
}

/** Positions of the blocks that lack a pid or repeat one seen earlier, in document order. */
export function findPidProblems(doc: PMNode): { positions: number[]; kept: Set<string> } {
  const kept = new Set<string>();
  const positions: number[] = [];
  forEachPidBlock(doc, (node, pos) => {
    const pid = node.attrs.pid as unknown;
    if (typeof pid === 'string' && pid !== '' && !kept.has(pid)) kept.add(pid);
    else positions.push(pos);
  });
  return { positions, kept };
}

/** The blocks that need a fresh pid, with the pid each one gets. Empty when all is well. */
export function findPidFixes(doc: PMNode, makePid: () => string = newPid): PidFix[] {
  const { positions, kept } = findPidProblems(doc);
  return positions.map((pos) => {
    let pid = makePid();
    while (kept.has(pid)) pid = makePid();
    kept.add(pid);
    return { pos, pid };
  });
}

/** A transaction that applies the fixes, or null when there is nothing to fix. */
export function pidFixTransaction(state: EditorState, makePid?: () => string): Transaction | null {
  const fixes = findPidFixes(state.doc, makePid);
  if (fixes.length === 0) return null;
  const tr = state.tr;
  // Attribute steps do not move positions, so the positions stay valid in order.
  for (const fix of fixes) tr.setNodeAttribute(fix.pos, 'pid', fix.pid);
  return tr;
}

function stripFragment(fragment: Fragment): Fragment {
  let changed = false;
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    let next = node;
    if (carriesPid(node) && node.attrs.pid != null) next = node.type.create({ ...node.attrs, pid: null }, node.content, node.marks);
    if (!next.isTextblock && next.content.size > 0) {
      const content = stripFragment(next.content);
      if (content !== next.content) next = next.copy(content);
    }
    if (next !== node) changed = true;
    nodes.push(next);
  });
  return changed ? Fragment.fromArray(nodes) : fragment;
}

/** Pasted content loses its pids, so the pasted blocks get new ones instead of duplicates. */
export function stripPids(slice: Slice): Slice {
  const content = stripFragment(slice.content);
  return content === slice.content ? slice : new Slice(content, slice.openStart, slice.openEnd);
}

/**
 * Pasting whole blocks with the caret at the start of a non-empty block inserts them *above*
 * it. ProseMirror would otherwise merge the last pasted block with the text after the caret,
 * and the first-occurrence rule would then give that text's pid to the pasted copy. Returns
 * null when the paste is not of that kind (inline text, a selection, the middle of a block).
 */
export function pasteBlocksAbove(state: EditorState, slice: Slice): Transaction | null {
  const { selection } = state;
  const { $from } = selection;
  if (!selection.empty || $from.parentOffset !== 0 || !$from.parent.isTextblock || $from.parent.content.size === 0) return null;
  const blocks: PMNode[] = [];
  slice.content.forEach((node) => {
    if (node.isBlock) blocks.push(node);
  });
  if (blocks.length === 0 || blocks.length !== slice.content.childCount) return null;
  const closed = slice.openStart === 0 && slice.openEnd === 0;
  // One open block is inline text: that paste belongs in the block, as usual.
  if (!closed && blocks.length < 2) return null;
  // An open end is the start of the block after the copied range: nothing to paste if empty.
  if (slice.openEnd > 0 && blocks[blocks.length - 1].content.size === 0) blocks.pop();
  if (blocks.length === 0) return null;
  const insertAt = $from.before();
  const parent = $from.node($from.depth - 1);
  const index = $from.index($from.depth - 1);
  if (!parent.canReplace(index, index, Fragment.fromArray(blocks))) return null;
  return state.tr.insert(insertAt, blocks);
}
