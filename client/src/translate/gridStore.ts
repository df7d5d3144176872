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
import type { BlockInfo, PMTextBlock } from '../../../shared/src/model/schema';
import { BODY_FRAGMENT, readBlock } from '../../../shared/src/model/yBody';
import {
  fragmentText, isSegmentStatus, rowInfo, segmentsMap, statusMap,
  type LanguageProgress, type SegmentOrigin, type SegmentState, type SegmentStatus,
} from '../../../shared/src/model/translation';
import { qaSummary, type GlossaryTerm } from '../../../shared/src/translation/qa';
import { type GridRow, type GridSnapshot, sameMap, sameOrphans } from './gridTypes';
import { NO_ISSUES, RowQa } from './gridQa';
import { confirmedState, demoteOnEdit, ensureSegment, removeSegment, setSegmentState } from './gridWrites';
import { asTextBlock, findOrphans, readGridSources } from './gridSources';

export type { GridRow, GridSnapshot, Orphan } from './gridTypes';
import { SETTINGS_MAP } from '../../../shared/src/model/settings';

/** A source edit re-reads the whole body: coalesce a drafter's keystrokes. */
const SOURCE_DELAY_MS = 120;
// Status changes show at once; a row's text changes show in its chip and QA a moment later
// (the row itself is the live editor), so typing costs one grid update per pause, not per key.
const STATUS_DELAY_MS = 16;
const SEGMENT_DELAY_MS = 90;

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
  private readonly qa: RowQa;
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
    this.qa = new RowQa(sourceLang, targetLang, (due) => {
      for (const pid of due) this.dirty.add(pid);
      this.publish();
    });

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
      this.qa.drain();
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
    this.qa.stop();
    this.timer = undefined;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.unobserved = this.roomSnapshots();
  }

  /** Agreed terms for the pair: QA re-checks every row. */
  setGlossary(terms: readonly GlossaryTerm[]): void {
    this.qa.setGlossary(terms);
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
    const read = readGridSources(this.body, this.originalDoc, this.sourceLang, this.targetLang, this.sourceJson);
    this.sources = read.sources;
    this.sourceJson = read.sourceJson;
    if (!sameMap(read.labels, this.labels)) {
      this.labels = read.labels;
      this.labelsKey = [...read.labels].join(';');
      this.qa.setLabels(read.labels, this.labelsKey);
      this.allDirty = true;
    }
    if (!sameMap(read.footnotes, this.footnotes)) {
      this.footnotes = read.footnotes;
      this.allDirty = true;
    }
    this.sourceDirty = false;
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
    const qa = checked ? this.qa.check(info, source, segment, segmentText) : NO_ISSUES;
    return { pid: info.pid, block: info, source, segment, segmentText, status, state, stale, qa };
  }

  private compute(): GridSnapshot {
    if (this.sourceDirty) this.readSources();
    this.qa.startCompute();
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
    this.qa.keepOnly((pid) => rowCache.has(pid));
    this.qa.drain();

    const orphans = findOrphans(this.segments, this.statuses, rowCache);
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
  // Writes (only for members who may write the language room): gridWrites.ts

  /** The segment fragment of a row, created on first use with one empty block shaped like the source. */
  ensureSegment(pid: string): Y.XmlFragment | null {
    return ensureSegment(this.targetDoc, this.segments, pid, this.sourceJson.get(pid)?.block);
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

  /**
   * Sets the state of a row against the current source. False when there is nothing to mark.
   * A draft may say where its text came from (a memory match, a machine); confirming drops it.
   */
  setState(pid: string, state: SegmentState, by: string, origin?: SegmentOrigin): boolean {
    return setSegmentState(this.segments, this.statuses, pid, state, by, this.currentSource(pid), origin);
  }

  /** "Source changed" acknowledged: the translation still stands for the new source. */
  confirm(pid: string, by: string): boolean {
    const raw = this.statuses.get(pid);
    const state = confirmedState(raw);
    return this.setState(pid, state, by, state === 'draft' && isSegmentStatus(raw) ? raw.origin : undefined);
  }

  /** A local edit of a confirmed row makes it a draft again (it leaves the memory until re-confirmed). */
  demoteOnEdit(pid: string, by: string): void {
    demoteOnEdit(this.statuses, pid, by);
  }

  removeOrphan(pid: string): void {
    if (!this.rowCache.has(pid)) removeSegment(this.targetDoc, this.segments, this.statuses, pid);
  }

  destroy(): void {
    this.listeners.clear();
    this.detach();
  }
}
