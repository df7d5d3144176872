/**
 * The grid's writes to the language room, for members who may write it: a row's segment
 * created on first use shaped like its source block, statuses written against the source as it
 * is now (its hash and text), a confirmed row demoted by an edit, an orphan removed.
 */
import * as Y from 'yjs';
import type { PMTextBlock } from '../../../shared/src/model/schema';
import { writeBlock } from '../../../shared/src/model/yBody';
import { fragmentText, isSegmentStatus, type SegmentOrigin, type SegmentState, type SegmentStatus } from '../../../shared/src/model/translation';

export function ensureSegment(doc: Y.Doc, segments: Y.Map<Y.XmlFragment>, pid: string, source: PMTextBlock | undefined): Y.XmlFragment | null {
  const existing = segments.get(pid);
  if (existing instanceof Y.XmlFragment && existing.length > 0) return existing;
  if (!source) return existing instanceof Y.XmlFragment ? existing : null;
  doc.transact(() => {
    let fragment = segments.get(pid);
    if (!(fragment instanceof Y.XmlFragment)) {
      segments.set(pid, new Y.XmlFragment());
      fragment = segments.get(pid)!;
    }
    writeBlock(fragment, { type: source.type, attrs: source.attrs } as PMTextBlock);
  });
  return segments.get(pid) ?? null;
}

export function setSegmentState(
  segments: Y.Map<Y.XmlFragment>,
  statuses: Y.Map<SegmentStatus>,
  pid: string,
  state: SegmentState,
  by: string,
  source: { text: string; hash: string } | null,
  origin?: SegmentOrigin,
): boolean {
  if (!source) return false;
  const text = fragmentText(segments.get(pid));
  if (state !== 'draft' && !text.trim()) return false;
  // A draft may record where its text came from (a memory match, a machine); confirming drops it.
  statuses.set(pid, { state, sourceHash: source.hash, sourceText: source.text, by, at: Date.now(), ...(state === 'draft' && origin ? { origin } : {}) });
  return true;
}

/** The state a confirmed row keeps: a draft stays a draft, anything else is translated. */
export function confirmedState(raw: unknown): SegmentState {
  return isSegmentStatus(raw) && raw.state === 'draft' ? 'draft' : 'translated';
}

export function demoteOnEdit(statuses: Y.Map<SegmentStatus>, pid: string, by: string): void {
  const raw = statuses.get(pid);
  if (!isSegmentStatus(raw) || raw.state === 'draft') return;
  statuses.set(pid, { ...raw, state: 'draft', by, at: Date.now() });
}

export function removeSegment(doc: Y.Doc, segments: Y.Map<Y.XmlFragment>, statuses: Y.Map<SegmentStatus>, pid: string): void {
  doc.transact(() => {
    segments.delete(pid);
    statuses.delete(pid);
  });
}
