/** Sign-up, sign-in, sign-out and "who am I" (docs/PROTOCOL.md §10). */
import { Router } from 'express';
import { PlenaryError } from '../../../shared/src/errors';
import { type AuthResponse, LoginRequest, type MeResponse, SignupRequest, type User } from '../../../shared/src/api';
import { hashPassword, verifyPassword } from './passwords';
import type { TokenSigner } from './tokens';
import type { WsTickets } from './wsTickets';
import type { Directory, UserRecord } from '../storage/types';
import { newId } from '../reports/ids';
import { LoginThrottle } from './loginThrottle';
import { type Sessions, SESSION_COOKIE, setSessionCookie } from './session';

const publicUser = (u: UserRecord): User => ({ id: u.id, name: u.name, isAdmin: u.isAdmin });

export interface AuthRouteDeps {
  storage: Directory;
  signer: TokenSigner;
  sessions: Sessions;
  tickets: WsTickets;
}

export function authRoutes({ storage, signer, sessions, tickets }: AuthRouteDeps): Router {
  const router = Router();
  const throttle = new LoginThrottle();

  router.post('/signup', async (req, res) => {
    const { name, password } = SignupRequest.parse(req.body);
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
    res.status(201).json({ token, user: publicUser(user) } satisfies AuthResponse);
  });

  router.post('/login', async (req, res) => {
    const body = LoginRequest.parse(req.body);
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
    res.json({ token, user: publicUser(user) } satisfies AuthResponse);
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
    res.json({ user: publicUser(user) } satisfies MeResponse);
  });

  return router;
}
