/**
 * With Redis between instances, a message from another instance can be lost (its publisher
 * died between commit and publish, the subscription dropped). So a room also reads what was
 * stored after its log cursor: periodically, and in full (snapshot and log) after a
 * re-subscription, since a compaction may have pruned rows past the cursor (docs/PROTOCOL.md [R8],
 * docs/scaling.md).
 *
 * Invariant: only storage reads advance the cursor, never the room's own appends — another
 * instance may have committed a smaller seq whose message was lost.
 */
import type { Logger } from 'pino';
import type { RoomLog } from '../storage/types';
import type { PubSub } from '../pubsub/types';

/** What the catch-up needs of its room. */
export interface CatchUpRoom {
  readonly name: string;
  readonly closed: boolean;
  /** Applies stored updates as remote ones (already durable; duplicates are no-ops in Yjs). */
  applyStored(updates: Uint8Array[]): void;
  /** Whether applied updates wait for ones never received (their rows were pruned). */
  waitsForMissing(): boolean;
}

export class LogCatchUp {
  private running: Promise<void> | null = null;

  constructor(
    private readonly storage: RoomLog,
    private readonly room: CatchUpRoom,
    /** Highest log seq read from storage (the room's load sets it). */
    private cursor: number,
  ) {}

  /** Whether a read is in flight. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Runs every `periodMs` and after each re-subscription; returns the stop. */
  start(pubsub: PubSub, periodMs: number, log: Logger): () => void {
    const run = (full: boolean) => () =>
      void this.run(full).catch((err) => log.warn({ err, room: this.room.name }, 'catch-up failed; retrying later'));
    const timer = setInterval(run(false), periodMs);
    timer.unref();
    const offResubscribed = pubsub.onResubscribed?.(run(true));
    return () => {
      clearInterval(timer);
      offResubscribed?.();
    };
  }

  /** Reads what was stored after the cursor (`full`: snapshot and log) and applies it. */
  async run(full = false): Promise<void> {
    while (this.running) {
      if (!full) return this.running;
      await this.running.catch(() => {});
    }
    if (this.room.closed) return;
    this.running = this.readMissed(full).finally(() => (this.running = null));
    return this.running;
  }

  private async readMissed(full: boolean): Promise<void> {
    let updates: Uint8Array[];
    let lastSeq: number;
    if (full) {
      const log = await this.storage.loadRoom(this.room.name);
      updates = log.snapshot ? [log.snapshot, ...log.updates] : log.updates;
      lastSeq = log.lastSeq;
    } else {
      const rows = await this.storage.readUpdates(this.room.name, this.cursor);
      updates = rows.map((r) => r.update);
      lastSeq = rows.length ? rows[rows.length - 1].seq : this.cursor;
    }
    if (this.room.closed) return;
    if (updates.length > 0) this.room.applyStored(updates);
    this.cursor = Math.max(this.cursor, lastSeq);
    // Updates waiting for ones we never got: the missing rows were pruned past our cursor.
    if (!full && this.room.waitsForMissing()) await this.readMissed(true);
  }
}
