/**
 * What other instances send a room: the pub/sub subscription (updates and presence, already
 * durable where they were stored) and, where messages between instances can be lost
 * (`pubsub.needsCatchUp`), the catch-up read of the log (logCatchUp.ts, [R8]).
 *
 * Invariant: the subscription starts before the room reads its log, and what arrives before
 * the load finished is applied right after it — no update falls between.
 */
import type { Logger } from 'pino';
import type { RoomLog } from '../storage/types';
import type { PubSub } from '../pubsub/types';
import { decodePublished } from './messages';
import { type CatchUpRoom, LogCatchUp } from './logCatchUp';

export const DEFAULT_CATCH_UP_MS = 5000;

/** What the feed needs of its room. */
export interface FeedRoom extends CatchUpRoom {
  applyRemoteUpdate(update: Uint8Array): void;
  applyRemotePresence(payload: Uint8Array): void;
}

export class RemoteFeed {
  /** Messages received before open(); null once open. */
  private early: Uint8Array[] | null = [];
  private unsubscribe: (() => Promise<void>) | null = null;
  private catchUpLog: LogCatchUp | null = null;
  private stopCatchUp: (() => void) | null = null;

  private constructor(
    private readonly room: FeedRoom,
    private readonly pubsub: PubSub,
    private readonly log: Logger,
  ) {}

  /** Subscribes; messages wait until open(). */
  static async subscribe(room: FeedRoom, pubsub: PubSub, log: Logger): Promise<RemoteFeed> {
    const feed = new RemoteFeed(room, pubsub, log);
    feed.unsubscribe = await pubsub.subscribe(room.name, (msg) => (feed.early ? feed.early.push(msg) : feed.receive(msg)));
    return feed;
  }

  /** The room loaded its log up to `lastSeq`: applies what waited and starts the catch-up. */
  open(storage: RoomLog, lastSeq: number, catchUpMs = DEFAULT_CATCH_UP_MS): void {
    this.catchUpLog = new LogCatchUp(storage, this.room, lastSeq);
    const early = this.early ?? [];
    this.early = null;
    for (const msg of early) this.receive(msg);
    if (this.pubsub.needsCatchUp) this.stopCatchUp = this.catchUpLog.start(this.pubsub, catchUpMs, this.log);
  }

  /** Whether a catch-up read is in flight. */
  get busy(): boolean {
    return this.catchUpLog?.busy ?? false;
  }

  /** Reads what others stored after the cursor now (`full`: snapshot and log). */
  catchUp(full = false): Promise<void> {
    return this.catchUpLog?.run(full) ?? Promise.resolve();
  }

  stopReading(): void {
    this.stopCatchUp?.();
    this.stopCatchUp = null;
  }

  async close(): Promise<void> {
    this.stopReading();
    if (this.unsubscribe) await this.unsubscribe().catch(() => {});
    this.unsubscribe = null;
  }

  private receive(message: Uint8Array): void {
    if (this.room.closed) return;
    try {
      const published = decodePublished(message);
      if (published && 'update' in published) this.room.applyRemoteUpdate(published.update);
      else if (published) this.room.applyRemotePresence(published.awareness);
    } catch (err) {
      this.log.warn({ err, room: this.room.name }, 'dropped malformed message from another instance');
    }
  }
}
