/**
 * One Yjs room in the browser: the doc, its y-websocket provider (authenticated by a one-use
 * ticket, or the session cookie, on the upgrade — wsTicket.ts), its IndexedDB copy (so edits survive offline and reloads), and the
 * connection state the badge shows. The browser's offline signal drops the socket at once
 * rather than waiting for a dead connection to time out; going online reconnects.
 *
 * Invariant: `ready` resolves only when the doc holds real content (from the server or from a
 * previous visit on this device), so editors never "initialise" an empty room that is not empty.
 *
 * While not online, `savedLocally` says whether every local change is in IndexedDB yet, so the
 * badge's "saved on this device" is true when it is shown. y-indexeddb has no "saved" event; a
 * read-only transaction on its store, opened after its writes, completes only once they have
 * (IndexedDB orders transactions with overlapping scopes).
 *
 * Edits the server refuses (permission-denied) are discarded, here and in IndexedDB, and the
 * room resyncs with a notice (refusedEdits.ts).
 *
 * `durable` says whether the server has stored every local change ("Saving…" / "Saved"),
 * from its acknowledgments (`?ack=1`, DurableAckTracker), across reconnects and offline.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode } from '../../../shared/src/closeCodes';
import { ACK_PARAM } from '../../../shared/src/protocol';
import { DurableAckTracker, type Durability } from './durableAck';
import { discardRefusedEdits, REFUSED_NOTICE, takeRefusedNotice } from './refusedEdits';
import { keepTicketReady } from './wsTicket';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Set when the server refused the room for good (signed out, access removed). */
  refused: 'unauthorized' | 'forbidden' | null;
  /** Every local change is in this device's IndexedDB copy (tracked while not online). */
  savedLocally: boolean;
  /** Whether the server has stored every local change (its acknowledgments say so). */
  durable: Durability;
  /** Shown to the user: their refused edits to this room were discarded. */
  notice: string | null;
}

/** After this long without a connection, "reconnecting" becomes "offline". */
const RECONNECT_GRACE_MS = 8000;

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly ready: Promise<void>;
  private snapshot: ConnectionSnapshot = { state: 'connecting', refused: null, savedLocally: true, notice: null, durable: 'saving' };
  private readonly durability = new DurableAckTracker(() => this.set({ ...this.snapshot, durable: this.durability.durability }));
  private saveCheck = 0;
  private readonly listeners = new Set<() => void>();
  private readonly disposers: (() => void)[] = [];
  private everConnected = false;
  private disconnectedAt = 0;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly room: string, hasContent: (doc: Y.Doc) => boolean) {
    const base = location.origin.replace(/^http/, 'ws') + '/collab';
    // No BroadcastChannel between tabs: tabs meet through the server (or IndexedDB offline),
    // and re-broadcasting every keystroke to other tabs costs time on each one.
    // Offline at start: do not even try (a failed socket is an error in the console).
    this.provider = new WebsocketProvider(base, room, this.doc, {
      params: { [ACK_PARAM]: '1' },
      WebSocketPolyfill: this.durability.socketClass(),
      maxBackoffTime: 4000,
      disableBc: true,
      connect: false,
    });
    this.disposers.push(this.durability.attach(this.provider));
    this.persistence = new IndexeddbPersistence(room, this.doc);
    const ticket = keepTicketReady(this.provider);
    this.disposers.push(ticket.dispose);
    // Offline at start: do not even try; else connect once a ticket is ready (or none can be had).
    if (navigator.onLine) void ticket.renew().then(() => this.disposers.length > 0 && this.provider.connect());
    if (takeRefusedNotice(room)) this.snapshot = { ...this.snapshot, notice: REFUSED_NOTICE };
    discardRefusedEdits(this.provider, this.persistence, room, () => this.set({ ...this.snapshot, notice: REFUSED_NOTICE }));

    this.ready = new Promise<void>((resolve) => {
      const check = () => {
        if (this.provider.synced || (this.persistence.synced && hasContent(this.doc))) resolve();
      };
      this.provider.on('sync', check);
      this.persistence.on('synced', check);
      this.disposers.push(() => {
        this.provider.off('sync', check);
        this.persistence.off('synced', check);
      });
    });

    const onStatus = () => this.update();
    const onSync = () => this.update();
    const onClosed = (event: { code: number }) => {
      const refused = event.code === CloseCode.Unauthorized ? 'unauthorized' : event.code === CloseCode.Forbidden ? 'forbidden' : null;
      if (refused) this.set({ ...this.snapshot, refused });
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('closed', onClosed);
    this.disposers.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('closed', onClosed);
    });

    // Registered after the persistence's own listener, so its write is queued before our check.
    const onLocalUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) this.durability.localChange();
      if (origin === this.persistence || origin === this.provider || this.snapshot.state === 'online') return;
      this.set({ ...this.snapshot, savedLocally: false });
      const check = ++this.saveCheck;
      queueMicrotask(() => {
        if (check !== this.saveCheck) return;
        const db = this.persistence.db;
        if (!db) return void this.persistence.whenSynced.then(() => check === this.saveCheck && this.set({ ...this.snapshot, savedLocally: true }));
        try {
          db.transaction(['updates'], 'readonly').oncomplete = () => {
            if (check === this.saveCheck) this.set({ ...this.snapshot, savedLocally: true });
          };
        } catch {
          // The database closed meanwhile (the room is being left): nothing to report.
        }
      });
    };
    this.doc.on('update', onLocalUpdate);
    this.disposers.push(() => this.doc.off('update', onLocalUpdate));

    const goOffline = () => {
      this.provider.disconnect();
      this.update();
    };
    const goOnline = () => {
      if (!this.snapshot.refused) void ticket.renew().then(() => this.disposers.length > 0 && this.provider.connect());
      this.update();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    this.disposers.push(() => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
    });
    this.update();
  }

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: ConnectionSnapshot): void {
    const same = (Object.keys(next) as (keyof ConnectionSnapshot)[]).every((k) => next[k] === this.snapshot[k]);
    if (same) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private update(): void {
    const connected = this.provider.wsconnected && this.provider.synced;
    let state: ConnectionState;
    if (connected) {
      this.everConnected = true;
      this.disconnectedAt = 0;
      state = 'online';
    } else if (!navigator.onLine || this.snapshot.refused) {
      state = 'offline';
    } else if (!this.everConnected) {
      state = 'connecting';
    } else {
      if (this.disconnectedAt === 0) this.disconnectedAt = Date.now();
      const waited = Date.now() - this.disconnectedAt;
      state = waited < RECONNECT_GRACE_MS ? 'reconnecting' : 'offline';
      clearTimeout(this.graceTimer);
      if (state === 'reconnecting') this.graceTimer = setTimeout(() => this.update(), RECONNECT_GRACE_MS - waited + 10);
    }
    this.set({ ...this.snapshot, state });
  }

  destroy(): void {
    clearTimeout(this.graceTimer);
    for (const dispose of this.disposers.splice(0)) dispose();
    this.listeners.clear();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }
}
