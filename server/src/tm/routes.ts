/**
 * `GET /api/tm?q=…&from=en&to=fr[&mode=concordance][&limit=10]` → `[{source, target, score,
 * reportId, pid}]`, best first. Only entries of reports the caller is a member of are searched.
 */
import { Router } from 'express';
import { z } from 'zod';
import { isLanguageCode } from '../../../shared/src/rooms';
import type { Storage } from '../storage/types';
import type { Sessions } from '../http/session';
import type { TranslationMemory } from './types';

const Language = z.string().refine(isLanguageCode, 'a BCP 47 primary language code such as en, fr, ar');

const TmQuery = z.object({
  q: z.string().trim().min(1, 'q is the text to look up').max(5000),
  from: Language,
  to: Language,
  mode: z.enum(['fuzzy', 'concordance']).default('fuzzy'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export function tmRoutes(storage: Storage, sessions: Sessions, tm: TranslationMemory): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    const query = TmQuery.parse(req.query);
    const reportIds = (await storage.listReportsForUser(user.id)).map((r) => r.id);
    const lookup = query.mode === 'concordance' ? tm.concordance.bind(tm) : tm.search.bind(tm);
    res.json(await lookup(query.q, query.from, query.to, reportIds, query.limit));
  });
  return router;
}
