/**
 * One Yjs document shared by the connections to it, on this instance.
 *
 * Invariants:
 * - an update is appended to storage before it is relayed (RoomRelay: local sockets, other
 *   instances, merged per commit) and before any sync answer that contains it is sent;
 * - updates from other instances (already durable there) are applied and relayed locally,
 *   never stored again or re-published;
 * - compaction rebuilds the snapshot from storage, not from memory, so it holds with several
 *   instances writing the same room;
 * - with Redis, a message between instances can be lost, so the room also reads what others
 *   stored since its log cursor (periodically, and in full after a re-subscription);
 * - an idle room hibernates its doc to the encoded state (RoomDocument) only when no write,
 *   compaction or catch-up is in flight; reading `doc` wakes it.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import type { Storage } from '../storage/types';
import type { PubSub } from '../pubsub/types';
import type { UpdateWriter } from './updateWriter';
import { RoomRelay, type RelayMetrics } from './relay';
import { decodePublished, encodeAwareness } from './messages';
import { RoomDocument } from './roomDocument';
import { LogCatchUp, type CatchUpRoom } from './logCatchUp';
import type { Connection } from './connection';
import { buildFromStoredLog, loadsInFreshDoc } from './storedLog';

/** Transaction origins that are not a connection. */
export const LOAD_ORIGIN = Symbol('load');
export const REMOTE_ORIGIN = Symbol('remote');
export const SERVER_ORIGIN = Symbol('server');
const CLIENT_UPDATE_WAITING = Symbol('client update waiting');
/** Transaction meta key: the client's update threw while applying (see applyClientUpdate). */
const APPLY_FAILED = Symbol('apply failed');

export interface RoomDeps {
  storage: Storage;
  pubsub: PubSub;
  writer: UpdateWriter;
  log: Logger;
  /** Log rows after the snapshot that trigger a background compaction. */
  compactAfter: number;
  metrics?: RoomMetrics;
  /** Period of the catch-up read from storage when instances share rooms (default 5 s). */
  catchUpMs?: number;
  /**
   * Called whenever the room's doc comes alive (after the load, and after each wake from
   * hibernation) to observe it; the dispose it returns runs when the doc sleeps or the room
   * is destroyed.
   */
  onLoad?(room: Room): (() => void) | void;
  /** Hibernate the doc after this long unused (0 or absent: never). */
  hibernateAfterMs?: number;
}

export const DEFAULT_CATCH_UP_MS = 5000;

export interface RoomMetrics extends RelayMetrics {
  /** Stored rows moved to quarantine on a load. */
  quarantined?(count: number): void;
}

export class Room implements CatchUpRoom {
  /** Presence lives on a doc of its own, so that the content doc can hibernate. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  private readonly document: RoomDocument;
  readonly connections = new Set<Connection>();
  /** Holders other than connections (server-side operations). */
  refs = 0;
  private updatesSinceSnapshot = 0;
  private lastWrite: Promise<unknown> = Promise.resolve();
  private writesInFlight = 0;
  /** Writes ever started (a reload checks nothing was written while it read). */
  private writesStarted = 0;
  private compacting: Promise<void> | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private destroyed = false;
  /** Reads of what other instances stored (with Redis), from the cursor the load sets. */
  private catchUpLog: LogCatchUp | null = null;
  private stopCatchUp: (() => void) | null = null;
  private disposeOnLoad: (() => void) | null = null;
  private readonly relay: RoomRelay;
  /** undefined: not encoded since the last awareness change. */
  private awarenessMessage: Uint8Array | null | undefined;

