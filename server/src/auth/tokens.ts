/**
 * Signed, expiring session tokens: `base64url(JSON {sub, exp})` + `.` + HMAC-SHA256 of it.
 * Verification compares MACs in constant time and checks expiry; the secret never leaves
 * this module (and is never logged).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** User id. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export class TokenSigner {
  constructor(
    private readonly secret: Buffer,
    readonly ttlSeconds: number,
  ) {}

  sign(userId: string, now = Date.now()): string {
    const claims: TokenClaims = { sub: userId, exp: Math.floor(now / 1000) + this.ttlSeconds };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** Returns the claims of a valid, unexpired token, else null. */
  verify(token: string | undefined | null, now = Date.now()): TokenClaims | null {
    if (!token || token.length > 4096) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
      if (claims.exp * 1000 <= now) return null;
      return claims;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
