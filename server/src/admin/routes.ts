/**
 * Administration (admins only): `GET /api/admin/quarantine` lists stored rows that could not
 * be loaded and were moved aside (storage/quarantine.ts); `GET /api/admin/quarantine/:id/bytes`
 * downloads one row's bytes, to inspect or to replay by hand.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { PlenaryError } from '../../../shared/src/errors';
import type { Storage } from '../storage/types';
import type { Sessions } from '../auth/session';

export function adminRoutes({ storage, sessions }: { storage: Storage; sessions: Sessions }): Router {
  const router = Router();

  const requireAdmin = async (req: Request) => {
    const user = await sessions.require(req);
    if (!user.isAdmin) throw new PlenaryError('forbidden', 'administrators only');
    return user;
  };

  router.get('/quarantine', async (req, res) => {
    await requireAdmin(req);
    res.json({ items: await storage.listQuarantine() });
  });

  router.get('/quarantine/:id/bytes', async (req, res) => {
    await requireAdmin(req);
    const id = z.coerce.number().int().positive().safe().parse(req.params.id);
    const found = await storage.quarantinedBytes(id);
    if (!found) throw new PlenaryError('not_found', `no quarantined row ${id}`);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="quarantine-${id}.bin"`);
    res.send(Buffer.from(found.data));
  });

  return router;
}
