/**
 * A y-websocket protocol client without a network or timers, for the in-memory harness: it
 * speaks exactly what the y-websocket provider speaks on a connection (SyncStep1 on open,
 * SyncStep2 in answer to the server's SyncStep1, an Update per local change, awareness of its
 * own client id) through y-protocols, and keeps its document across disconnects, as a browser
 * tab with offline edits does. Its Yjs client id is given, so a seeded run is reproducible.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { MessageType } from '../../shared/src/protocol';
import type { MemorySocketPair } from './socketPair';

const FROM_SERVER = Symbol('server');

export class ProtocolClient {
  readonly doc: Y.Doc;
  private pair: MemorySocketPair | null = null;
  /** Synced once the server's SyncStep2 has arrived on the current connection. */
  synced = false;
  /** Every `permission-denied` reason the server sent. */
  readonly denied: string[] = [];
  /** Awareness states the server relayed: client id → JSON state (null once removed). */
  readonly peers = new Map<number, string | null>();
  private awarenessClock = 0;

  constructor(
    readonly name: string,
    clientId: number,
  ) {
    this.doc = new Y.Doc();
    this.doc.clientID = clientId;
    this.doc.on('update', this.onLocalUpdate);
  }

  get connected(): boolean {
    return this.pair?.open ?? false;
  }

  /** Opens the sync on a new pair, as the provider does on its socket's open event. */
  connect(pair: MemorySocketPair): void {
    this.pair = pair;
    this.synced = false;
    pair.attachClient({ receive: (data) => this.receive(data), closed: () => this.onClosed(pair) });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, this.doc);
    pair.clientSend(encoding.toUint8Array(e));
  }

  /** Closes from the client's side (a tab going offline). */
  disconnect(): void {
    this.pair?.clientClose();
    this.pair = null;
    this.synced = false;
  }

  /** Sends an awareness state for this client's own id. */
  setAwareness(state: Record<string, unknown> | null, clientId = this.doc.clientID): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, ++this.awarenessClock);
    encoding.writeVarString(inner, JSON.stringify(state));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(e));
  }

  /** Any frame, as it is (hostile-client tests). */
  send(frame: Uint8Array): void {
    this.pair?.clientSend(frame);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_SERVER || !this.connected) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeUpdate(e, update);
    this.send(encoding.toUint8Array(e));
  };

  private receive(data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MessageType.Sync: {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.Sync);
        const sub = syncProtocol.readSyncMessage(d, reply, this.doc, FROM_SERVER);
        if (sub === syncProtocol.messageYjsSyncStep2) this.synced = true;
        if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
        return;
      }
      case MessageType.Awareness: {
        const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
        const count = decoding.readVarUint(inner);
        for (let i = 0; i < count; i++) {
          const id = decoding.readVarUint(inner);
          decoding.readVarUint(inner); // clock
          const state = decoding.readVarString(inner);
          this.peers.set(id, state === 'null' ? null : state);
        }
        return;
      }
      case MessageType.Auth:
        authProtocol.readAuthMessage(d, this.doc, (_doc, reason) => this.denied.push(reason));
        return;
      default:
        throw new Error(`client ${this.name}: unexpected message type ${type}`);
    }
  }

  private onClosed(pair: MemorySocketPair): void {
    if (this.pair === pair) {
      this.pair = null;
      this.synced = false;
    }
  }

  destroy(): void {
    this.disconnect();
    this.doc.destroy();
  }
}
