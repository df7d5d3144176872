/**
 * Pre-translation of one language version: every untranslated row (no text, not confirmed)
 * gets the best memory match at or above `minScore` (default 100), else — when asked — a
 * machine translation, as a draft whose status records its origin (`{kind: 'tm', score}` or
 * `{kind: 'mt', provider}`). Nothing is confirmed, so nothing enters the memory and progress
 * counts these rows as drafts until a translator confirms them. Lookups run first, a few rows
 * at a time (reported through `onProgress`); the rows are then written in one change of the
 * room — one stored update, relayed at once to everyone in the grid — each draft marked with
 * the run's id, so that the run can be undone as one change too (TranslationService.undoDrafts).
 */
import { randomBytes } from 'node:crypto';
import { normalizeText } from '../../../shared/src/hash';
import { listBlocks } from '../../../shared/src/model/blocks';
import { segmentsMap, statusMap, fragmentText, isSegmentStatus } from '../../../shared/src/model/translation';
import { roomName } from '../../../shared/src/rooms';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { segmentFor, textBlocks } from '../../../shared/src/translation/align';
import { inlineToMarkup } from '../../../shared/src/translation/segmentMarkup';
import { PlenaryError } from '../../../shared/src/errors';
import type { PMTextBlock } from '../../../shared/src/model/schema';
import type { RoomRegistry } from '../collab/registry';
import type { TranslationMemory } from '../tm/types';
import type { MachineTranslation } from '../mt/service';
import type { ReportRecord } from '../storage/types';
import type { Draft, TranslationService } from './service';

const LOOKUPS_AT_ONCE = 3;

export interface PretranslateOptions {
  tm: boolean;
  mt: boolean;
  minScore: number;
  /** The memories the caller may read (tm/routes.ts visibleMemories). */
  memories: readonly string[];
  userName: string;
  onProgress?: (done: number, total: number) => void;
}

export interface PretranslateResult {
  filled: { tm: number; mt: number };
  skipped: number;
  /** The run's id, for DELETE …/pretranslate?run= (undo). */
  run: string;
}

export interface PretranslateDeps {
  translations: TranslationService;
  registry: RoomRegistry;
  tm: TranslationMemory;
  mt: MachineTranslation;
}

/** The pids of rows with no text that no one confirmed. */
async function untranslatedRows(registry: RoomRegistry, report: ReportRecord, lang: string, pids: readonly string[]): Promise<Set<string>> {
  return registry.withRoom(roomName(report.id, lang), (room) => {
    const segments = segmentsMap(room.doc);
    const statuses = statusMap(room.doc);
    return new Set(pids.filter((pid) => {
      const status = statuses.get(pid);
      return !fragmentText(segments.get(pid)).trim() && !(isSegmentStatus(status) && status.state !== 'draft');
    }));
  });
}

export async function pretranslate(deps: PretranslateDeps, report: ReportRecord, lang: string, options: PretranslateOptions): Promise<PretranslateResult> {
  const from = report.originalLanguage;
  if (options.mt) {
    // Refuse at once, not row by row, when the engine cannot do the pair.
    const { provider, pairs } = await deps.mt.status();
    if (!pairs.some((p) => p.from === from && p.to === lang)) {
      const list = pairs.map((p) => `${p.from}-${p.to}`).join(', ') || 'none';
      throw new PlenaryError('unprocessable', provider ? `${provider} does not translate ${from}→${lang}; available pairs: ${list}` : 'machine translation is off on this server (PLENARY_MT)');
    }
  }
  const original = await deps.translations.reports.readOriginal(report);
  const infos = listBlocks(original.body);
  const blocks = textBlocks(original.body);
  const sources = new Map(infos.map((b) => [b.pid, b.text]));
  const todo = await untranslatedRows(deps.registry, report, lang, infos.map((b) => b.pid));
  const drafts = new Map<string, Draft>();
  const run = randomBytes(6).toString('hex');
  const rows = infos.map((info, i) => ({ info, block: blocks[i] as PMTextBlock })).filter((r) => todo.has(r.info.pid) && normalizeText(r.info.text));
  let done = 0;
  let skipped = 0;
  const lookUp = async ({ info, block }: (typeof rows)[number]) => {
    let draft: Draft | null = null;
    if (options.tm) {
      const [best] = await deps.tm.search(info.text, from, lang, options.memories, 1);
      if (best && best.score >= options.minScore) {
        draft = { block: segmentFor(block, parseInlineMarkup(best.target)), origin: { kind: 'tm', score: best.score, ...(best.origin ? { source: best.origin } : {}), run } };
      }
    }
    if (!draft && options.mt) {
      try {
        const { text, provider } = await deps.mt.translate(inlineToMarkup(block.content), from, lang);
        if (normalizeText(text)) draft = { block: segmentFor(block, parseInlineMarkup(text)), origin: { kind: 'mt', provider, run } };
      } catch (err) {
        if (!(err instanceof PlenaryError)) throw err;
      }
    }
    if (draft) drafts.set(info.pid, draft);
    else skipped++;
    options.onProgress?.(++done, rows.length);
  };
  // A few rows at a time: the engine runs two translations at once, the memory is quick.
  let next = 0;
  await Promise.all(Array.from({ length: LOOKUPS_AT_ONCE }, async () => {
    while (next < rows.length) await lookUp(rows[next++]);
  }));
  const filled = await deps.translations.writeDrafts(report, lang, options.userName, drafts, sources);
  const result: PretranslateResult = { filled: { tm: 0, mt: 0 }, skipped: skipped + (drafts.size - filled.size), run };
  for (const pid of filled) {
    const origin = drafts.get(pid)!.origin;
    if (origin.kind === 'tm' || origin.kind === 'mt') result.filled[origin.kind]++;
  }
  return result;
}
