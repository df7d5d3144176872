/**
 * `POST /api/import/report?name=<file name>` (raw body): reads a file to import into a report's
 * original (.docx, .txt, .md) and returns `{format, content}` — the document model — or a 400
 * that says what the file is and what is accepted. Writes nothing; any signed-in user may ask.
 */
import express, { Router } from 'express';
import { PlenaryError } from '../../../shared/src/errors';
import { parseReportFile } from './reportFile';
import type { Sessions } from '../auth/session';

export function importRoutes({ sessions }: { sessions: Sessions }): Router {
  const router = Router();
  router.post('/report', express.raw({ type: () => true, limit: '25mb' }), async (req, res) => {
    await sessions.require(req);
    if (!Buffer.isBuffer(req.body)) throw new PlenaryError('bad_request', 'send the file as the request body');
    const name = typeof req.query.name === 'string' ? req.query.name.slice(0, 255) : '';
    res.json(await parseReportFile(req.body, name));
  });
  return router;
}
