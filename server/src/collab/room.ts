/**
 * One Yjs document shared by the connections to it, on this instance.
 *
 * Invariants:
 * - an update is appended to storage before it is relayed (to local sockets, to other
 *   instances) and before any sync answer that contains it is sent;
 * - updates from other instances (already durable there) are applied and relayed locally,
 *   never stored again or re-published;
 * - compaction rebuilds the snapshot from storage, not from memory, so it holds with several
 *   instances writing the same room.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import type { Storage } from '../storage/types';
import type { PubSub } from '../pubsub/types';
import { MessageType } from '../../../shared/src/protocol';
import type { UpdateWriter } from './updateWriter';
import { encodeAwareness, encodeUpdate } from './messages';
import type { Connection } from './connection';

/** Transaction origins that are not a connection. */
export const LOAD_ORIGIN = Symbol('load');
export const REMOTE_ORIGIN = Symbol('remote');
export const SERVER_ORIGIN = Symbol('server');

export interface RoomDeps {
  storage: Storage;
  pubsub: PubSub;
  writer: UpdateWriter;
  log: Logger;
  /** Log rows after the snapshot that trigger a background compaction. */
  compactAfter: number;
  metrics?: RoomMetrics;
}

export interface RoomMetrics {
  relayed(count: number): void;
  relayLatency(seconds: number): void;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Holders other than connections (server-side operations). */
  refs = 0;
  private updatesSinceSnapshot = 0;
  private lastWrite: Promise<unknown> = Promise.resolve();
  private compacting: Promise<void> | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private destroyed = false;

  private constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    // Awareness is about people; the server has none of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Subscribe first, then load, then apply what arrived meanwhile: no update falls between. */
  static async load(name: string, deps: RoomDeps): Promise<Room> {
    const room = new Room(name, deps);
    const early: Uint8Array[] = [];
    let loaded = false;
    room.unsubscribe = await deps.pubsub.subscribe(name, (msg) => (loaded ? room.onRemoteMessage(msg) : early.push(msg)));
    try {
      const log = await deps.storage.loadRoom(name);
      Y.transact(room.doc, () => {
        if (log.snapshot) Y.applyUpdate(room.doc, log.snapshot);
        for (const u of log.updates) Y.applyUpdate(room.doc, u);
      }, LOAD_ORIGIN);
      room.updatesSinceSnapshot = log.updates.length;
    } catch (err) {
      await room.destroy();
      throw err;
    }
    loaded = true;
    for (const msg of early) room.onRemoteMessage(msg);
    if (room.updatesSinceSnapshot >= deps.compactAfter) room.scheduleCompaction();
    return room;
  }

  get isIdle(): boolean {
    return this.connections.size === 0 && this.refs === 0;
  }

  /** Applies an update on behalf of the server (imports, restores): stored, then relayed. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
    return this.flushed();
  }

  /** Runs `change` in one transaction on behalf of the server; stored, then relayed. */
  change(change: (doc: Y.Doc) => void): Promise<void> {
    Y.transact(this.doc, () => change(this.doc), SERVER_ORIGIN);
    return this.flushed();
  }

  /** Resolves once every update applied so far is durable. */
  flushed(): Promise<void> {
    return this.lastWrite.then(() => undefined);
  }

  /** The full state, once durable: what a joining client may be sent. */
  async durableStateDiff(stateVector?: Uint8Array): Promise<Uint8Array> {
    const state = Y.encodeStateAsUpdate(this.doc, stateVector);
    await this.flushed();
    return state;
  }

  broadcast(message: Uint8Array, except?: Connection): void {
    for (const conn of this.connections) if (conn !== except) conn.send(message);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    const message = encodeUpdate(update);
    if (origin === REMOTE_ORIGIN) {
      this.broadcast(message);
      return;
    }
    const started = performance.now();
    const sender = this.connections.has(origin as Connection) ? (origin as Connection) : undefined;
    const write = this.deps.writer.append(this.name, update).then(() => {
      if (this.destroyed) return;
      this.broadcast(message, sender);
      this.deps.metrics?.relayed(this.connections.size - (sender ? 1 : 0));
      this.deps.metrics?.relayLatency((performance.now() - started) / 1000);
      void this.deps.pubsub.publish(this.name, message).catch((err) => this.deps.log.warn({ err, room: this.name }, 'publish failed'));
      if (++this.updatesSinceSnapshot >= this.deps.compactAfter) this.scheduleCompaction();
    });
    this.lastWrite = write;
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    this.broadcast(message);
    if (origin !== REMOTE_ORIGIN) {
      void this.deps.pubsub.publish(this.name, message).catch(() => {});
    }
  };

  /** A frame from another instance: an update or an awareness change, already durable. */
  private onRemoteMessage(message: Uint8Array): void {
    if (this.destroyed) return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) {
        const sub = decoding.readVarUint(decoder);
        if (sub === syncProtocol.messageYjsUpdate || sub === syncProtocol.messageYjsSyncStep2) {
          Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE_ORIGIN);
        }
      } else if (type === MessageType.Awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), REMOTE_ORIGIN);
      }
    } catch (err) {
      this.deps.log.warn({ err, room: this.name }, 'dropped malformed message from another instance');
    }
  }

  scheduleCompaction(): void {
    if (this.compacting || this.destroyed) return;
    this.compacting = this.compact()
      .catch((err) => this.deps.log.error({ err, room: this.name }, 'compaction failed; the log is intact'))
      .finally(() => (this.compacting = null));
  }

  /**
   * Merges snapshot and log rows into a new snapshot, then prunes the rows it covers.
   * Built from storage so that updates stored by other instances are never dropped.
   */
  async compact(): Promise<void> {
    await this.flushed();
    const { storage } = this.deps;
    const log = await storage.loadRoom(this.name);
    if (log.updates.length === 0) return;
    const merged = new Y.Doc({ gc: true });
    Y.transact(merged, () => {
      if (log.snapshot) Y.applyUpdate(merged, log.snapshot);
      for (const u of log.updates) Y.applyUpdate(merged, u);
    });
    const state = Y.encodeStateAsUpdate(merged);
    merged.destroy();
    await storage.writeSnapshot(this.name, state, log.lastSeq);
    await storage.pruneUpdates(this.name, log.lastSeq);
    this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - log.updates.length);
    this.deps.log.debug({ room: this.name, merged: log.updates.length, bytes: state.length }, 'compacted');
  }

  get pendingUpdatesSinceSnapshot(): number {
    return this.updatesSinceSnapshot;
  }

  /** Waits for durable writes and any compaction, then releases everything. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    await this.flushed();
    await this.compacting;
    this.destroyed = true;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    if (this.unsubscribe) await this.unsubscribe().catch(() => {});
  }
}
