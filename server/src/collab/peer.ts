/**
 * A room's view of one participant (docs/ARCHITECTURE.md, "Room and Connection"): the room
 * sends it frames, closes it (a resync), and asks whether it may write. Decoding, limits and
 * permissions stay with whoever implements it (Connection over a socket; the harness over an
 * in-memory pair); the room never sees a socket.
 */
import type { AwarenessEntry } from './awarenessFilter';
import type { UpdateCost } from './updateScan';

export interface Peer {
  /** Unique on this instance, for logs. */
  readonly id: string;
  /** Presence ids may pass between peers of one user (a reconnect), not between users. */
  readonly userId: string;
  readonly canWrite: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** The room as a peer's side sees it (room.ts implements it). */
export interface RoomPort {
  readonly name: string;
  /** Adds the peer and opens its sync (SyncStep1, then everyone's presence). */
  join(peer: Peer): void;
  /** Removes the peer and the presence it set. */
  leave(peer: Peer): void;
  /** Sends the peer what its state vector lacks, once durable. */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void;
  /**
   * Applies a writer's update; throws InvalidUpdateError, returns a Yjs failure or null.
   * `scanned`: the caller's scanUpdate of these bytes, reused rather than scanned again.
   */
  applyClientUpdate(peer: Peer, update: Uint8Array, scanned?: UpdateCost): unknown;
  /** Applies the presence the peer may set; returns how many claims were refused. */
  applyAwareness(peer: Peer, entries: readonly AwarenessEntry[]): number;
  /** Sends the peer everyone's presence. */
  queryAwareness(peer: Peer): void;
  /** Resolves once every update applied so far is durable. */
  flushed(): Promise<void>;
}
