/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one name or one address
 * within `windowMs`, further attempts get 429 until the window passes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  blocked(keys: string[], now = Date.now()): boolean {
    return keys.some((k) => {
      const f = this.failures.get(k);
      if (!f) return false;
      if (now - f.since > this.windowMs) {
        this.failures.delete(k);
        return false;
      }
      return f.count >= this.maxFailures;
    });
  }

  fail(keys: string[], now = Date.now()): void {
    for (const k of keys) {
      const f = this.failures.get(k);
      if (!f || now - f.since > this.windowMs) this.failures.set(k, { count: 1, since: now });
      else f.count++;
    }
    if (this.failures.size > 100_000) this.failures.clear(); // bound memory under a spray
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
