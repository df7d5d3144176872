/** `GET /api/inbox` → `{items}` (newest first), `POST /api/inbox/read {ids}` → `{read}` (issue 13). */
import { Router } from 'express';
import { z } from 'zod';
import type { Sessions } from '../auth/session';
import type { InboxService } from './service';

const ReadBody = z.object({ ids: z.array(z.string().min(1).max(200)).max(500) });

export function inboxRoutes({ sessions, inbox }: { sessions: Sessions; inbox: InboxService }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    res.json({ items: await inbox.list(user.id) });
  });
  router.post('/read', async (req, res) => {
    const user = await sessions.require(req);
    const { ids } = ReadBody.parse(req.body);
    res.json({ read: await inbox.markRead(user.id, ids) });
  });
  return router;
}
