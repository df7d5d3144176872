/**
 * Compaction of a room's log (docs/PROTOCOL.md §7): every `compactAfter` stored rows, the
 * snapshot is rebuilt from storage — not from memory, so it holds with several instances
 * writing the same room — and the rows it covers are pruned.
 *
 * Invariants:
 * - one compaction per room at a time here, and one per room across instances where the
 *   store offers a room lock (another instance holding it: left to that one);
 * - the previous snapshot and rows stay unless the new snapshot loads in a fresh doc;
 * - with other instances (`keepPreviousGeneration`), the rows of the previous generation are
 *   kept: an instance whose catch-up cursor is still inside them can read them.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { RoomLog } from '../storage/types';
import { buildAside, loadsInFreshDoc, type StoredLogBuild } from './storedLog';

/** What compaction needs of its room. */
export interface CompactionRoom {
  readonly name: string;
  /** Resolves once every update applied so far is durable. */
  flushed(): Promise<void>;
}

export interface CompactionOptions {
  log: RoomLog;
  logger: Logger;
  /** Stored rows after the snapshot that trigger a compaction. */
  compactAfter: number;
  keepPreviousGeneration: boolean;
  /** How stored parts are validated and quarantined while rebuilding. */
  build: StoredLogBuild;
}

export class Compaction {
  private rowsSinceSnapshot = 0;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly room: CompactionRoom,
    private readonly options: CompactionOptions,
  ) {}

  /** Rows stored after the snapshot, as far as this instance knows. */
  get pendingRows(): number {
    return this.rowsSinceSnapshot;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** The room's load found `rows` after the snapshot. */
  loaded(rows: number): void {
    this.rowsSinceSnapshot = rows;
    if (rows >= this.options.compactAfter) this.schedule();
  }

  /** One more row is stored. */
  stored(): void {
    if (++this.rowsSinceSnapshot >= this.options.compactAfter) this.schedule();
  }

  /** Starts a compaction in the background unless one runs; failures keep the log intact. */
  schedule(): void {
    if (this.running || this.stopped) return;
    this.running = this.run()
      .catch((err) => this.options.logger.error({ err, room: this.room.name }, 'compaction failed; the log is intact'))
      .finally(() => (this.running = null));
  }

  /** Compacts now (after the room's writes are durable); resolves when done. */
  async run(): Promise<void> {
    await this.room.flushed();
    const { log } = this.options;
    if (!log.withRoomLock) return this.compactUnlocked();
    const done = await log.withRoomLock(this.room.name, () => this.compactUnlocked().then(() => true));
    // Another instance is compacting this room: leave it to that one and count afresh.
    if (done === null) this.rowsSinceSnapshot = 0;
  }

  /** Waits for a running compaction, then refuses new ones. */
  async stop(): Promise<void> {
    await this.running;
    this.stopped = true;
  }

  private async compactUnlocked(): Promise<void> {
    const { log, build, logger, keepPreviousGeneration } = this.options;
    const stored = await log.loadRoom(this.room.name);
    if (stored.updates.length === 0) return;
    const merged = await buildAside(stored, build);
    const state = Y.encodeStateAsUpdate(merged);
    merged.destroy();
    if (!loadsInFreshDoc(state)) throw new Error('the compacted state does not load; snapshot kept');
    await log.writeSnapshot(this.room.name, state, stored.lastSeq);
    await log.pruneUpdates(this.room.name, keepPreviousGeneration ? stored.snapshotSeq : stored.lastSeq);
    this.rowsSinceSnapshot = Math.max(0, this.rowsSinceSnapshot - stored.updates.length);
    logger.debug({ room: this.room.name, merged: stored.updates.length, bytes: state.length }, 'compacted');
  }
}
