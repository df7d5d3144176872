/**
 * `GET /api/mt?q=…&from=en&to=es` → `{text, provider}` (q and text in inline markup);
 * `GET /api/mt/pairs` → `{provider, pairs: [{from, to}]}`. Any signed-in user. A pair no
 * engine serves, or MT off → 422 with a message naming the available pairs; too long → 413;
 * the engine failing or timing out → 502.
 */
import { Router } from 'express';
import { z } from 'zod';
import { isLanguageCode } from '../../../shared/src/rooms';
import type { Sessions } from '../auth/session';
import type { MachineTranslation } from './service';

const Language = z.string().refine(isLanguageCode, 'a BCP 47 primary language code such as en, fr, ar');
const MtQuery = z.object({ q: z.string().min(1, 'q is the text to translate').max(100_000), from: Language, to: Language });

export function mtRoutes({ sessions, mt }: { sessions: Sessions; mt: MachineTranslation }): Router {
  const router = Router();
  router.get('/pairs', async (req, res) => {
    await sessions.require(req);
    res.json(await mt.status());
  });
  router.get('/', async (req, res) => {
    await sessions.require(req);
    const { q, from, to } = MtQuery.parse(req.query);
    res.json(await mt.translate(q, from, to));
  });
  return router;
}
