/**
 * One client's connection to one room: decodes each frame inside a guard, enforces the
 * connection's write permission and limits, and answers per the y-websocket protocol.
 * Any malformed frame closes this connection only, with a named code; nothing thrown here
 * reaches the socket library.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Logger } from 'pino';
import { CloseCode } from '../../../shared/src/closeCodes';
import { MessageType } from '../../../shared/src/protocol';
import type { CollabSocket } from './socket';
import type { Peer, RoomPort } from './peer';
import { type CollabLimits, TokenBucket } from './limits';
import { encodeDurableAck, encodePermissionDenied } from './messages';
import { AwarenessPolicyError, decodeAwarenessUpdate } from './awarenessFilter';
import { scanUpdate } from './updateScan';
import { InvalidUpdateError, type InvalidUpdateReason } from './updateValidation';

export interface ConnectionIdentity {
  userId: string;
  userName: string;
  canWrite: boolean;
}

export type RejectReason =
  | 'malformed' | 'too_complex' | 'rate_limited' | 'slow_reader' | 'awareness' | 'awareness_spoof' | 'read_only'
  | `invalid_${InvalidUpdateReason}` | 'apply_failed' | 'pending_dropped';

export interface ConnectionHooks {
  onClosed(conn: Connection): void;
  onRejected?(reason: RejectReason): void;
  /** An update from this connection was applied; `clients` are the Yjs client ids in it. */
  onApplied?(conn: Connection, clients: number[]): void;
}

export interface ConnectionOptions {
  /** The client asked for DurableAck messages (`?ack=1`). */
  ack?: boolean;
}

let connections = 0;

/** A connection is the room's Peer (peer.ts): the room sends through it and closes it. */
export class Connection implements Peer {
  readonly id = `c${++connections}`;
  private closed = false;
  private readonly messageBudget: TokenBucket;
  private readonly byteBudget: TokenBucket;
  private readonly structBudget: TokenBucket;
  /** Update frames (SyncStep2, Update) received, and the count last reported durable. */
  private updateFrames = 0;
  private ackTarget = 0;
  private ackQueued = false;
  private ackRefused = false;

  constructor(
    readonly room: RoomPort,
    private readonly socket: CollabSocket,
    readonly identity: ConnectionIdentity,
    private readonly limits: CollabLimits,
    private readonly log: Logger,
    private readonly hooks: ConnectionHooks,
    private readonly options: ConnectionOptions = {},
  ) {
    this.messageBudget = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.byteBudget = new TokenBucket(limits.bytesPerSecond, limits.byteBurst);
    this.structBudget = new TokenBucket(limits.structsPerSecond, limits.structBurst);
  }

  get userId(): string {
    return this.identity.userId;
  }

  get canWrite(): boolean {
    return this.identity.canWrite;
  }

  /** Role changes apply to open connections at once. */
  setCanWrite(canWrite: boolean): void {
    this.identity.canWrite = canWrite;
  }

