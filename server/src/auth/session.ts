/**
 * Who is calling: the token from `Authorization: Bearer`, the `?token=` query (WebSocket
 * upgrades only, for non-browser clients), the session cookie, or — on a WebSocket upgrade —
 * a one-use `?ticket=` (auth/wsTickets.ts). Cookies are HttpOnly and SameSite=Lax.
 */
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import { PlenaryError } from '../../../shared/src/errors';
import type { TokenSigner } from './tokens';
import type { WsTickets } from './wsTickets';
import type { Directory, UserRecord } from '../storage/types';

export const SESSION_COOKIE = 'plenary_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function tokenFromRequest(req: IncomingMessage, allowQuery = false): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  if (allowQuery && req.url) {
    const q = new URL(req.url, 'http://localhost').searchParams.get('token');
    if (q) return q;
  }
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function setSessionCookie(res: Response, token: string, ttlSeconds: number, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: ttlSeconds * 1000, path: '/' });
}

export class Sessions {
  constructor(
    private readonly signer: TokenSigner,
    private readonly storage: Directory,
    /** How a verified token's or ticket's user is looked up (default: storage; WebSocket joins use a cache). */
    private readonly lookupUser: (id: string) => Promise<UserRecord | null> = (id) => storage.getUserById(id),
  ) {}

  async userFromToken(token: string | undefined): Promise<UserRecord | null> {
    const claims = this.signer.verify(token);
    if (!claims) return null;
    return this.lookupUser(claims.sub);
  }

  /**
   * Who opens a WebSocket: a valid ticket first; else (an absent, used or expired ticket) the
   * token or cookie, so a browser whose ticket went stale still has its cookie.
   */
  async userFromUpgrade(req: IncomingMessage, tickets: WsTickets): Promise<UserRecord | null> {
    const ticket = req.url ? new URL(req.url, 'http://localhost').searchParams.get('ticket') : null;
    const fromTicket = ticket ? tickets.redeem(ticket) : null;
    if (fromTicket) return this.lookupUser(fromTicket);
    return this.userFromToken(tokenFromRequest(req, true));
  }

  /** The signed-in user, or a 401. */
  async require(req: Request): Promise<UserRecord> {
    const user = await this.userFromToken(tokenFromRequest(req));
    if (!user) throw new PlenaryError('unauthorized', 'sign in first (missing, invalid or expired token)');
    return user;
  }
}
