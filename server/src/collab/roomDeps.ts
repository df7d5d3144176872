/**
 * What a room is built from (registry.ts builds every room of an instance from one set):
 * its stores, the pub/sub between instances, the group commit, and the room's tunables.
 */
import type { Logger } from 'pino';
import type { RoomStore } from '../storage/types';
import type { PubSub } from '../pubsub/types';
import type { UpdateWriter } from './updateWriter';
import type { RelayMetrics } from './relay';
import type { PendingBounds } from './pendingGuard';
import type { Room } from './room';

export interface RoomDeps {
  storage: RoomStore;
  pubsub: PubSub;
  writer: UpdateWriter;
  log: Logger;
  /** Log rows after the snapshot that trigger a background compaction. */
  compactAfter: number;
  metrics?: RoomMetrics;
  /** Period of the catch-up read from storage when instances share rooms (default 5 s). */
  catchUpMs?: number;
  /** Bounds on client updates waiting for missing dependencies (default: DEFAULT_LIMITS). */
  pending?: PendingBounds;
  /**
   * Called whenever the room's doc comes alive (after the load, and after each wake from
   * hibernation) to observe it; the dispose it returns runs when the doc sleeps or the room
   * is destroyed.
   */
  onLoad?(room: Room): (() => void) | void;
  /** Hibernate the doc after this long unused (0 or absent: never). */
  hibernateAfterMs?: number;
}

export interface RoomMetrics extends RelayMetrics {
  /** Stored rows moved to quarantine on a load. */
  quarantined?(count: number): void;
  /** Client updates dropped because their dependencies never arrived. */
  pendingDropped?(): void;
}