  /** Joins the room, which opens the sync: its state vector, then everyone's awareness. */
  open(): void {
    this.room.join(this);
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.reject(CloseCode.SlowReader, 'slow_reader', 'send buffer over limit; resync');
      return;
    }
    try {
      this.socket.send(message);
    } catch (err) {
      this.log.debug({ err }, 'send failed');
      this.close(CloseCode.InternalError, 'send failed');
    }
  }

  /** Entry point for every frame from the client. Never throws. */
  receive(data: Uint8Array): void {
    if (this.closed) return;
    if (!this.messageBudget.take(1) || !this.byteBudget.take(data.length)) {
      this.reject(CloseCode.RateLimited, 'rate_limited', 'message rate over limit');
      return;
    }
    try {
      this.dispatch(data);
    } catch (err) {
      if (err instanceof AwarenessPolicyError) {
        this.reject(CloseCode.RateLimited, 'awareness', err.message);
      } else if (err instanceof InvalidUpdateError) {
        this.log.warn({ room: this.room.name, user: this.identity.userId, reason: err.reason, err: err.message }, 'invalid update refused');
        this.reject(CloseCode.Malformed, `invalid_${err.reason}`, `invalid update: ${err.reason}`);
      } else {
        this.log.warn({ room: this.room.name, user: this.identity.userId, err: String(err) }, 'malformed frame');
        this.reject(CloseCode.Malformed, 'malformed', 'malformed frame');
      }
    }
  }

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        this.handleSync(decoder);
        return;
      case MessageType.Awareness:
        this.handleAwareness(decoding.readVarUint8Array(decoder));
        return;
      case MessageType.QueryAwareness:
        this.room.queryAwareness(this);
        return;
      case MessageType.Auth:
        // Clients have nothing to say in the auth sub-protocol; ignore it.
        return;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder);
    switch (sub) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        Y.decodeStateVector(stateVector); // validates
        this.room.answerSyncStep1(this, stateVector);
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        const frame = ++this.updateFrames;
        const cost = scanUpdate(update, {
          maxStructs: this.limits.maxStructsPerUpdate,
          maxDeleteRanges: this.limits.maxDeleteRangesPerUpdate,
        });
        if (cost.structs > this.limits.maxStructsPerUpdate || cost.deleteRanges > this.limits.maxDeleteRangesPerUpdate) {
          this.log.warn({ room: this.room.name, user: this.identity.userId, bytes: update.length }, 'update too complex');
          this.reject(CloseCode.TooComplex, 'too_complex', 'update too complex');
          return;
        }
        // A client that has nothing new (a join's SyncStep2, mostly) sends an empty update:
        // applying it would change nothing, and would wake a hibernated room. A read-only
        // client's empty one is no attempt to write either: no permission-denied for it.
        if (cost.structs === 0 && cost.deleteRanges === 0) return this.ackWhenDurable(frame);
        if (!this.canWrite) {
          // Refused, so no acknowledgment may cover it, nor any later frame.
          this.ackRefused = true;
          this.hooks.onRejected?.('read_only');
          this.send(encodePermissionDenied());
          return;
        }
        if (!this.structBudget.take(cost.structs + cost.deleteRanges)) {
          this.reject(CloseCode.RateLimited, 'rate_limited', 'update volume over limit');
          return;
        }
        const failure = this.room.applyClientUpdate(this, update, cost);
        if (failure) {
          this.log.warn({ room: this.room.name, user: this.identity.userId, err: String(failure) }, 'update failed to apply; not stored, room reloaded');
          this.reject(CloseCode.Malformed, 'apply_failed', 'invalid update');
          return;
        }
        this.hooks.onApplied?.(this, cost.clients);
        this.ackWhenDurable(frame);
        return;
      }
      default:
        throw new Error(`unknown sync message ${sub}`);
    }
  }

  /**
   * With `?ack=1`: once every update applied so far is durable (which covers this frame's),
   * report that the first `frame` frames are; one report per connection per turn at most.
   */
  private ackWhenDurable(frame: number): void {
    if (!this.options.ack || this.ackRefused) return;
    void this.room.flushed().then(() => {
      if (frame <= this.ackTarget || this.ackRefused) return;
      this.ackTarget = frame;
      if (this.ackQueued) return;
      this.ackQueued = true;
      queueMicrotask(() => {
        this.ackQueued = false;
        this.send(encodeDurableAck(this.ackTarget));
      });
    });
  }

  private handleAwareness(payload: Uint8Array): void {
    const entries = decodeAwarenessUpdate(payload, this.limits.maxAwarenessStateBytes);
    const refused = this.room.applyAwareness(this, entries);
    if (refused > 0) {
      this.hooks.onRejected?.('awareness_spoof');
      this.log.warn({ room: this.room.name, user: this.identity.userId, refused }, 'awareness for client ids held by others dropped');
    }
  }

  private reject(code: number, reason: RejectReason, message: string): void {
    this.hooks.onRejected?.(reason);
    this.close(code, message);
  }

  /** Closes the socket (if still open) and leaves the room, removing this client's presence. */
  close(code: number = CloseCode.GoingAway, reason = ''): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      // the socket may already be gone
    }
    this.detach();
  }

  /** The transport closed underneath us. */
  socketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
  }

  private detach(): void {
    this.room.leave(this);
    this.hooks.onClosed(this);
  }
}
