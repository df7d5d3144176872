/**
 * Review highlights for blocks drawn without an editor (the translation grid's static rows):
 * each open thread's range as offsets in its block's inline content, the way ProseMirror
 * counts them (a character per character of text, 1 per inline node).
 *
 * y-prosemirror keeps a block's text as Y.XmlText children of the block's element, with inline
 * nodes (footnote references, line breaks) as Y.XmlElement siblings, so an offset is what
 * precedes the anchor's XmlText in the element plus the index in it.
 */
import * as Y from 'yjs';
import { resolveAnchor, type Anchor, type Thread } from '../../../shared/src/review/threads';

export interface BlockHighlight {
  from: number;
  to: number;
  thread: string;
  /** Open suggestions show struck text and the proposal; comments a highlight. */
  kind: 'comment' | 'suggestion';
  proposed?: string;
}

/** The anchor's range in `block`'s inline content, or null when it is not (or no longer) there. */
export function blockRange(doc: Y.Doc, anchor: Anchor, block: Y.XmlElement): { from: number; to: number } | null {
  let resolved;
  try {
    resolved = resolveAnchor(doc, anchor);
  } catch {
    return null; // an anchor that does not decode draws nothing
  }
  if (!resolved || !(resolved.type instanceof Y.XmlText) || resolved.type.parent !== block) return null;
  let base = 0;
  for (const child of block.toArray()) {
    if (child === resolved.type) return { from: base + resolved.from, to: base + resolved.to };
    base += child instanceof Y.XmlText ? child.length : 1;
  }
  return null;
}

/** pid → highlights of the open threads on it, for the blocks `blockOf` finds in `doc`. */
export function highlightsByPid(doc: Y.Doc, threads: readonly Thread[], blockOf: (pid: string) => Y.XmlElement | null): Map<string, BlockHighlight[]> {
  const byPid = new Map<string, BlockHighlight[]>();
  for (const thread of threads) {
    if (thread.status !== 'open') continue;
    const block = blockOf(thread.pid);
    const range = block && blockRange(doc, thread.anchor, block);
    if (!range) continue;
    const list = byPid.get(thread.pid) ?? [];
    list.push({ ...range, thread: thread.id, kind: thread.kind, proposed: thread.proposed ?? undefined });
    byPid.set(thread.pid, list.sort((a, b) => a.from - b.from));
  }
  return byPid;
}
