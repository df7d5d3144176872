/**
 * `/api/reports/:id/settings` and `/api/reports/:id/words`: the word limit and frozen numbering
 * (owner only), kept in the original room's `settings` map so every open view follows them
 * live (shared/src/model/settings.ts), and the word count of each language version.
 */
import { Router } from 'express';
import { z } from 'zod';
import { roomName } from '../../../shared/src/rooms';
import { listBlocks } from '../../../shared/src/model/blocks';
import { readSettings, SETTINGS_MAP } from '../../../shared/src/model/settings';
import { bodyWordCount, translationWordCount } from '../../../shared/src/model/wordCount';
import type { Sessions } from '../auth/session';
import { reportIdParam } from './ids';
import type { ReportRecord } from '../storage/types';
import type { RoomRegistry } from '../collab/registry';
import type { ReportService } from './service';
import type { TranslationService } from '../translation/service';

const PutSettings = z
  .object({
    wordLimit: z.number().int().min(1, 'the word limit is at least 1').max(1_000_000).optional(),
    frozen: z.boolean().optional(),
  })
  .strict();


/** Words per language: the original's body, and each translation's translated rows. */
export async function wordCounts(reports: ReportService, translations: TranslationService, report: ReportRecord): Promise<Record<string, number>> {
  const original = await reports.readOriginal(report);
  const words: Record<string, number> = { [report.originalLanguage]: bodyWordCount(original.body) };
  for (const lang of report.languages) {
    const { segments } = await translations.read(report, lang);
    words[lang] = translationWordCount(original.body, segments);
  }
  return words;
}

export interface SettingsRouteDeps {
  reports: ReportService;
  translations: TranslationService;
  registry: RoomRegistry;
  sessions: Sessions;
}

/** Mounted by reports/routes.ts under `/:id`. */
export function reportSettingsRoutes({ reports, translations, registry, sessions }: SettingsRouteDeps): Router {
  const router = Router({ mergeParams: true });

  router.get('/settings', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportIdParam((req.params as { id?: string }).id), user);
    res.json(await reports.settings(report));
  });

  router.put('/settings', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportIdParam((req.params as { id?: string }).id), user, 'owner');
    const input = PutSettings.parse(req.body ?? {});
    const settings = await registry.withRoom(roomName(report.id, report.originalLanguage), async (room) => {
      const map = room.doc.getMap<unknown>(SETTINGS_MAP);
      const before = readSettings(map);
      await room.change((doc) => {
        const target = doc.getMap<unknown>(SETTINGS_MAP);
        if (input.wordLimit !== undefined) target.set('wordLimit', input.wordLimit);
        if (input.frozen === true && !before.frozen) {
          // The numbers of this moment become the fixed ones; later paragraphs take "bis", "ter".
          const numbers: Record<string, number> = {};
          for (const b of listBlocks(reports.bodyOf(doc))) if (b.number !== null) numbers[b.pid] = b.number;
          target.set('frozenNumbers', numbers);
          target.set('frozen', true);
        } else if (input.frozen === false && before.frozen) {
          // Unfreezing: numbers follow document order again, and every reference with them.
          target.set('frozen', false);
          target.delete('frozenNumbers');
        }
      });
      return readSettings(map);
    });
    res.json(settings);
  });

  router.get('/words', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportIdParam((req.params as { id?: string }).id), user);
    const [settings, words] = await Promise.all([reports.settings(report), wordCounts(reports, translations, report)]);
    res.json({ limit: settings.wordLimit, words });
  });

  return router;
}
