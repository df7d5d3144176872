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

/**
 * Where a draft's text came from when no human typed it: a memory match (its score and, for
 * imported memories, their origin), a machine translation (the engine), or the confirmed
 * translation of a row with the same source (a repetition). Kept until a human confirms.
 */
export type SegmentOrigin =
  | ({ kind: 'tm'; score: number; source?: string } & PretranslationMark)
  | ({ kind: 'mt'; provider: string } & PretranslationMark)
  | { kind: 'repetition'; pid: string };

/**
 * Drafts written by a pre-translation carry its run id and a hash of the text written, so the
 * run can be undone as one change, leaving alone any row edited since.
 */
export interface PretranslationMark {
  run?: string;
  textHash?: string;
}

export interface SegmentStatus {
  state: SegmentState;
  sourceHash: string;
  sourceText: string;
  by: string;
  at: number;
  /** Set on drafts filled by the memory, a machine or a repetition; dropped on confirmation. */
  origin?: SegmentOrigin;
}

export function isSegmentOrigin(value: unknown): value is SegmentOrigin {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'tm':
      return typeof v.score === 'number';
    case 'mt':
      return typeof v.provider === 'string';
    case 'repetition':
      return typeof v.pid === 'string';
    default:
      return false;
  }
}

/** A short label of an origin, as the grid and exports show it ("TM 100%", "MT apertium"). */
export function originLabel(origin: SegmentOrigin): string {
  switch (origin.kind) {
    case 'tm':
      return `TM ${Math.round(origin.score)}%`;
    case 'mt':
      return `MT ${origin.provider}`;
    case 'repetition':
      return 'repetition';
  }
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
