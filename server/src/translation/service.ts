/**
 * Server-side access to a language version: reading its room (segments, statuses, meta) for
 * exports, and writing translated blocks into it for imports.
 *
 * Invariants:
 * - a write is one server-side change of the language room (stored, then relayed to open
 *   clients), whatever the number of rows;
 * - a written row is `translated`, with the hash and text of the source block it was aligned
 *   with, by the importing user; a row already translated or reviewed against the current
 *   source with the same content is left alone (a re-import never demotes a reviewed row);
 * - a segment's XmlFragment is reused when it exists, so editors bound to it stay bound.
 */
import * as Y from 'yjs';
import { sourceHash } from '../../../shared/src/hash';
import { roomName } from '../../../shared/src/rooms';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { PMBlock, PMTextBlock, ReportContent, ReportMeta } from '../../../shared/src/model/schema';
import { META_MAP, readBlock, readMeta, writeBlock, writeMeta } from '../../../shared/src/model/yBody';
import {
  fragmentText, isSegmentStatus, segmentsMap, statusMap, type SegmentOrigin, type SegmentStatus,
} from '../../../shared/src/model/translation';
import type { TranslationContent } from '../../../shared/src/translation/compose';
import type { RoomRegistry } from '../collab/registry';
import type { ReportService } from '../reports/service';
import type { ReportRecord } from '../storage/types';

export interface TranslationState extends TranslationContent {
  statuses: ReadonlyMap<string, SegmentStatus>;
}

/** A draft to fill an untranslated row with, and where it came from. */
export interface Draft {
  block: PMTextBlock;
  origin: SegmentOrigin;
}

export interface WriteResult {
  written: number;
  unchanged: number;
}

/** Something that can wait for the indexing of what was just written (the TM indexer). */
export interface Settles {
  settled(): Promise<void>;
}

function sameContent(a: PMBlock | null, b: PMTextBlock): boolean {
  if (!a || a.type === 'bulletList' || a.type === 'orderedList' || a.type !== b.type) return false;
  return JSON.stringify(a.content ?? []) === JSON.stringify(b.content ?? []);
}

export class TranslationService {
  constructor(
    private readonly registry: RoomRegistry,
    readonly reports: ReportService,
    private readonly indexing?: Settles,
  ) {}

  async read(report: ReportRecord, lang: string): Promise<TranslationState> {
    return this.registry.withRoom(roomName(report.id, lang), (room) => {
      const segments = new Map<string, PMBlock | null>();
      for (const [pid, fragment] of segmentsMap(room.doc).entries()) {
        segments.set(pid, fragment instanceof Y.XmlFragment ? readBlock(fragment) : null);
      }
      const statuses = new Map<string, SegmentStatus>();
      for (const [pid, status] of statusMap(room.doc).entries()) if (isSegmentStatus(status)) statuses.set(pid, status);
      return { segments, statuses, meta: readMeta(room.doc.getMap(META_MAP)) };
    });
  }

  /**
   * Writes translated blocks (keyed by source pid) and masthead fields into the language room,
   * marking each row translated against the original's current text.
   */
  async write(
    report: ReportRecord,
    lang: string,
    userName: string,
    blocks: ReadonlyMap<string, PMTextBlock>,
    meta: ReportMeta,
    original?: ReportContent,
  ): Promise<WriteResult> {
    original ??= await this.reports.readOriginal(report);
    const sources = new Map(listBlocks(original.body).map((b) => [b.pid, b.text]));
    const result: WriteResult = { written: 0, unchanged: 0 };
    const at = Date.now();
    await this.registry.withRoom(roomName(report.id, lang), (room) =>
      room.change((doc) => {
        const segments = segmentsMap(doc);
        const statuses = statusMap(doc);
        for (const [pid, block] of blocks) {
          const sourceText = sources.get(pid);
          if (sourceText === undefined) continue;
          const hash = sourceHash(sourceText);
          const existing = segments.get(pid);
          const status = statuses.get(pid);
          const same = existing instanceof Y.XmlFragment && sameContent(readBlock(existing), block);
          if (same && isSegmentStatus(status) && status.state !== 'draft' && status.sourceHash === hash) {
            result.unchanged++;
            continue;
          }
          const fragment = existing instanceof Y.XmlFragment ? existing : segments.set(pid, new Y.XmlFragment());
          writeBlock(fragment, block);
          statuses.set(pid, { state: 'translated', sourceHash: hash, sourceText, by: userName, at });
          result.written++;
        }
        writeMeta(doc.getMap(META_MAP), meta);
      }),
    );
    await this.indexing?.settled();
    return result;
  }

  /**
   * Fills rows as drafts with their origin, in one change of the language room. A row that is
   * no longer untranslated when the change runs (someone typed meanwhile) is left alone.
   * Returns the pids filled.
   */
  async writeDrafts(report: ReportRecord, lang: string, userName: string, drafts: ReadonlyMap<string, Draft>, sources: ReadonlyMap<string, string>): Promise<Set<string>> {
    const filled = new Set<string>();
    const at = Date.now();
    await this.registry.withRoom(roomName(report.id, lang), (room) =>
      room.change((doc) => {
        const segments = segmentsMap(doc);
        const statuses = statusMap(doc);
        for (const [pid, draft] of drafts) {
          const sourceText = sources.get(pid);
          const existing = segments.get(pid);
          const status = statuses.get(pid);
          if (sourceText === undefined || fragmentText(existing).trim() || (isSegmentStatus(status) && status.state !== 'draft')) continue;
          const fragment = existing instanceof Y.XmlFragment ? existing : segments.set(pid, new Y.XmlFragment());
          writeBlock(fragment, draft.block);
          const origin = draft.origin.kind !== 'repetition' && draft.origin.run ? { ...draft.origin, textHash: sourceHash(fragmentText(fragment)) } : draft.origin;
          statuses.set(pid, { state: 'draft', sourceHash: sourceHash(sourceText), sourceText, by: userName, at, origin });
          filled.add(pid);
        }
      }),
    );
    return filled;
  }

  /**
   * Undoes a pre-translation run in one change: its drafts whose text is still what the run
   * wrote go back to untranslated; rows edited or confirmed since are kept.
   */
  async undoDrafts(report: ReportRecord, lang: string, run: string): Promise<{ removed: number; kept: number }> {
    const result = { removed: 0, kept: 0 };
    await this.registry.withRoom(roomName(report.id, lang), (room) =>
      room.change((doc) => {
        const segments = segmentsMap(doc);
        const statuses = statusMap(doc);
        for (const [pid, status] of [...statuses.entries()]) {
          const origin = isSegmentStatus(status) ? status.origin : undefined;
          if (!origin || origin.kind === 'repetition' || origin.run !== run) continue;
          if (status.state === 'draft' && origin.textHash === sourceHash(fragmentText(segments.get(pid)))) {
            segments.delete(pid);
            statuses.delete(pid);
            result.removed++;
          } else result.kept++;
        }
      }),
    );
    return result;
  }
}
