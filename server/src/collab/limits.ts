/** Per-connection bounds on what a client may make the server do. Defaults in config.ts. */
export interface CollabLimits {
  /** Structs in one update; more closes the connection (4413) before anything is applied. */
  maxStructsPerUpdate: number;
  maxDeleteRangesPerUpdate: number;
  /** Bytes queued on a socket before it counts as a slow reader and is closed (4508). */
  maxBufferedBytes: number;
  /** Bytes of one awareness state (JSON). */
  maxAwarenessStateBytes: number;
  /** Token bucket: sustained messages per second per connection, and the burst allowed. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Token bucket on received bytes per connection. */
  bytesPerSecond: number;
  byteBurst: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxStructsPerUpdate: 500_000,
  maxDeleteRangesPerUpdate: 500_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxAwarenessStateBytes: 16 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
};

/** A token bucket; `take` returns false when the budget is spent. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }
  take(amount = 1): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