  private constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    // Awareness is about people; the server has none of its own.
    this.awareness.setLocalState(null);
    this.relay = new RoomRelay(this, deps.pubsub, deps.log, deps.metrics);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.document = new RoomDocument({
      idleMs: deps.hibernateAfterMs ?? 0,
      canSleep: () => this.writesInFlight === 0 && !this.compacting && !this.catchUpLog?.busy && !this.destroyed,
      onWake: (doc) => this.attach(doc),
      onSleep: (doc) => this.detach(doc),
    });
  }

  /** The room's document (wakes it if it hibernated). */
  get doc(): Y.Doc { return this.document.doc; }

  get isDormant(): boolean {
    return this.document.isDormant;
  }

  /** Everyone's awareness as one message (null when nobody has any), encoded once per change. */
  awarenessState(): Uint8Array | null {
    if (this.awarenessMessage === undefined) {
      const states = [...this.awareness.getStates().keys()];
      this.awarenessMessage = states.length > 0 ? encodeAwareness(this.awareness, states) : null;
    }
    return this.awarenessMessage;
  }

  /** The state vector, without waking a dormant room. */
  stateVector(): Uint8Array {
    return this.document.stateVector();
  }

  // The doc's 'update' listener is attached after the load transaction (see load()): Yjs
  // encodes an update for every transaction that has listeners, and nobody reads the load's.
  private attach(doc: Y.Doc): void {
    doc.on('beforeTransaction', this.noteWaiting);
    doc.on('afterTransactionCleanup', this.trackWaiting);
    doc.on('update', this.onDocUpdate);
    this.disposeOnLoad = this.deps.onLoad?.(this) ?? null;
  }

  private detach(doc: Y.Doc): void {
    doc.off('beforeTransaction', this.noteWaiting);
    doc.off('afterTransactionCleanup', this.trackWaiting);
    doc.off('update', this.onDocUpdate);
    this.disposeOnLoad?.();
    this.disposeOnLoad = null;
  }

  /** Subscribe first, then load, then apply what arrived meanwhile: no update falls between. */
  static async load(name: string, deps: RoomDeps): Promise<Room> {
    const room = new Room(name, deps);
    const early: Uint8Array[] = [];
    let loaded = false;
    room.unsubscribe = await deps.pubsub.subscribe(name, (msg) => (loaded ? room.onRemoteMessage(msg) : early.push(msg)));
    try {
      const log = await deps.storage.loadRoom(name);
      const { doc } = await buildFromStoredLog(log, room.doc, () => room.document.fresh(), room.storedLogBuild());
      room.attach(doc);
      room.updatesSinceSnapshot = log.updates.length;
      room.catchUpLog = new LogCatchUp(deps.storage, room, log.lastSeq);
    } catch (err) {
      await room.destroy();
      throw err;
    }
    loaded = true;
    for (const msg of early) room.onRemoteMessage(msg);
    if (deps.pubsub.needsCatchUp) room.stopCatchUp = room.catchUpLog!.start(deps.pubsub, deps.catchUpMs ?? DEFAULT_CATCH_UP_MS, deps.log);
    if (room.updatesSinceSnapshot >= deps.compactAfter) room.scheduleCompaction();
    room.document.start();
    return room;
  }

  private storedLogBuild() {
    const { storage, log, metrics } = this.deps;
    return { storage, room: this.name, log, origin: LOAD_ORIGIN, onQuarantined: metrics?.quarantined };
  }

  /**
   * Applies a client's validated update. Should Yjs still throw halfway, the transaction's
   * partial result is neither stored nor relayed, and the doc is rebuilt from storage (it may
   * hold half an update nobody else has). Returns the error, or null.
   */
  applyClientUpdate(update: Uint8Array, origin: Connection): unknown {
    let failure: unknown = null;
    Y.transact(this.doc, (tr) => {
      try {
        Y.applyUpdate(this.doc, update);
      } catch (err) {
        failure = err;
        tr.meta.set(APPLY_FAILED, true);
      }
    }, origin);
    if (failure) void this.reloadFromStorage().catch((err) => this.deps.log.error({ err, room: this.name }, 'reload after a failed apply failed'));
    return failure;
  }

  /**
   * Replaces the live doc by one built from storage. The new doc is built aside and swapped
   * in synchronously, and only if nothing was written meanwhile (else it reads again): no
   * update can land in a doc nobody listens to, or be missing from the new one.
   */
  private async reloadFromStorage(): Promise<void> {
    for (let attempt = 0; attempt < 5 && !this.destroyed; attempt++) {
      await this.flushed();
      const writesBefore = this.writesStarted;
      const log = await this.deps.storage.loadRoom(this.name);
      let scratch = new Y.Doc({ gc: true });
      ({ doc: scratch } = await buildFromStoredLog(log, scratch, () => (scratch.destroy(), (scratch = new Y.Doc({ gc: true }))), this.storedLogBuild()));
      if (this.writesStarted !== writesBefore || this.writesInFlight > 0 || this.destroyed) {
        scratch.destroy();
        continue;
      }
      const live = this.document.awake;
      if (live) this.detach(live);
      this.attach(this.document.replace(scratch));
      return;
    }
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
    const state = this.document.diff(stateVector);
    await this.flushed();
    return state;
  }

  /**
   * A client's update can wait in the doc for content this instance has not received yet (the
   * client got it from another instance). When that content arrives from the pub/sub or the
   * catch-up, Yjs integrates the waiting update in the remote transaction: its 'update' then
   * carries client content nobody stored. Such a remote update takes the durable path ([R1]);
   * storing and publishing remote content again is harmless (Yjs applies it idempotently).
   */
  private clientUpdateWaiting = false;

  private readonly noteWaiting = (tr: Y.Transaction): void => {
    tr.meta.set(CLIENT_UPDATE_WAITING, this.clientUpdateWaiting);
  };

  private readonly trackWaiting = (tr: Y.Transaction): void => {
    if (tr.origin === LOAD_ORIGIN) return;
    const waits = this.waitsForMissing();
    this.clientUpdateWaiting = tr.origin === REMOTE_ORIGIN ? this.clientUpdateWaiting && waits : this.clientUpdateWaiting || waits;
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (origin === LOAD_ORIGIN || tr.meta.has(APPLY_FAILED)) return;
    this.document.changed();
    if (origin === REMOTE_ORIGIN && tr.meta.get(CLIENT_UPDATE_WAITING) !== true) {
      this.relay.remote(update);
      return;
    }
    const receivedAt = performance.now();
    const sender = this.connections.has(origin as Connection) ? (origin as Connection) : undefined;
    this.writesInFlight++;
    this.writesStarted++;
    const write = this.deps.writer.append(this.name, update).then(() => {
      if (this.destroyed) return;
      this.relay.durable(update, sender, receivedAt);
      if (++this.updatesSinceSnapshot >= this.deps.compactAfter) this.scheduleCompaction();
    });
    const settled = () => void this.writesInFlight--;
    write.then(settled, settled);
    this.lastWrite = write;
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    this.awarenessMessage = undefined;
    this.relay.awareness(changed, origin !== REMOTE_ORIGIN);
  };

  /** A frame from another instance: an update or an awareness change, already durable. */
  private onRemoteMessage(message: Uint8Array): void {
    if (this.destroyed) return;
    try {
      const published = decodePublished(message);
      if (published && 'update' in published) Y.applyUpdate(this.doc, published.update, REMOTE_ORIGIN);
      else if (published) awarenessProtocol.applyAwarenessUpdate(this.awareness, published.awareness, REMOTE_ORIGIN);
    } catch (err) {
      this.deps.log.warn({ err, room: this.name }, 'dropped malformed message from another instance');
    }
  }

  /**
   * Applies what other instances stored after the log cursor (LogCatchUp). `full` reads
   * snapshot and log instead: after an outage, a compaction may have pruned rows past it.
   */
  catchUp(full = false): Promise<void> {
    return this.catchUpLog?.run(full) ?? Promise.resolve();
  }

  get closed(): boolean {
    return this.destroyed;
  }

  /** Updates read back from storage, durable already: applied and relayed as remote ones. */
  applyStored(updates: Uint8Array[]): void {
    const doc = this.doc;
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u);
    }, REMOTE_ORIGIN);
  }

  /** Whether the doc holds updates waiting for ones it never received (a dormant one holds none). */
  waitsForMissing(): boolean {
    const live = this.document.awake;
    return !!live && !!(live.store.pendingStructs || live.store.pendingDs);
  }

  scheduleCompaction(): void {
    if (this.compacting || this.destroyed) return;
    this.compacting = this.compact()
      .catch((err) => this.deps.log.error({ err, room: this.name }, 'compaction failed; the log is intact'))
      .finally(() => (this.compacting = null));
  }

  /** Compacts the log (compaction.ts), one instance at a time where the store offers a room lock. */
  async compact(): Promise<void> {
    await this.flushed();
    const { storage } = this.deps;
    if (!storage.withRoomLock) return this.compactUnlocked();
    const done = await storage.withRoomLock(this.name, () => this.compactUnlocked().then(() => true));
    // Another instance is compacting this room: leave it to that one and count afresh.
    if (done === null) this.updatesSinceSnapshot = 0;
  }

  private async compactUnlocked(): Promise<void> {
    const { storage } = this.deps;
    const log = await storage.loadRoom(this.name);
    if (log.updates.length === 0) return;
    let merged = new Y.Doc({ gc: true });
    ({ doc: merged } = await buildFromStoredLog(log, merged, () => (merged.destroy(), (merged = new Y.Doc({ gc: true }))), this.storedLogBuild()));
    const state = Y.encodeStateAsUpdate(merged);
    merged.destroy();
    // Keep the previous snapshot (and the rows) unless the new one loads.
    if (!loadsInFreshDoc(state)) throw new Error('the compacted state does not load; snapshot kept');
    await storage.writeSnapshot(this.name, state, log.lastSeq);
    // With other instances, keep the rows of the previous generation: an instance whose
    // catch-up cursor is still inside it can read them (docs/scaling.md, "compaction").
    await storage.pruneUpdates(this.name, this.deps.pubsub.needsCatchUp ? log.snapshotSeq : log.lastSeq);
    this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - log.updates.length);
    this.deps.log.debug({ room: this.name, merged: log.updates.length, bytes: state.length }, 'compacted');
  }

  get pendingUpdatesSinceSnapshot(): number {
    return this.updatesSinceSnapshot;
  }

  /** Waits for durable writes and any compaction, then releases everything. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.stopCatchUp?.();
    this.disposeOnLoad?.();
    this.disposeOnLoad = null;
    await this.flushed();
    await this.compacting;
    this.relay.stop();
    this.destroyed = true;
    const live = this.document.awake;
    if (live) this.detach(live);
    this.document.destroy();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.awareness.doc.destroy();
    if (this.unsubscribe) await this.unsubscribe().catch(() => {});
  }
}
