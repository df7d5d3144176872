/**
 * A room's coalesced relay: the updates that became durable in one group commit (and those
 * that arrived from other instances in one turn) leave as one merged sync message
 * (Y.mergeUpdates), encoded once and sent once per socket; awareness changes of one turn
 * leave as one awareness message. A room with W writers costs one frame per reader per turn
 * instead of W.
 *
 * Invariants:
 * - only durable updates enter the queue (the room adds them after the append resolves, or
 *   as remote ones, durable on the instance that stored them);
 * - batches leave in the order they became durable; a merged message applied gives the same
 *   doc as the sequence it replaces;
 * - a sender never receives its own updates back: a connection that wrote some of a batch
 *   gets the merge of the others' updates only;
 * - only this instance's updates are published to other instances (once per batch).
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { Logger } from 'pino';
import type { PubSub } from '../pubsub/types';
import { encodeAwareness, encodeUpdate } from './messages';
import type { Peer } from './peer';

export interface RelayMetrics {
  /** Frames sent to clients in one flush. */
  relayed(count: number): void;
  /** From receiving the oldest local update of a flush to its relay. */
  relayLatency(seconds: number): void;
}

export interface RelayTarget {
  readonly name: string;
  readonly peers: ReadonlySet<Peer>;
  readonly awareness: Awareness;
}

interface Entry {
  update: Uint8Array;
  /** The peer that wrote it (local updates); never sent back to it. */
  sender?: Peer;
  /** Stored here (published to other instances) rather than received from one. */
  local: boolean;
}

const merge = (updates: Uint8Array[]): Uint8Array => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

export class RoomRelay {
  private entries: Entry[] = [];
  private oldestLocal = 0;
  private flushQueued = false;
  private awarenessChanged = new Set<number>();
  private awarenessLocal = new Set<number>();
  private awarenessQueued = false;
  private stopped = false;

  constructor(
    private readonly room: RelayTarget,
    private readonly pubsub: PubSub,
    private readonly log: Logger,
    private readonly metrics?: RelayMetrics,
  ) {}

  /**
   * A local update is durable. Relayed at the end of the current microtask run, so that every
   * update of one group commit (resolved together) leaves in one message.
   */
  durable(update: Uint8Array, sender: Peer | undefined, receivedAt: number): void {
    if (this.stopped) return;
    if (!this.entries.some((e) => e.local)) this.oldestLocal = receivedAt;
    this.entries.push({ update, sender, local: true });
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flush);
    }
  }

  /** An update from another instance (already durable there): relayed locally once per turn. */
  remote(update: Uint8Array): void {
    if (this.stopped) return;
    this.entries.push({ update, local: false });
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(this.flush);
    }
  }

  /** Awareness entries changed; `local` ones (not from another instance) are also published. */
  awareness(changed: number[], local: boolean): void {
    if (this.stopped) return;
    for (const id of changed) {
      this.awarenessChanged.add(id);
      if (local) this.awarenessLocal.add(id);
    }
    if (!this.awarenessQueued) {
      this.awarenessQueued = true;
      setImmediate(this.flushAwareness);
    }
  }

  /** Sends what is queued now (also used before the room closes). */
  readonly flush = (): void => {
    this.flushQueued = false;
    const entries = this.entries;
    if (entries.length === 0 || this.stopped) return;
    this.entries = [];
    const all = encodeUpdate(merge(entries.map((e) => e.update)));
    // Peers that wrote part of this batch get the rest of it only.
    const senders = new Map<Peer, Uint8Array | null>();
    for (const e of entries) if (e.sender) senders.set(e.sender, null);
    for (const sender of senders.keys()) {
      const others = entries.filter((e) => e.sender !== sender).map((e) => e.update);
      senders.set(sender, others.length > 0 ? encodeUpdate(merge(others)) : null);
    }
    let sent = 0;
    for (const conn of this.room.peers) {
      const message = senders.has(conn) ? senders.get(conn) : all;
      if (!message) continue;
      conn.send(message);
      sent++;
    }
    const local = entries.filter((e) => e.local);
    if (local.length > 0) {
      this.metrics?.relayed(sent);
      this.metrics?.relayLatency((performance.now() - this.oldestLocal) / 1000);
      const published = local.length === entries.length ? all : encodeUpdate(merge(local.map((e) => e.update)));
      this.publish(published);
    }
  };

  private readonly flushAwareness = (): void => {
    this.awarenessQueued = false;
    if (this.stopped || this.awarenessChanged.size === 0) return;
    const message = encodeAwareness(this.room.awareness, [...this.awarenessChanged]);
    const local = this.awarenessLocal.size === this.awarenessChanged.size ? message : this.awarenessLocal.size > 0 ? encodeAwareness(this.room.awareness, [...this.awarenessLocal]) : null;
    this.awarenessChanged = new Set();
    this.awarenessLocal = new Set();
    for (const conn of this.room.peers) conn.send(message);
    if (local) this.publish(local);
  };

  private publish(message: Uint8Array): void {
    void this.pubsub.publish(this.room.name, message).catch((err) => this.log.warn({ err, room: this.room.name }, 'publish failed'));
  }

  /** Sends what is queued, then drops whatever comes later (the room is closing). */
  stop(): void {
    this.flush();
    this.flushAwareness();
    this.stopped = true;
  }
}
