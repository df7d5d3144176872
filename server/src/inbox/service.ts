/**
 * Builds the inbox from review-room updates as the server stores them (issue 13). The
 * instance a client's update arrived at is told (CollabService.onAuthored); a short while
 * later — updates of a burst are taken together — it reads the room's threads and the
 * report's members and adds the derived items, which the store ignores when already there.
 * Updates relayed from other instances are not re-read: their own instance did it.
 */
import { parseRoomName, REVIEW_SUFFIX, roomName } from '../../../shared/src/rooms';
import { wellFormedThreads } from '../../../shared/src/review/threads';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';
import type { RoomRegistry } from '../collab/registry';
import { deriveInbox, type InboxItem } from './derive';
import type { InboxStore } from './store';

export class InboxService {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; by: string }>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: InboxStore,
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    private readonly log: Logger,
    private readonly delayMs = 150,
  ) {}

  /** Authorship listener: a client's update was applied to `room`. */
  readonly noteAuthored = (room: string, userName: string): void => {
    const parsed = parseRoomName(room);
    if (parsed?.kind !== 'review') return;
    const previous = this.pending.get(parsed.reportId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.pending.delete(parsed.reportId);
      this.running = this.running.then(() => this.scan(parsed.reportId, userName)).catch((err) => this.log.warn({ err: String(err) }, 'inbox scan failed'));
    }, this.delayMs);
    timer.unref();
    this.pending.set(parsed.reportId, { timer, by: userName });
  };

  async scan(reportId: string, by: string): Promise<void> {
    const threads = await this.registry.withRoom(roomName(reportId, REVIEW_SUFFIX), (room) => wellFormedThreads(room.doc));
    const members = await this.storage.listMembers(reportId);
    await this.store.add(deriveInbox(reportId, threads, members, by));
  }

  list(userId: string): Promise<InboxItem[]> {
    return this.store.list(userId, 200);
  }

  markRead(userId: string, ids: readonly string[]): Promise<number> {
    return this.store.markRead(userId, ids);
  }

  /** Waits for scans already due (tests, shutdown). */
  async settled(): Promise<void> {
    for (const { timer } of this.pending.values()) timer.refresh();
    while (this.pending.size) await new Promise((r) => setTimeout(r, this.delayMs));
    await this.running;
  }
}
