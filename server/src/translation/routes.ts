/**
 * `POST /api/reports/:id/pretranslate?lang=xx {tm?: true, mt?: false, minScore?: 100}` →
 * `{filled: {tm, mt}, skipped}`, for the owner or a translator of xx. With `Accept:
 * application/x-ndjson` the answer streams one `{"progress": {done, total}}` line per row
 * looked up, then `{"result": …}` (or `{"error": …}` once streaming): the grid's dialog draws
 * its bar from it. `DELETE /api/reports/:id/pretranslate?lang=xx&run=…` undoes a run as one
 * change → `{removed, kept}` (rows edited or confirmed since are kept).
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { PlenaryError } from '../../../shared/src/errors';
import { canWriteRoom } from '../../../shared/src/roles';
import type { Sessions } from '../auth/session';
import { reportIdParam } from '../reports/ids';
import type { ReportService } from '../reports/service';
import type { Storage } from '../storage/types';
import { visibleMemories } from '../tm/visibility';
import { pretranslate, type PretranslateDeps } from './pretranslate';

const Options = z.object({
  tm: z.boolean().default(true),
  mt: z.boolean().default(false),
  minScore: z.number().min(0).max(100).default(100),
});

/** Writes an NDJSON line, starting the stream on the first. */
function line(res: Response, value: unknown): void {
  if (!res.headersSent) {
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
  }
  res.write(`${JSON.stringify(value)}\n`);
}

const Run = z.string().regex(/^[0-9a-f]{12}$/, 'run is the id a pre-translation answered with');

export interface TranslationRouteDeps extends PretranslateDeps {
  storage: Storage;
  reports: ReportService;
  sessions: Sessions;
}

/** Mounted under `/reports/:id` with mergeParams. */
export function translationRoutes(deps: TranslationRouteDeps): Router {
  const router = Router({ mergeParams: true });
  router.use('/pretranslate', pretranslateRoutes(deps));
  return router;
}

function pretranslateRoutes(deps: TranslationRouteDeps): Router {
  const { storage, reports, sessions } = deps;
  const router = Router({ mergeParams: true });

  /** The report and language of the request, if the caller may write that language. */
  async function target(req: Request) {
    const user = await sessions.require(req);
    const { report, member } = await reports.access(reportIdParam(req.params.id), user);
    const lang = String(req.query.lang ?? '');
    if (!report.languages.includes(lang)) {
      throw new PlenaryError('bad_request', `lang must be a target language of this report (${report.languages.join(', ') || 'none'})`);
    }
    if (!canWriteRoom(member, { kind: 'language', reportId: report.id, language: lang }, report)) {
      throw new PlenaryError('forbidden', `only the owner or a translator into ${lang} may pre-translate it`);
    }
    return { user, report, lang };
  }

  router.delete('/', async (req, res) => {
    const { report, lang } = await target(req);
    res.json(await deps.translations.undoDrafts(report, lang, Run.parse(req.query.run)));
  });

  router.post('/', async (req, res) => {
    const { user, report, lang } = await target(req);
    const options = Options.parse(req.body ?? {});
    if (!options.tm && !options.mt) throw new PlenaryError('bad_request', 'ask for tm, mt or both');
    const memories = await visibleMemories(storage, user.id);
    const run = (onProgress?: (done: number, total: number) => void) =>
      pretranslate(deps, report, lang, { ...options, memories, userName: user.name, onProgress });
    if (!String(req.headers.accept ?? '').includes('application/x-ndjson')) {
      res.json(await run());
      return;
    }
    try {
      const result = await run((done, total) => line(res, { progress: { done, total } }));
      line(res, { result });
    } catch (err) {
      // Refused before the first row (a pair no engine serves): an ordinary error answer.
      if (!res.headersSent) throw err;
      const e = err instanceof PlenaryError ? err : new PlenaryError('internal', 'pre-translation failed');
      line(res, { error: { code: e.code, message: e.message } });
    }
    res.end();
  });
  return router;
}
