/**
 * One server instance of the in-memory harness: a real Room over real storage (SQLite, shared
 * by the instances as a database would be), a real UpdateWriter, a pub/sub on a MemoryBus,
 * and real Connections whose sockets are MemorySocketPairs. No network, no timers of its own:
 * what moves is what the test delivers, and `settle()` waits until every write is durable and
 * every answer it causes is queued.
 */
import pino from 'pino';
import { Room } from '../../server/src/collab/room';
import { Connection, type ConnectionHooks, type RejectReason } from '../../server/src/collab/connection';
import { UpdateWriter } from '../../server/src/collab/updateWriter';
import { DEFAULT_LIMITS, type CollabLimits } from '../../server/src/collab/limits';
import { CloseCode } from '../../shared/src/closeCodes';
import type { Storage } from '../../server/src/storage/types';
import type { MemoryBus, MemoryPubSub } from '../../server/src/pubsub/memory';
import { MemorySocketPair } from './socketPair';
import type { ProtocolClient } from './protocolClient';

const silent = pino({ level: 'silent' });

export interface InstanceOptions {
  storage: Storage;
  bus: MemoryBus;
  room: string;
  compactAfter?: number;
  limits?: Partial<CollabLimits>;
}

export class CollabInstance {
  room!: Room;
  readonly writer: UpdateWriter;
  readonly pubsub: MemoryPubSub;
  readonly connections = new Set<Connection>();
  readonly rejected: RejectReason[] = [];
  private readonly limits: CollabLimits;

  private constructor(
    readonly name: string,
    private readonly options: InstanceOptions,
  ) {
    this.writer = new UpdateWriter(options.storage, silent);
    this.pubsub = options.bus.open(name);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  static async start(name: string, options: InstanceOptions): Promise<CollabInstance> {
    const instance = new CollabInstance(name, options);
    await instance.load();
    return instance;
  }

  private async load(): Promise<void> {
    const { storage, compactAfter = 1_000_000 } = this.options;
    this.room = await Room.load(this.options.room, { storage, pubsub: this.pubsub, writer: this.writer, log: silent, compactAfter, pending: this.limits });
  }

  /** Connects a client through a new socket pair; returns the server's Connection. */
  connect(client: ProtocolClient, canWrite = true): { pair: MemorySocketPair; conn: Connection } {
    const pair = new MemorySocketPair();
    const hooks: ConnectionHooks = {
      onClosed: (c) => void this.connections.delete(c),
      onRejected: (reason) => void this.rejected.push(reason),
    };
    const conn = new Connection(this.room, pair.serverSocket, { userId: client.name, userName: client.name, canWrite }, this.limits, silent, hooks);
    pair.attachServer({ receive: (data) => conn.receive(data), closed: () => conn.socketClosed() });
    this.connections.add(conn);
    client.connect(pair);
    conn.open();
    return { pair, conn };
  }

  /** Waits until every update applied so far is durable and what it releases is queued. */
  async settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await this.writer.drain();
      await this.room.flushed();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** A restart: connections closed (1001), writes flushed, the room loaded again from storage. */
  async restart(): Promise<void> {
    for (const conn of [...this.connections]) conn.close(CloseCode.GoingAway, 'restart');
    await this.room.destroy();
    await this.load();
  }

  async stop(): Promise<void> {
    for (const conn of [...this.connections]) conn.close(CloseCode.GoingAway, 'stop');
    await this.room.destroy();
    await this.writer.drain();
    await this.pubsub.close();
  }
}
