/**
 * "Saving…" / "Saved" for one room: whether every local change is stored on the server.
 *
 * The provider opts in with `?ack=1`; the server then reports, after each commit, how many of
 * this socket's update frames (SyncStep2 and Update) are durable (MessageType.DurableAck).
 * We count the update frames each socket sends (a WebSocket subclass given to the provider),
 * so "saved" means: the current socket's frames are all acknowledged, its answer to the
 * server's SyncStep1 among them, and no change is waiting from a time without a socket.
 *
 * A change made while disconnected, or sent on a socket that closed before its
 * acknowledgment, is carried by the next connection's SyncStep2 answer (y-websocket sends
 * the server everything it lacks), so that answer's acknowledgment clears it.
 */
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType, SyncMessageType } from '../../../shared/src/protocol';

export type Durability = 'saving' | 'saved';

const frameKind = (data: unknown): number | null => {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  if (!bytes || bytes.length < 2 || bytes[0] !== MessageType.Sync) return null;
  return bytes[1] === SyncMessageType.Step2 || bytes[1] === SyncMessageType.Update ? bytes[1] : null;
};

export class DurableAckTracker {
  private socket: WebSocket | null = null;
  private sent = 0;
  private acked = 0;
  private answered = false;
  /** Changes no connected socket has sent yet (made offline, or lost with a socket). */
  private carried = true;
  private state: Durability = 'saving';
  private provider: WebsocketProvider | null = null;

  constructor(private readonly onChange: () => void) {}

  get durability(): Durability {
    return this.state;
  }

  /** The WebSocket class for the provider: counts this tracker's update frames per socket. */
  socketClass(): typeof WebSocket {
    const tracker = this;
    return class CountingWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        tracker.opened(this);
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        super.send(data);
        tracker.sending(this, data);
      }
    };
  }

  /** Reads DurableAck frames and follows the provider's connection. */
  attach(provider: WebsocketProvider): () => void {
    this.provider = provider;
    provider.messageHandlers[MessageType.DurableAck] = (_encoder, decoder) => this.acknowledged(decoding.readVarUint(decoder));
    const onClose = () => this.closed();
    provider.on('connection-close', onClose);
    return () => provider.off('connection-close', onClose);
  }

  /** A change to the doc that did not come from the server. */
  localChange(): void {
    if (!this.socket || !this.provider?.wsconnected) this.carried = true;
    this.recompute();
  }

  private opened(socket: WebSocket): void {
    this.socket = socket;
    this.sent = 0;
    this.acked = 0;
    this.answered = false;
  }

  private sending(socket: WebSocket, data: unknown): void {
    if (socket !== this.socket) return;
    const kind = frameKind(data);
    if (kind === null) return;
    this.sent++;
    if (kind === SyncMessageType.Step2) this.answered = true;
    this.recompute();
  }

  private acknowledged(frames: number): void {
    this.acked = Math.max(this.acked, frames);
    if (this.answered && this.acked >= this.sent) this.carried = false;
    this.recompute();
  }

  private closed(): void {
    if (this.acked < this.sent) this.carried = true;
    this.socket = null;
    this.recompute();
  }

  private recompute(): void {
    const next: Durability = !this.carried && this.acked >= this.sent ? 'saved' : 'saving';
    if (next === this.state) return;
    this.state = next;
    this.onChange();
  }
}
