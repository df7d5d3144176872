/**
 * An in-memory socket pair with explicit delivery, the seam between a Connection and a test
 * client without any network (as tldraw's TestSocketPair, Yjs's TestConnector). Nothing moves
 * until the test says so: `deliverToServer(n)` / `deliverToClient(n)` hand over the oldest n
 * frames, `flush()` both ways until both queues are empty. So a test decides every
 * interleaving, and a seed can too.
 *
 * Close follows a WebSocket's order: a side that closes sends nothing more; frames it queued
 * before still arrive, then the close itself. `bufferedAmount` is what waits for the client,
 * so a client that is never flushed is a slow reader.
 */
import type { CollabSocket } from '../../server/src/collab/socket';

type Frame = { data: Uint8Array } | { close: { code: number; reason: string } };

/** The server's receive (Connection.receive) and its transport-closed (Connection.socketClosed). */
export interface ServerEnd {
  receive(data: Uint8Array): void;
  closed(): void;
}

export interface ClientEnd {
  receive(data: Uint8Array): void;
  closed(code: number, reason: string): void;
}

export class MemorySocketPair {
  private readonly toServer: Frame[] = [];
  private readonly toClient: Frame[] = [];
  private serverClosed = false;
  private clientClosed = false;
  private server: ServerEnd | null = null;
  private client: ClientEnd | null = null;
  /** The close the server sent, once the client has received it. */
  closeSeen: { code: number; reason: string } | null = null;

  /** The end a Connection writes to. */
  readonly serverSocket: CollabSocket;

  constructor() {
    const toClient = this.toClient;
    const bufferedBytes = () => this.bufferedBytes();
    this.serverSocket = {
      send: (data) => {
        if (!this.serverClosed) toClient.push({ data: data.slice() });
      },
      close: (code, reason) => {
        if (this.serverClosed) return;
        this.serverClosed = true;
        toClient.push({ close: { code, reason } });
      },
      get bufferedAmount() {
        return bufferedBytes();
      },
    };
  }

  attachServer(end: ServerEnd): void {
    this.server = end;
  }

  attachClient(end: ClientEnd): void {
    this.client = end;
  }

  /** A frame from the client. */
  clientSend(data: Uint8Array): void {
    if (!this.clientClosed) this.toServer.push({ data: data.slice() });
  }

  /** The client closes: it hears nothing more; the server learns when the close is delivered. */
  clientClose(): void {
    if (this.clientClosed) return;
    this.clientClosed = true;
    this.toClient.length = 0;
    this.toServer.push({ close: { code: 1000, reason: 'client closed' } });
  }

  get pendingToServer(): number {
    return this.toServer.length;
  }

  get pendingToClient(): number {
    return this.toClient.length;
  }

  get open(): boolean {
    return !this.serverClosed && !this.clientClosed;
  }

  bufferedBytes(): number {
    let n = 0;
    for (const f of this.toClient) if ('data' in f) n += f.data.length;
    return n;
  }

  deliverToServer(max = Infinity): number {
    let done = 0;
    while (done < max && this.toServer.length > 0) {
      const frame = this.toServer.shift()!;
      done++;
      if ('data' in frame) {
        if (!this.serverClosed) this.server?.receive(frame.data);
      } else if (!this.serverClosed) {
        this.serverClosed = true;
        this.server?.closed();
      }
    }
    return done;
  }

  deliverToClient(max = Infinity): number {
    let done = 0;
    while (done < max && this.toClient.length > 0) {
      const frame = this.toClient.shift()!;
      done++;
      if ('data' in frame) {
        if (!this.clientClosed) this.client?.receive(frame.data);
      } else {
        this.clientClosed = true;
        this.closeSeen = frame.close;
        this.client?.closed(frame.close.code, frame.close.reason);
      }
    }
    return done;
  }

  /** Delivers both ways until nothing is left (answers included); returns the frames moved. */
  flush(): number {
    let total = 0;
    for (;;) {
      const moved = this.deliverToServer() + this.deliverToClient();
      if (moved === 0) return total;
      total += moved;
    }
  }
}
