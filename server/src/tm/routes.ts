/**
 * The translation-memory API.
 * - `GET /api/tm?q=…&from=en&to=fr[&mode=concordance][&limit=10]` → `[{source, target, score,
 *   reportId, pid, origin?}]`, best first, from the reports the caller is a member of and the
 *   imported workspace memory (IMPORTED_TM), which every signed-in user sees.
 * - `POST /api/tm/import` (TMX 1.4b body, or a multipart upload; `?name=` names the origin
 *   when the body is raw) → `{imported, skipped, errors: [{line, message}]}`; admins and report
 *   owners only. Malformed XML → 400 with the line, nothing written.
 * - `GET /api/tm/export?from=en&to=fr` → TMX 1.4b of everything the caller may see.
 */
import { Router } from 'express';
import { TmQuery, type TmMatch } from '../../../shared/src/api';
import type { Directory, UserRecord } from '../storage/types';
import { z } from 'zod';
import { PlenaryError } from '../../../shared/src/errors';
import { isLanguageCode } from '../../../shared/src/rooms';
import type { Sessions } from '../auth/session';
import { importBody } from '../interchange/requestBody';
import type { TranslationMemory } from './types';
import { visibleMemories } from './visibility';
import { importTmx } from './tmx/import';
import { TMX_FOOTER, tmxHeader, tmxUnit } from './tmx/write';

const Language = z.string().refine(isLanguageCode, 'a BCP 47 primary language code such as en, fr, ar');

const Pair = z.object({ from: Language, to: Language }).refine((p) => p.from !== p.to, { message: 'from and to must differ', path: ['to'] });

/** A TMX file may be this large (100,000 units of UN prose are about 60 MB). */
export const MAX_TMX_BYTES = 512 * 1024 * 1024;

async function mayImport(storage: Directory, user: UserRecord): Promise<boolean> {
  return user.isAdmin || (await storage.listReportsForUser(user.id)).some((r) => r.role === 'owner');
}

export function tmRoutes({ storage, sessions, tm }: { storage: Directory; sessions: Sessions; tm: TranslationMemory }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    const query = TmQuery.parse(req.query);
    const reportIds = await visibleMemories(storage, user.id);
    const lookup = query.mode === 'concordance' ? tm.concordance.bind(tm) : tm.search.bind(tm);
    res.json((await lookup(query.q, query.from, query.to, reportIds, query.limit)) satisfies TmMatch[]);
  });

  router.post('/import', async (req, res) => {
    const user = await sessions.require(req);
    if (!(await mayImport(storage, user))) throw new PlenaryError('forbidden', 'translation memories are imported by admins and report owners');
    const body = await importBody(req, MAX_TMX_BYTES);
    res.json(await importTmx(tm, body.stream, { fileName: body.fileName, userName: user.name }));
  });

  router.get('/export', async (req, res) => {
    const user = await sessions.require(req);
    const { from, to } = Pair.parse(req.query);
    const entries = await tm.entries(from, to, await visibleMemories(storage, user.id));
    res.setHeader('Content-Type', 'application/x-tmx+xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="plenary-${from}-${to}.tmx"`);
    res.write(tmxHeader(from));
    for (const e of entries) res.write(tmxUnit(e));
    res.end(TMX_FOOTER);
  });
  return router;
}
