/**
 * Translation state of a language room (docs/PROTOCOL.md §1): `segments` pid → XmlFragment with the
 * translated block, `status` pid → {state, sourceHash, sourceText, by, at}. Progress and
 * staleness are derived here, once, for the server's API and the client's grid.
 */
import * as Y from 'yjs';
import { sourceHash } from '../hash';
import type { BlockInfo } from './schema';
import { SEGMENTS_MAP, STATUS_MAP } from './yBody';

export const SEGMENT_STATES = ['draft', 'translated', 'reviewed'] as const;
export type SegmentState = (typeof SEGMENT_STATES)[number];

export interface SegmentStatus {
  state: SegmentState;
  sourceHash: string;
  sourceText: string;
  by: string;
  at: number;
}

export interface LanguageProgress {
  total: number;
  untranslated: number;
  draft: number;
  translated: number;
  reviewed: number;
  stale: number;
}

export function isSegmentStatus(value: unknown): value is SegmentStatus {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (SEGMENT_STATES as readonly string[]).includes(v.state as string) && typeof v.sourceHash === 'string';
}

export function segmentsMap(doc: Y.Doc): Y.Map<Y.XmlFragment> {
  return doc.getMap(SEGMENTS_MAP);
}

export function statusMap(doc: Y.Doc): Y.Map<SegmentStatus> {
  return doc.getMap(STATUS_MAP);
}

/** Text of a segment fragment (all its text, hard breaks as newlines). */
export function fragmentText(fragment: Y.XmlFragment | undefined): string {
  if (!fragment) return '';
  let text = '';
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) {
      for (const d of node.toDelta() as { insert: unknown }[]) if (typeof d.insert === 'string') text += d.insert;
      return;
    }
    if (node instanceof Y.XmlElement && node.nodeName === 'hardBreak') {
      text += '\n';
      return;
    }
    for (const child of node.toArray()) walk(child as Y.XmlElement | Y.XmlText);
  };
  walk(fragment);
  return text;
}

export type RowState = 'untranslated' | SegmentState;

export interface RowInfo {
  state: RowState;
  stale: boolean;
}

export function rowInfo(block: BlockInfo, segmentText: string, status: SegmentStatus | undefined): RowInfo {
  if (!status || !isSegmentStatus(status)) {
    return { state: segmentText.trim() ? 'draft' : 'untranslated', stale: false };
  }
  return { state: status.state, stale: status.sourceHash !== sourceHash(block.text) };
}

export function computeProgress(blocks: readonly BlockInfo[], doc: Y.Doc): LanguageProgress {
  const segments = segmentsMap(doc);
  const statuses = statusMap(doc);
  const progress: LanguageProgress = { total: blocks.length, untranslated: 0, draft: 0, translated: 0, reviewed: 0, stale: 0 };
  for (const block of blocks) {
    const info = rowInfo(block, fragmentText(segments.get(block.pid)), statuses.get(block.pid));
    progress[info.state]++;
    if (info.stale) progress.stale++;
  }
  return progress;
}
