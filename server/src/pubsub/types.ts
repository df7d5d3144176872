/**
 * Fan-out of room messages between server instances. Messages are opaque bytes (y-websocket
 * frames: updates, awareness). An implementation never delivers a message back to the
 * instance that published it (docs/PROTOCOL.md [R15]). Every implementation runs
 * tests/contract/pubsub.contract.ts.
 */
export type RoomMessageHandler = (message: Uint8Array) => void;

export interface PubSub {
  /** For logs and metrics only: rooms decide by the capabilities below, never by kind. */
  readonly kind: 'local' | 'memory' | 'redis';
  /**
   * Other instances may hold the same rooms and a message between them can be lost, so a
   * room also reads what others stored after its log cursor, and compaction keeps the rows
   * of the previous generation for cursors still inside it (docs/PROTOCOL.md [R8], [R9]).
   */
  readonly needsCatchUp: boolean;
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
