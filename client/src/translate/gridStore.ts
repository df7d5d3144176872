/**
 * The translation grid's model: the rows of one language version, derived live from the
 * original's body (`<id>.<orig>` room) and the language room's `segments` and `status` maps,
 * plus the writes a translator makes to the status map.
 *
 * Invariants:
 * - one row per pid-carrying source block, in document order (listBlocks), re-derived when the
 *   source changes; a translation whose pid left the source is an orphan, never a row;
 * - a row object is reused while nothing it shows changed, so memoised rows skip rendering and
 *   a keystroke in one row costs one row;
 * - statuses are always written against the source as it is now (its hash and its text).
 */
import * as Y from 'yjs';
import { sourceHash } from '../../../shared/src/hash';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { BlockInfo, PMTextBlock } from '../../../shared/src/model/schema';
import { BODY_FRAGMENT, readBlock, readBody, writeBlock } from '../../../shared/src/model/yBody';
import {
  fragmentText, isSegmentStatus, rowInfo, segmentsMap, statusMap,
  type LanguageProgress, type RowState, type SegmentState, type SegmentStatus,
} from '../../../shared/src/model/translation';
import { checkRow, countFootnoteRefs, qaSummary, type GlossaryTerm, type QaCode, type QaIssue } from '../../../shared/src/translation/qa';
import { textBlocks } from '../../../shared/src/translation/align';
import { paragraphLabels, referenceTargets } from '../../../shared/src/references/paragraphRefs';
import { readSettings, SETTINGS_MAP } from '../../../shared/src/model/settings';
import { subparagraphLabels } from '../../../shared/src/numbering/subparagraphs';

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

/** A source edit re-reads the whole body: coalesce a drafter's keystrokes. */
const SOURCE_DELAY_MS = 120;
// Status changes show at once; a row's text changes show in its chip and QA a moment later
// (the row itself is the live editor), so typing costs one grid update per pause, not per key.
const STATUS_DELAY_MS = 16;
const SEGMENT_DELAY_MS = 90;
/** Rows QA-checked per compute (and per background task). */
const QA_BUDGET = 40;
const NO_ISSUES: readonly QaIssue[] = [];

function asTextBlock(block: ReturnType<typeof readBlock>): PMTextBlock | null {
  return block && (block.type === 'paragraph' || block.type === 'heading' || block.type === 'footnote') ? block : null;
}

export class TranslationGridStore {
  private readonly body: Y.XmlFragment;
  private readonly segments: Y.Map<Y.XmlFragment>;
  private readonly statuses: Y.Map<SegmentStatus>;
  private readonly listeners = new Set<() => void>();
  private readonly disposers: (() => void)[] = [];
  private snapshot: GridSnapshot;
  private sources: { info: BlockInfo; block: PMTextBlock }[] = [];
  private sourceJson = new Map<string, { json: string; block: PMTextBlock }>();
  private rowCache = new Map<string, GridRow>();
  private sourceDirty = true;
  private allDirty = true;
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;
  private glossary: readonly GlossaryTerm[] = [];
  private glossaryVersion = 0;
  private readonly qaCache = new Map<string, { key: string; qa: readonly QaIssue[] }>();
  private readonly qaQueue = new Set<string>();
  private qaBudget = 0;
  private qaTimer: ReturnType<typeof setTimeout> | undefined;
  private footnotes: ReadonlyMap<string, string> = new Map();
  private labels: ReadonlyMap<string, string> = new Map();
  private labelsKey = '';
  /** The rooms as they were when the store stopped observing them (null while observing). */
  private unobserved: [Y.Snapshot, Y.Snapshot] | null = null;

