/**
 * One Yjs document shared by the peers in it, on this instance. Its port is small: a peer
 * joins, leaves, asks for the state it lacks, and sends updates and presence; the room sees
 * a peer only as `Peer` (peer.ts) — decoding, limits and permissions stay in Connection.
 *
 * Invariants:
 * - an update is appended to storage before it is relayed (RoomRelay: local peers, other
 *   instances, merged per commit) and before any sync answer that contains it is sent [R1];
 * - updates from other instances (already durable there) are applied and relayed locally,
 *   never stored again or re-published;
 * - a client's update is validated against the doc before it is applied, and whatever it
 *   leaves waiting for missing dependencies is bounded (PendingGuard);
 * - where instances share rooms (`pubsub.needsCatchUp`), the room also reads what others
 *   stored since its log cursor (LogCatchUp); compaction rebuilds from storage (Compaction);
 * - an idle room hibernates its doc to the encoded state (RoomDocument) only when no write,
 *   compaction or catch-up is in flight; reading `doc` wakes it.
 */
import * as Y from 'yjs';
import type { Peer, RoomPort } from './peer';
import type { RoomDeps } from './roomDeps';
import { RoomRelay } from './relay';
import { DurableWrites } from './durableWrites';
import { encodeSyncStep1, encodeSyncStep2 } from './messages';
import { RoomDocument } from './roomDocument';
import { RoomPresence } from './roomPresence';
import { type FeedRoom, RemoteFeed } from './remoteFeed';
import { Compaction } from './compaction';
import { buildFromStoredLog, rebuildWhenQuiet, type StoredLogBuild } from './storedLog';
import { WaitingClientUpdates } from './waitingUpdates';
import { validateUpdate } from './updateValidation';
import type { UpdateCost } from './updateScan';
import type { AwarenessEntry } from './awarenessFilter';
import { PendingGuard } from './pendingGuard';
import { DEFAULT_LIMITS } from './limits';

/** Transaction origins that are not a peer. */
export const LOAD_ORIGIN = Symbol('load');
export const REMOTE_ORIGIN = Symbol('remote');
export const SERVER_ORIGIN = Symbol('server');
/** Transaction meta key: the client's update threw while applying (see applyClientUpdate). */
const APPLY_FAILED = Symbol('apply failed');

export type { RoomDeps, RoomMetrics } from './roomDeps';

export class Room implements RoomPort, FeedRoom {
  private readonly document: RoomDocument;
  private readonly presence: RoomPresence;
  private readonly peers = new Set<Peer>();
  /** Holders other than peers (server-side operations). */
  refs = 0;
  private readonly writes: DurableWrites;
  /** The peer whose update is being applied (its transaction's 'update' is that peer's). */
  private applyingFrom: Peer | null = null;
  private destroyed = false;
  private feed: RemoteFeed | null = null;
  private readonly waiting = new WaitingClientUpdates(LOAD_ORIGIN, REMOTE_ORIGIN, () => this.waitsForMissing());
  private disposeOnLoad: (() => void) | null = null;
  private readonly relay: RoomRelay;
  private readonly compaction: Compaction;
  private readonly pending: PendingGuard;
  /** How the stored log is read back: validated, bad parts quarantined (storedLog.ts). */
  private readonly build: StoredLogBuild;

