/**
 * What a connection needs of its transport. The `ws` adapter is `WsCollabSocket` in
 * server/src/wsServer.ts, the only file that knows `ws`. Nothing in collab/ imports `ws`.
 */
export interface CollabSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}