  constructor(
    readonly originalDoc: Y.Doc,
    readonly targetDoc: Y.Doc,
    readonly sourceLang: string,
    readonly targetLang: string,
  ) {
    this.body = originalDoc.getXmlFragment(BODY_FRAGMENT);
    this.segments = segmentsMap(targetDoc);
    this.statuses = statusMap(targetDoc);

    this.snapshot = this.compute();
    this.unobserved = this.roomSnapshots();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.attach();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.detach();
    };
  };

  getSnapshot = (): GridSnapshot => this.snapshot;

  /** Observes the rooms while someone listens (React subscribes and unsubscribes, twice in StrictMode). */
  private attach(): void {
    const onBody = () => {
      this.sourceDirty = true;
      this.schedule(SOURCE_DELAY_MS);
    };
    const onSegments = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events) {
        if (event.target === this.segments) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) this.dirty.add(key);
        else if (typeof event.path[0] === 'string') this.dirty.add(event.path[0]);
      }
      this.schedule(SEGMENT_DELAY_MS);
    };
    const onStatus = (event: Y.YMapEvent<SegmentStatus>) => {
      for (const key of event.keysChanged) this.dirty.add(key);
      this.schedule(STATUS_DELAY_MS);
    };
    this.body.observeDeep(onBody);
    // Freezing or unfreezing the numbering relabels every reference.
    const settings = this.originalDoc.getMap<unknown>(SETTINGS_MAP);
    settings.observe(onBody);
    this.disposers.push(() => settings.unobserve(onBody));
    this.segments.observeDeep(onSegments);
    this.statuses.observe(onStatus);
    this.disposers.push(
      () => this.body.unobserveDeep(onBody),
      () => this.segments.unobserveDeep(onSegments),
      () => this.statuses.unobserve(onStatus),
    );
    // Whatever happened while nobody listened is read again (nothing, usually: React
    // subscribes right after the first render).
    const before = this.unobserved;
    this.unobserved = null;
    const now = this.roomSnapshots();
    if (before && Y.equalSnapshots(before[0], now[0]) && Y.equalSnapshots(before[1], now[1])) {
      this.drainQa();
      return;
    }
    this.sourceDirty = true;
    this.allDirty = true;
    this.publish();
  }

  private roomSnapshots(): [Y.Snapshot, Y.Snapshot] {
    return [Y.snapshot(this.originalDoc), Y.snapshot(this.targetDoc)];
  }

  private detach(): void {
    if (this.timer !== undefined) this.publish();
    clearTimeout(this.timer);
    clearTimeout(this.qaTimer);
    this.timer = undefined;
    this.qaTimer = undefined;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.unobserved = this.roomSnapshots();
  }

  /** Agreed terms for the pair: QA re-checks every row. */
  setGlossary(terms: readonly GlossaryTerm[]): void {
    this.glossary = terms;
    this.glossaryVersion++;
    this.allDirty = true;
    this.schedule(0);
  }

  /** Applies pending changes now (tests, and before acting on a row). */
  flush(): void {
    if (this.timer === undefined && !this.sourceDirty && !this.allDirty && this.dirty.size === 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.publish();
  }

  private schedule(delay: number): void {
    const due = Date.now() + delay;
    if (this.timer !== undefined && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, delay);
  }

  private publish(): void {
    this.snapshot = this.compute();
    for (const listener of this.listeners) listener();
  }

  private readSources(): void {
    const doc = readBody(this.body);
    // Subparagraphs are rows of their own, labelled "(a)" in the gutter (docs/un-drafting.md);
    // while numbering is frozen the gutter shows "12 bis".
    const settings = readSettings(this.originalDoc.getMap<unknown>(SETTINGS_MAP));
    const frozen = settings.frozen ? { numbers: settings.frozenNumbers, lang: this.targetLang } : null;
    const shown = new Map([...subparagraphLabels(doc, this.sourceLang), ...(frozen ? paragraphLabels(doc, frozen) : [])]);
    const infos = listBlocks(doc).map((info) => (shown.has(info.pid) ? { ...info, displayLabel: shown.get(info.pid) } : info));
    const blocks = textBlocks(doc);
    const next = new Map<string, { json: string; block: PMTextBlock }>();
    const footnotes = new Map<string, string>();
    this.sources = infos.map((info, i) => {
      const fresh = blocks[i];
      const json = JSON.stringify(fresh);
      const known = this.sourceJson.get(info.pid);
      const entry = known && known.json === json ? known : { json, block: fresh };
      next.set(info.pid, entry);
      if (info.type === 'footnote') footnotes.set(info.pid, info.marker ?? '');
      return { info, block: entry.block };
    });
    this.sourceJson = next;
    const labels = paragraphLabels(doc, frozen);
    if (!sameMap(labels, this.labels)) {
      this.labels = labels;
      this.labelsKey = [...labels].join(';');
      this.allDirty = true;
    }
    if (!sameMap(footnotes, this.footnotes)) {
      this.footnotes = footnotes;
      this.allDirty = true;
    }
    this.sourceDirty = false;
  }

  /**
   * QA of a row, cached by what it depends on. A compute checks at most QA_BUDGET rows; the
   * rest wait in a queue drained in small tasks after the grid has painted (a 500-row
   * translation opens without 500 rows of regular expressions in its way).
   */
  private qaFor(info: BlockInfo, source: PMTextBlock, segment: PMTextBlock | null, segmentText: string): readonly QaIssue[] {
    const sourceRefs = countFootnoteRefs(source.content);
    const targetRefs = countFootnoteRefs(segment?.content);
    const sourceParagraphRefs = referenceTargets(source.content);
    const targetParagraphRefs = referenceTargets(segment?.content);
    const refsKey = `${sourceParagraphRefs.join(',')}|${targetParagraphRefs.join(',')}|${this.labelsKey}`;
    const key = `${this.glossaryVersion}\u0000${sourceRefs}:${targetRefs}\u0000${refsKey}\u0000${info.text}\u0000${segmentText}`;
    const cached = this.qaCache.get(info.pid);
    if (cached?.key === key) return cached.qa;
    if (this.qaBudget <= 0) {
      this.qaQueue.add(info.pid);
      return cached?.qa ?? NO_ISSUES;
    }
    this.qaBudget--;
    const row = { source: info.text, target: segmentText, sourceLang: this.sourceLang, targetLang: this.targetLang, sourceFootnoteRefs: sourceRefs, targetFootnoteRefs: targetRefs,
      sourceParagraphRefs, targetParagraphRefs, paragraphLabels: this.labels,
    };
    const qa = checkRow(row, this.glossary);
    this.qaCache.set(info.pid, { key, qa: qa.length ? qa : NO_ISSUES });
    return qa.length ? qa : NO_ISSUES;
  }

  private drainQa(): void {
    if (this.qaTimer !== undefined || this.qaQueue.size === 0) return;
    this.qaTimer = setTimeout(() => {
      this.qaTimer = undefined;
      const batch = [...this.qaQueue].slice(0, QA_BUDGET);
      for (const pid of batch) {
        this.qaQueue.delete(pid);
        this.dirty.add(pid);
      }
      this.publish();
    }, 0);
  }

  private buildRow(info: BlockInfo, source: PMTextBlock): GridRow {
    const fragment = this.segments.get(info.pid);
    const isFragment = fragment instanceof Y.XmlFragment;
    const segment = isFragment ? asTextBlock(readBlock(fragment)) : null;
    const segmentText = isFragment ? fragmentText(fragment) : '';
    const raw = this.statuses.get(info.pid);
    const status = isSegmentStatus(raw) ? raw : null;
    const { state, stale } = rowInfo(info, segmentText, status ?? undefined);
    const checked = segmentText.trim() !== '' || status !== null;
    const qa = checked ? this.qaFor(info, source, segment, segmentText) : NO_ISSUES;
    return { pid: info.pid, block: info, source, segment, segmentText, status, state, stale, qa };
  }

  private compute(): GridSnapshot {
    if (this.sourceDirty) this.readSources();
    this.qaBudget = QA_BUDGET;
    const rowCache = new Map<string, GridRow>();
    const progress: LanguageProgress = { total: 0, untranslated: 0, draft: 0, translated: 0, reviewed: 0, stale: 0 };
    const rows = this.sources.map(({ info, block }) => {
      const previous = this.rowCache.get(info.pid);
      const reusable =
        previous && !this.allDirty && !this.dirty.has(info.pid) && previous.source === block &&
        previous.block.number === info.number && previous.block.marker === info.marker &&
        previous.block.displayLabel === info.displayLabel;
      const row = reusable ? previous : this.buildRow(info, block);
      rowCache.set(info.pid, row);
      progress.total++;
      progress[row.state]++;
      if (row.stale) progress.stale++;
      return row;
    });
    this.rowCache = rowCache;
    this.dirty.clear();
    this.allDirty = false;
    for (const pid of this.qaQueue) if (!rowCache.has(pid)) this.qaQueue.delete(pid);
    this.drainQa();

    const orphans: Orphan[] = [];
    const seen = new Set<string>();
    for (const pid of [...this.segments.keys(), ...this.statuses.keys()]) {
      if (seen.has(pid) || rowCache.has(pid)) continue;
      seen.add(pid);
      const fragment = this.segments.get(pid);
      const raw = this.statuses.get(pid);
      const segment = fragment instanceof Y.XmlFragment ? asTextBlock(readBlock(fragment)) : null;
      const text = fragment instanceof Y.XmlFragment ? fragmentText(fragment) : '';
      if (!text.trim() && !isSegmentStatus(raw)) continue;
      orphans.push({ pid, segment, text, status: isSegmentStatus(raw) ? raw : null });
    }
    const previous = this.snapshot as GridSnapshot | undefined;
    return {
      rows,
      orphans: previous && sameOrphans(previous.orphans, orphans) ? previous.orphans : orphans,
      progress,
      qa: qaSummary(rows.map((r) => r.qa)),
      footnotes: this.footnotes,
      paragraphLabels: this.labels,
    };
  }

  // ------------------------------------------------------------------------------------------
  // Writes (only for members who may write the language room)

  /** The segment fragment of a row, created on first use with one empty block shaped like the source. */
  ensureSegment(pid: string): Y.XmlFragment | null {
    const existing = this.segments.get(pid);
    if (existing instanceof Y.XmlFragment && existing.length > 0) return existing;
    const source = this.sourceJson.get(pid)?.block;
    if (!source) return existing instanceof Y.XmlFragment ? existing : null;
    this.targetDoc.transact(() => {
      let fragment = this.segments.get(pid);
      if (!(fragment instanceof Y.XmlFragment)) {
        this.segments.set(pid, new Y.XmlFragment());
        fragment = this.segments.get(pid)!;
      }
      writeBlock(fragment, { type: source.type, attrs: source.attrs } as PMTextBlock);
    });
    return this.segments.get(pid) ?? null;
  }

  /** The block element of a row's translation in the language room, if it has one. */
  segmentBlock(pid: string): Y.XmlElement | null {
    const block = this.segments.get(pid)?.get(0);
    return block instanceof Y.XmlElement ? block : null;
  }

  /** Current source text and hash of a row, read now (not from the last snapshot). */
  private currentSource(pid: string): { text: string; hash: string } | null {
    this.flush();
    const row = this.rowCache.get(pid);
    return row ? { text: row.block.text, hash: sourceHash(row.block.text) } : null;
  }

  /** Sets the state of a row against the current source. False when there is nothing to mark. */
  setState(pid: string, state: SegmentState, by: string): boolean {
    const source = this.currentSource(pid);
    if (!source) return false;
    const text = fragmentText(this.segments.get(pid));
    if (state !== 'draft' && !text.trim()) return false;
    this.statuses.set(pid, { state, sourceHash: source.hash, sourceText: source.text, by, at: Date.now() });
    return true;
  }

  /** "Source changed" acknowledged: the translation still stands for the new source. */
  confirm(pid: string, by: string): boolean {
    const raw = this.statuses.get(pid);
    const state: SegmentState = isSegmentStatus(raw) && raw.state === 'draft' ? 'draft' : 'translated';
    return this.setState(pid, state, by);
  }

  /** A local edit of a confirmed row makes it a draft again (it leaves the memory until re-confirmed). */
  demoteOnEdit(pid: string, by: string): void {
    const raw = this.statuses.get(pid);
    if (!isSegmentStatus(raw) || raw.state === 'draft') return;
    this.statuses.set(pid, { ...raw, state: 'draft', by, at: Date.now() });
  }

  removeOrphan(pid: string): void {
    if (this.rowCache.has(pid)) return;
    this.targetDoc.transact(() => {
      this.segments.delete(pid);
      this.statuses.delete(pid);
    });
  }

  destroy(): void {
    this.listeners.clear();
    this.detach();
  }
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameOrphans(a: readonly Orphan[], b: readonly Orphan[]): boolean {
  return a.length === b.length && a.every((o, i) => o.pid === b[i].pid && o.text === b[i].text && o.status?.at === b[i].status?.at);
}