  private constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.build = { storage: deps.storage, room: name, log: deps.log, origin: LOAD_ORIGIN, onQuarantined: deps.metrics?.quarantined };
    this.presence = new RoomPresence((changed, local) => this.relay.awareness(changed, local));
    this.relay = new RoomRelay({ name, peers: this.peers, awareness: this.presence.awareness }, deps.pubsub, deps.log, deps.metrics);
    this.compaction = new Compaction(this, {
      log: deps.storage, logger: deps.log, compactAfter: deps.compactAfter, keepPreviousGeneration: deps.pubsub.needsCatchUp, build: this.build,
    });
    this.writes = new DurableWrites(name, deps.writer, (update, sender, receivedAt) => {
      if (this.destroyed) return;
      this.relay.durable(update, sender, receivedAt);
      this.compaction.stored();
    });
    this.pending = new PendingGuard(name, deps.pending ?? DEFAULT_LIMITS, deps.log, () => deps.metrics?.pendingDropped?.());
    this.document = new RoomDocument({
      idleMs: deps.hibernateAfterMs ?? 0,
      canSleep: () => !this.writes.busy && !this.compaction.busy && !this.feed?.busy && !this.destroyed,
      onWake: (doc) => this.attach(doc),
      onSleep: (doc) => this.detach(doc),
    });
  }

  /** Subscribe first, then load, then apply what arrived meanwhile (RemoteFeed). */
  static async load(name: string, deps: RoomDeps): Promise<Room> {
    const room = new Room(name, deps);
    let loaded;
    try {
      room.feed = await RemoteFeed.subscribe(room, deps.pubsub, deps.log);
      loaded = await deps.storage.loadRoom(name);
      room.attach((await buildFromStoredLog(loaded, room.doc, () => room.document.fresh(), room.build)).doc);
    } catch (err) {
      await room.destroy();
      throw err;
    }
    room.feed.open(deps.storage, loaded.lastSeq, deps.catchUpMs);
    room.compaction.loaded(loaded.updates.length);
    room.document.start();
    return room;
  }

  // ---- The port: what a peer does in a room ----

  /** Adds `peer` and opens its sync: our state vector, then everyone's presence [R12]. */
  join(peer: Peer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(this.stateVector()));
    this.queryAwareness(peer);
  }

  /** Removes `peer` and the presence it set [R4]. */
  leave(peer: Peer): void {
    this.peers.delete(peer);
    this.presence.leave(peer);
  }

  /** Answers a SyncStep1: what `peer` lacks, sent once durable [R1]. */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    void this.durableStateDiff(stateVector).then((state) => peer.send(encodeSyncStep2(state)));
  }

  /**
   * Applies `peer`'s update (the caller checked that it may write). Throws InvalidUpdateError
   * for an update that does not fit the doc. Should Yjs still throw halfway, the
   * transaction's partial result is neither stored nor relayed, and the doc is rebuilt from
   * storage (it may hold half an update nobody else has). Returns that error, or null.
   */
  applyClientUpdate(peer: Peer, update: Uint8Array, scanned?: UpdateCost): unknown {
    const doc = this.doc;
    const { needs } = validateUpdate(update, doc, undefined, { scanned });
    let failure: unknown = null;
    this.applyingFrom = peer;
    try {
      Y.transact(doc, (tr) => {
        try {
          Y.applyUpdate(doc, update);
        } catch (err) {
          failure = err;
          tr.meta.set(APPLY_FAILED, true);
        }
      }, peer);
    } finally {
      this.applyingFrom = null;
    }
    if (failure) {
      void this.reloadFromStorage().catch((err) => this.deps.log.error({ err, room: this.name }, 'reload after a failed apply failed'));
      return failure;
    }
    this.pending.check(doc, peer, needs);
    return null;
  }

  /** Applies the presence entries `peer` may set; returns how many claims on others' ids were refused [R4]. */
  applyAwareness(peer: Peer, entries: readonly AwarenessEntry[]): number {
    return this.presence.apply(peer, entries);
  }

  /** Sends `peer` everyone's presence (nothing when nobody has any). */
  queryAwareness(peer: Peer): void {
    const state = this.presence.state();
    if (state) peer.send(state);
  }

  // ---- The room as the server uses it ----

  /** The room's document (wakes it if it hibernated). */
  get doc(): Y.Doc { return this.document.doc; }

  get isDormant(): boolean { return this.document.isDormant; }

  get isIdle(): boolean { return this.peers.size === 0 && this.refs === 0; }

  get closed(): boolean { return this.destroyed; }

  /** The state vector, without waking a dormant room. */
  stateVector(): Uint8Array {
    return this.document.stateVector();
  }

  /** The state `stateVector` lacks (the full state when absent), once durable. */
  async durableStateDiff(stateVector?: Uint8Array): Promise<Uint8Array> {
    const state = this.document.diff(stateVector);
    await this.flushed();
    return state;
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
    return this.writes.flushed();
  }

  /**
   * Applies what other instances stored after the log cursor (LogCatchUp). `full` reads
   * snapshot and log instead: after an outage, a compaction may have pruned rows past it.
   */
  catchUp(full = false): Promise<void> {
    return this.feed?.catchUp(full) ?? Promise.resolve();
  }

  /** An update or presence from another instance (RemoteFeed), already durable: applied and relayed here. */
  applyRemoteUpdate(update: Uint8Array): void { Y.applyUpdate(this.doc, update, REMOTE_ORIGIN); }

  applyRemotePresence(payload: Uint8Array): void { this.presence.applyRemote(payload); }

  /** Updates read back from storage, durable already: applied and relayed as remote ones. */
  applyStored(updates: Uint8Array[]): void {
    const doc = this.doc;
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u);
    }, REMOTE_ORIGIN);
  }

  /** Whether the doc holds updates waiting for ones it never received (a dormant one holds none). */
  waitsForMissing(): boolean { return this.document.waitsForMissing(); }

  /** Compacts in the background if rows were stored since the snapshot (compaction.ts). */
  compactIfBehind(): void {
    if (!this.destroyed && this.compaction.pendingRows > 0) this.compaction.schedule();
  }

  /** Compacts now; resolves when done. */
  compact(): Promise<void> {
    return this.compaction.run();
  }

  /** Waits for durable writes and any compaction, then releases everything. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.feed?.stopReading();
    this.disposeOnLoad?.();
    this.disposeOnLoad = null;
    await this.flushed();
    await this.compaction.stop();
    this.relay.stop();
    this.pending.dispose();
    this.destroyed = true;
    const live = this.document.awake;
    if (live) this.detach(live);
    this.document.destroy();
    this.presence.destroy();
    await this.feed?.close();
  }

  // ---- The update path ----

  // The doc's 'update' listener is attached after the load transaction (see load()): Yjs
  // encodes an update for every transaction that has listeners, and nobody reads the load's.
  private attach(doc: Y.Doc): void {
    this.waiting.attach(doc);
    doc.on('update', this.onDocUpdate);
    this.disposeOnLoad = this.deps.onLoad?.(this) ?? null;
  }

  private detach(doc: Y.Doc): void {
    this.waiting.detach(doc);
    doc.off('update', this.onDocUpdate);
    this.disposeOnLoad?.();
    this.disposeOnLoad = null;
  }

  /** Replaces the live doc by one built from storage (rebuildWhenQuiet). */
  private async reloadFromStorage(): Promise<void> {
    const rebuilt = await rebuildWhenQuiet(this.deps.storage, this.build, this.writes, () => this.destroyed);
    if (!rebuilt) return;
    const live = this.document.awake;
    if (live) this.detach(live);
    this.attach(this.document.replace(rebuilt));
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (origin === LOAD_ORIGIN || tr.meta.has(APPLY_FAILED)) return;
    this.document.changed();
    if (origin === REMOTE_ORIGIN && !this.waiting.mayCarryClientContent(tr)) {
      this.relay.remote(update);
      return;
    }
    this.writes.append(update, this.applyingFrom ?? undefined);
  };

}
