/**
 * What a room needs of a connection's transport. The `ws` adapter lives in wsAdapter.ts;
 * tests use an in-memory pair. Nothing in collab/ imports `ws`.
 */
export interface CollabSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}
