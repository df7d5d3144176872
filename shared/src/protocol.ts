/**
 * y-websocket message types, as the unmodified y-websocket client speaks them.
 * Encoding and decoding live in y-protocols (sync, awareness, auth); this names the outer tag.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /**
   * Plenary only, server → client, and only to a connection opened with `?ack=1`:
   * varUint n = this connection's first n update frames (SyncStep2 and Update, counted in the
   * order received) are durable in storage. Stock y-websocket clients never receive it.
   */
  DurableAck: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sync sub-messages (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/** The WebSocket URL's query parameter (value `1`) that asks for DurableAck messages. */
export const ACK_PARAM = 'ack';

export const PERMISSION_DENIED_REASON = 'read-only';
