/**
 * Paragraph-level diff of two versions of a language version, by pid: blocks added, removed,
 * moved (present in both, out of the longest common order) and changed (text differs), with a
 * word diff inside changed blocks. Pure: the server computes it, the client renders it.
 */
import { diffArrays } from 'diff';
import type { BlockInfo } from '../model/schema';
import { normalizeText } from '../hash';
import { wordDiff, type WordChange } from '../translation/wordDiff';

export type BlockChangeKind = 'added' | 'removed' | 'moved' | 'changed';

export interface BlockChange {
  kind: BlockChangeKind;
  pid: string;
  type: BlockInfo['type'];
  /** Paragraph number in the newer version (or the older one for removed blocks). */
  number: number | null;
  before: string | null;
  after: string | null;
  /** Word changes, for changed blocks (and moved blocks whose text also changed). */
  words?: WordChange[];
  /** Who made the change, when known (user names). */
  authors?: string[];
}

export function diffBlocks(before: readonly BlockInfo[], after: readonly BlockInfo[]): BlockChange[] {
  const beforeByPid = new Map(before.map((b) => [b.pid, b]));
  const afterByPid = new Map(after.map((b) => [b.pid, b]));
  // Pids in both versions, in each order; those outside the longest common subsequence moved.
  const common = (list: readonly BlockInfo[], other: Map<string, BlockInfo>) => list.filter((b) => other.has(b.pid)).map((b) => b.pid);
  const moved = new Set<string>();
  for (const part of diffArrays(common(before, afterByPid), common(after, beforeByPid))) {
    if (part.added) for (const pid of part.value) moved.add(pid);
  }

  const changes: BlockChange[] = [];
  const textChanged = (a: BlockInfo, b: BlockInfo) => normalizeText(a.text) !== normalizeText(b.text) || a.text !== b.text;
  for (const b of after) {
    const old = beforeByPid.get(b.pid);
    if (!old) {
      changes.push({ kind: 'added', pid: b.pid, type: b.type, number: b.number, before: null, after: b.text });
      continue;
    }
    const changed = textChanged(old, b);
    if (moved.has(b.pid) || changed) {
      changes.push({
        kind: moved.has(b.pid) ? 'moved' : 'changed',
        pid: b.pid, type: b.type, number: b.number, before: old.text, after: b.text,
        ...(changed ? { words: wordDiff(old.text, b.text) } : {}),
      });
    }
  }
  for (const old of before) {
    if (!afterByPid.has(old.pid)) {
      changes.push({ kind: 'removed', pid: old.pid, type: old.type, number: old.number, before: old.text, after: null });
    }
  }
  return changes;
}
