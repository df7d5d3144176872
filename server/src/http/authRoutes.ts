/** Sign-up, sign-in, sign-out and "who am I" (DESIGN §3). */
import { Router } from 'express';
import { z } from 'zod';
import { PlenaryError } from '../../../shared/src/errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { TokenSigner } from '../auth/tokens';
import type { WsTickets } from '../auth/wsTickets';
import type { Storage, UserRecord } from '../storage/types';
import { newId } from '../reports/ids';
import { LoginThrottle } from './loginThrottle';
import { type Sessions, SESSION_COOKIE, setSessionCookie } from './session';

const Credentials = z.object({
  name: z.string().trim().min(1, 'name is required').max(64, 'name is at most 64 characters')
    .regex(/^[\p{L}\p{N} ._@-]+$/u, 'name may contain letters, digits, spaces and . _ @ -'),
  password: z.string().min(8, 'password must have at least 8 characters').max(256),
});

const publicUser = (u: UserRecord) => ({ id: u.id, name: u.name, isAdmin: u.isAdmin });

export function authRoutes(storage: Storage, signer: TokenSigner, sessions: Sessions, tickets: WsTickets): Router {
  const router = Router();
  const throttle = new LoginThrottle();

  router.post('/signup', async (req, res) => {
    const { name, password } = Credentials.parse(req.body);
    if (await storage.getUserByName(name)) throw new PlenaryError('conflict', `the name "${name}" is taken`);
    let user: UserRecord;
    try {
      user = await storage.createUser({ id: newId(9), name, passwordHash: await hashPassword(password) });
    } catch (err) {
      if (String(err).includes('UNIQUE') || String(err).includes('unique')) throw new PlenaryError('conflict', `the name "${name}" is taken`);
      throw err;
    }
    const token = signer.sign(user.id);
    setSessionCookie(res, token, signer.ttlSeconds, req.secure);
    res.status(201).json({ token, user: publicUser(user) });
  });

  router.post('/login', async (req, res) => {
    const body = z.object({ name: z.string().max(64), password: z.string().max(256) }).parse(req.body);
    const keys = [`name:${body.name.toLowerCase()}`, `ip:${req.ip}`];
    if (throttle.blocked(keys)) throw new PlenaryError('too_many_requests', 'too many failed sign-ins; try again later');
    const user = await storage.getUserByName(body.name.trim());
    // Hash even for unknown names so timing does not reveal which names exist.
    const ok = user ? await verifyPassword(body.password, user.passwordHash) : (await hashPassword(body.password), false);
    if (!user || !ok) {
      throttle.fail(keys);
      throw new PlenaryError('unauthorized', 'wrong name or password');
    }
    throttle.succeed(keys);
    const token = signer.sign(user.id);
    setSessionCookie(res, token, signer.ttlSeconds, req.secure);
    res.json({ token, user: publicUser(user) });
  });

  router.post('/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  // A one-use, one-minute credential for one WebSocket upgrade (auth/wsTickets.ts).
  router.post('/ws-ticket', async (req, res) => {
    const user = await sessions.require(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ticket: tickets.issue(user.id), expiresIn: tickets.ttlSeconds });
  });

  router.get('/me', async (req, res) => {
    const user = await sessions.require(req);
    res.json({ user: publicUser(user) });
  });

  return router;
}
