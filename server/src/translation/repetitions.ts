/**
 * Repetitions: when a row of a language room is confirmed (becomes translated or reviewed),
 * the other rows of the report whose source is the same text (normalizeText: white space and
 * Unicode composition aside) and which have no translation get it as a draft marked
 * `{kind: 'repetition', pid}`. Drafts, so nothing is counted translated, nor enters the
 * memory, until a translator confirms each one.
 *
 * Attached to every loaded language room (RoomDeps.onLoad) beside the TM indexer, it reacts
 * only to changes made on this instance (a client connected here, or the server itself), so
 * with several instances each confirmation is propagated once. The fill is one server change
 * of the room, made after the confirming transaction; `settled()` waits for fills in flight.
 */
import type { Logger } from 'pino';
import { normalizeText } from '../../../shared/src/hash';
import { listBlocks } from '../../../shared/src/model/blocks';
import { segmentsMap } from '../../../shared/src/model/translation';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { segmentFor, textBlocks } from '../../../shared/src/translation/align';
import { segmentMarkup } from '../../../shared/src/translation/segmentMarkup';
import type { Room } from '../collab/room';
import { InFlight, isConfirmed, watchLocalStatuses } from './statusWatch';
import type { Storage } from '../storage/types';
import type { Draft, TranslationService } from './service';


export class RepetitionFiller {
  private readonly work = new InFlight();

  constructor(
    private readonly translations: TranslationService,
    private readonly storage: Pick<Storage, 'getReport'>,
    private readonly log: Logger,
  ) {}

  attach(room: Room): (() => void) | undefined {
    return watchLocalStatuses(room, (event, statuses, where) => {
      const fresh: { pid: string; markup: string; sourceText: string }[] = [];
      for (const pid of event.keysChanged) {
        const now = statuses.get(pid);
        if (!isConfirmed(now) || isConfirmed(event.changes.keys.get(pid)?.oldValue)) continue;
        const markup = segmentMarkup(segmentsMap(room.doc).get(pid));
        if (markup.trim()) fresh.push({ pid, markup, sourceText: String(now.sourceText ?? '') });
      }
      if (fresh.length) this.work.track(this.fill(where.reportId, where.language, fresh));
    });
  }

  settled(): Promise<void> {
    return this.work.settled();
  }

  private async fill(reportId: string, lang: string, fresh: readonly { pid: string; markup: string; sourceText: string }[]): Promise<void> {
    try {
      const report = await this.storage.getReport(reportId);
      if (!report || report.originalLanguage === lang) return;
      const original = await this.translations.reports.readOriginal(report);
      const infos = listBlocks(original.body);
      const blocks = textBlocks(original.body);
      const byText = new Map<string, number[]>();
      infos.forEach((info, i) => {
        const key = normalizeText(info.text);
        if (key) byText.set(key, [...(byText.get(key) ?? []), i]);
      });
      const drafts = new Map<string, Draft>();
      for (const row of fresh) {
        for (const i of byText.get(normalizeText(row.sourceText)) ?? []) {
          const pid = infos[i].pid;
          if (pid === row.pid || drafts.has(pid)) continue;
          drafts.set(pid, { block: segmentFor(blocks[i], parseInlineMarkup(row.markup)), origin: { kind: 'repetition', pid: row.pid } });
        }
      }
      if (drafts.size === 0) return;
      const sources = new Map(infos.map((b) => [b.pid, b.text]));
      // The confirming user is not known here; the draft says where it came from instead.
      await this.translations.writeDrafts(report, lang, 'repetition', drafts, sources);
    } catch (err) {
      this.log.warn({ err, reportId, lang }, 'filling repetitions failed');
    }
  }
}
