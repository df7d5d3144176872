/** The grid's snapshot types, and the comparisons that keep unchanged parts the same objects. */
import type { BlockInfo, PMTextBlock } from '../../../shared/src/model/schema';
import type { LanguageProgress, RowState, SegmentStatus } from '../../../shared/src/model/translation';
import type { QaCode, QaIssue } from '../../../shared/src/translation/qa';

export interface GridRow {
  pid: string;
  block: BlockInfo;
  /** The source block as ProseMirror JSON (same object while its content is the same). */
  source: PMTextBlock;
  segment: PMTextBlock | null;
  segmentText: string;
  status: SegmentStatus | null;
  state: RowState;
  stale: boolean;
  qa: readonly QaIssue[];
}

export interface Orphan {
  pid: string;
  segment: PMTextBlock | null;
  text: string;
  status: SegmentStatus | null;
}

export interface GridSnapshot {
  rows: readonly GridRow[];
  orphans: readonly Orphan[];
  progress: LanguageProgress;
  qa: Readonly<Record<QaCode, number>>;
  /** Footnote pid → displayed marker in the original. */
  footnotes: ReadonlyMap<string, string>;
  /** Paragraph pid → the number its references show (shared/src/references). */
  paragraphLabels: ReadonlyMap<string, string>;
}

export function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export function sameOrphans(a: readonly Orphan[], b: readonly Orphan[]): boolean {
  return a.length === b.length && a.every((o, i) => o.pid === b[i].pid && o.text === b[i].text && o.status?.at === b[i].status?.at);
}
