/**
 * One-use WebSocket tickets (`POST /api/auth/ws-ticket` → `{ticket}`): the browser opens its
 * collaboration sockets with `?ticket=` instead of the long-lived session token, so nothing
 * that outlives a minute ever sits in a URL (proxy logs, console messages, history).
 *
 * A ticket is `wst.` + base64url(JSON {sub, exp, n}) + `.` + HMAC-SHA256 under a key derived
 * from the secret for this purpose only, so a ticket is never a session token and vice versa.
 * It is valid `ttlSeconds` (60) and for one upgrade: redeemed nonces are remembered until
 * they expire. With several instances, one use is enforced per instance (a ticket could be
 * replayed once on each instance within its minute); the session cookie works on every one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'wst.';

interface TicketClaims {
  sub: string;
  exp: number;
  n: string;
}

export class WsTickets {
  private readonly key: Buffer;
  /** Redeemed nonce → expiry (ms); swept as they expire. */
  private readonly used = new Map<string, number>();

  constructor(secret: Buffer, readonly ttlSeconds = 60) {
    this.key = createHmac('sha256', secret).update('plenary ws-ticket v1').digest();
  }

  issue(userId: string, now = Date.now()): string {
    const claims: TicketClaims = { sub: userId, exp: now + this.ttlSeconds * 1000, n: randomBytes(12).toString('base64url') };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${PREFIX}${body}.${this.mac(body)}`;
  }

  /** The user id of a valid, unexpired, unused ticket (which is used up by this call), else null. */
  redeem(ticket: string | null | undefined, now = Date.now()): string | null {
    if (!ticket || ticket.length > 1024 || !ticket.startsWith(PREFIX)) return null;
    const rest = ticket.slice(PREFIX.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) return null;
    const body = rest.slice(0, dot);
    const given = Buffer.from(rest.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: TicketClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TicketClaims;
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.n !== 'string') return null;
    if (claims.exp <= now) return null;
    this.sweep(now);
    if (this.used.has(claims.n)) return null;
    this.used.set(claims.n, claims.exp);
    return claims.sub;
  }

  private sweep(now: number): void {
    for (const [nonce, exp] of this.used) if (exp <= now) this.used.delete(nonce);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
