/**
 * Fan-out of room messages between server instances. Messages are opaque bytes (y-websocket
 * frames: updates, awareness). An implementation never delivers a message back to the
 * instance that published it. Every implementation runs tests/contract/pubsub.contract.ts.
 */
export type RoomMessageHandler = (message: Uint8Array) => void;

export interface PubSub {
  readonly kind: 'local' | 'redis';
  publish(room: string, message: Uint8Array): Promise<void>;
  /** Resolves once the subscription is active; the returned function unsubscribes. */
  subscribe(room: string, onMessage: RoomMessageHandler): Promise<() => Promise<void>>;
  /**
   * Calls `cb` each time the subscriptions are active again after a lost connection; messages
   * published meanwhile are gone, so subscribers catch up from storage. Returns a dispose.
   */
  onResubscribed?(cb: () => void): () => void;
  close(): Promise<void>;
}
