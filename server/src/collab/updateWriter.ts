/**
 * Group commit for room updates. Updates queued during one event-loop turn are appended in
 * one storage transaction (one fsync), then each caller's promise resolves in queue order, so
 * relays leave in the order updates arrived. One batch is in flight at a time. A failed
 * append is retried with backoff and nothing of the batch is relayed meanwhile: an update is
 * durable before anyone else sees it.
 */
import type { Logger } from 'pino';
import type { RoomLog } from '../storage/types';

interface Pending {
  room: string;
  update: Uint8Array;
  resolve: (seq: number) => void;
}

export class UpdateWriter {
  private queue: Pending[] = [];
  private inFlight: Promise<void> | null = null;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  /** Durable-append latency observer (metrics). */
  onBatch?: (size: number, seconds: number) => void;

  constructor(
    private readonly storage: Pick<RoomLog, 'appendUpdates'>,
    private readonly log: Logger,
  ) {}

  append(room: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve) => {
      this.queue.push({ room, update, resolve });
      this.schedule();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when everything queued so far is durable. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.inFlight = this.flush().finally(() => {
        this.inFlight = null;
        if (this.queue.length > 0) this.schedule();
        else for (const w of this.idleWaiters.splice(0)) w();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, 2000);
    if (batch.length === 0) return;
    let delay = 50;
    for (;;) {
      const started = performance.now();
      try {
        const seqs = await this.storage.appendUpdates(batch.map(({ room, update }) => ({ room, update })));
        this.onBatch?.(batch.length, (performance.now() - started) / 1000);
        batch.forEach((p, i) => p.resolve(seqs[i]));
        return;
      } catch (err) {
        this.log.error({ err, batch: batch.length }, 'append failed; retrying, relays held back');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }
}
