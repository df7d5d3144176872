/**
 * `GET /api/tm?q=…&from=en&to=fr[&mode=concordance][&limit=10]` → `[{source, target, score,
 * reportId, pid}]`, best first. Only entries of reports the caller is a member of are searched.
 */
import { Router } from 'express';
import { TmQuery, type TmMatch } from '../../../shared/src/api';
import type { Directory } from '../storage/types';
import type { Sessions } from '../http/session';
import type { TranslationMemory } from './types';

export function tmRoutes(storage: Directory, sessions: Sessions, tm: TranslationMemory): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    const query = TmQuery.parse(req.query);
    const reportIds = (await storage.listReportsForUser(user.id)).map((r) => r.id);
    const lookup = query.mode === 'concordance' ? tm.concordance.bind(tm) : tm.search.bind(tm);
    res.json((await lookup(query.q, query.from, query.to, reportIds, query.limit)) satisfies TmMatch[]);
  });
  return router;
}
