/**
 * Keeps the translation memory in step with confirmed segments. Attached to every loaded
 * target-language room (RoomDeps.onLoad), it watches the `status` map: when a row becomes
 * translated or reviewed, the pair (status.sourceText — the source it was confirmed against —
 * and the segment's content as inline markup, so "1^{er}" keeps its superscript) is upserted; when a row goes back to draft or its status is removed,
 * the entry goes.
 *
 * Only changes made on this instance are indexed (by a client connected here or by the server
 * itself, e.g. an import); changes relayed from other instances were indexed where they were
 * made. Indexing is asynchronous and never fails a change: errors are logged. `settled()`
 * waits for what is in flight (imports, shutdown, tests).
 */
import type { Logger } from 'pino';
import { segmentsMap } from '../../../shared/src/model/translation';
import { segmentMarkup } from '../../../shared/src/translation/segmentMarkup';
import type { Room } from '../collab/room';
import { InFlight, isConfirmed, watchLocalStatuses } from '../translation/statusWatch';
import type { Directory } from '../storage/types';
import type { TmEntry, TranslationMemory } from './types';

type Change = Omit<TmEntry, 'reportId' | 'sourceLang' | 'targetLang'>;

export class TmIndexer {
  private readonly work = new InFlight();

  constructor(
    private readonly tm: TranslationMemory,
    private readonly storage: Pick<Directory, 'getReport'>,
    private readonly log: Logger,
  ) {}

  /** Observes a room's statuses if it is a language room; returns the dispose. */
  attach(room: Room): (() => void) | undefined {
    return watchLocalStatuses(room, (event, statuses, where) => {
      const segments = segmentsMap(room.doc);
      const changes: Change[] = [];
      for (const pid of event.keysChanged) {
        const status = statuses.get(pid);
        const confirmed = isConfirmed(status);
        changes.push({
          pid,
          source: confirmed ? String(status.sourceText ?? '') : '',
          // An empty target removes the entry: the row is no longer confirmed.
          target: confirmed ? segmentMarkup(segments.get(pid)) : '',
          updatedAt: confirmed && typeof status.at === 'number' ? status.at : Date.now(),
          ...(confirmed ? { createdBy: String(status.by ?? '') } : {}),
        });
      }
      if (changes.length) this.work.track(this.index(where.reportId, where.language, changes));
    });
  }

  /** Resolves once every indexing started so far has finished. */
  settled(): Promise<void> {
    return this.work.settled();
  }

  private async index(reportId: string, language: string, changes: readonly Change[]): Promise<void> {
    try {
      const report = await this.storage.getReport(reportId);
      // The original's own room has no translations to remember.
      if (!report || report.originalLanguage === language) return;
      await this.tm.upsert(changes.map((c) => ({ ...c, reportId, sourceLang: report.originalLanguage, targetLang: language })));
    } catch (err) {
      this.log.warn({ err, reportId, language }, 'translation memory indexing failed');
    }
  }
}
