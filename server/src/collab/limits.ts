/** Per-connection bounds on what a client may make the server do. Defaults in config.ts. */
export interface CollabLimits {
  /** Structs in one update; more closes the connection (4413) before anything is applied. */
  maxStructsPerUpdate: number;
  maxDeleteRangesPerUpdate: number;
  /** Token bucket on structs + delete ranges applied per second per connection. */
  structsPerSecond: number;
  structBurst: number;
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
  /**
   * Structs (and their bytes) a room may hold waiting for dependencies that never arrived;
   * over either, or still waiting after `pendingTimeoutMs`, they are dropped and the client
   * that sent them is told to resync (4509).
   */
  maxPendingStructs: number;
  maxPendingBytes: number;
  pendingTimeoutMs: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  // Applying 100k structs blocks the event loop ~80 ms on this machine (and storing and
  // relaying them as much again); a 500-paragraph report's whole state is ~1,500 structs
  // once merged, so 50k leaves room for long, fragmented histories.
  maxStructsPerUpdate: 50_000,
  maxDeleteRangesPerUpdate: 50_000,
  structsPerSecond: 50_000,
  structBurst: 60_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxAwarenessStateBytes: 16 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
  maxPendingStructs: 10_000,
  maxPendingBytes: 1024 * 1024,
  pendingTimeoutMs: 5000,
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
