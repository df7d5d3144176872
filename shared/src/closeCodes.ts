/**
 * WebSocket close codes used by Plenary (docs/PROTOCOL.md §5). One table for client and server.
 * 1008 (policy violation) closes a socket that sent too much before its admission.
 */
export const CloseCode = {
  /** Server shutting down; the client reconnects elsewhere or later. */
  GoingAway: 1001,
  /** Frame larger than the configured limit (ws closes with it by itself). */
  MessageTooBig: 1009,
  InternalError: 1011,
  /** Malformed frame: undecodable, unknown message type, invalid Yjs update. */
  Malformed: 4400,
  /** Unknown, invalid or expired token. */
  Unauthorized: 4401,
  /** Authenticated, but no access to this room, or the room does not exist. */
  Forbidden: 4403,
  /**
   * The server dropped updates of this connection that waited for dependencies that never
   * came; the client reconnects and resyncs (it sends what the server lacks).
   */
  Resync: 4509,
  /** The member's role changed: reconnect, and sync under the new role. */
  RoleChanged: 4510,
  /** Update too costly to apply (too many structs or deletions). */
  TooComplex: 4413,
  /** Rate or quota exceeded (messages, bytes, rooms, connections, awareness). */
  RateLimited: 4429,
  /** Send buffer over the threshold: the client reads too slowly and must resync. */
  SlowReader: 4508,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
