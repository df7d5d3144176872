/**
 * Whether a document has pid problems (a block without a pid, or repeating one: the rule of
 * pids.ts), known incrementally. The index counts the pids of the document it saw last and,
 * given another version, recounts only the top-level blocks that changed (changedTopBlocks.ts):
 * typing costs one paragraph, not a walk over the report. It answers what
 * `findPidProblems(doc).positions.length > 0` answers, for any sequence of documents; fixing
 * (which needs document order) still goes through pids.ts when there is something to fix.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import { carriesPid } from './pids';
import { changedTopBlocks } from './changedTopBlocks';

export class PidIndex {
  private doc: PMNode | null = null;
  private readonly counts = new Map<string, number>();
  /** Blocks without a pid, plus every occurrence of a pid after its first. */
  private problems = 0;

  hasProblems(doc: PMNode): boolean {
    this.sync(doc);
    return this.problems > 0;
  }

  private sync(doc: PMNode): void {
    if (doc === this.doc) return;
    const before = this.doc;
    if (!before) {
      doc.forEach((block) => this.count(block, 1));
    } else {
      const { start, endBefore, endAfter } = changedTopBlocks(before, doc);
      for (let i = start; i < endBefore; i++) this.count(before.child(i), -1);
      for (let i = start; i < endAfter; i++) this.count(doc.child(i), 1);
    }
    this.doc = doc;
  }

  /** Adds (+1) or removes (-1) the pid blocks in `block` (itself, or those inside a list). */
  private count(block: PMNode, delta: 1 | -1): void {
    const visit = (node: PMNode) => {
      const pid = node.attrs.pid as unknown;
      if (typeof pid !== 'string' || pid === '') {
        this.problems += delta;
        return;
      }
      const was = this.counts.get(pid) ?? 0;
      const now = was + delta;
      if (now === 0) this.counts.delete(pid);
      else this.counts.set(pid, now);
      this.problems += Math.max(0, now - 1) - Math.max(0, was - 1);
    };
    if (carriesPid(block)) return visit(block);
    if (block.isTextblock) return;
    block.descendants((node) => {
      if (carriesPid(node)) {
        visit(node);
        return false;
      }
      return !node.isTextblock;
    });
  }
}
