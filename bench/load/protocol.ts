/**
 * Commands from the bench to a load process (bench/load/client.ts) and its answers, over
 * Node's IPC channel with the `advanced` serialization (typed arrays pass as they are).
 * Every request carries an id; the answer carries the same id.
 */

export interface JoinCommand {
  type: 'join';
  /** ws://host:port/collab */
  base: string;
  token: string;
  /** One entry per client to open; a room named n times gets n clients. */
  rooms: string[];
  /** Per client, the server to open it on (several instances); `base` for all otherwise. */
  bases?: string[];
  /** Connections in flight at once (connect + sync); the rest wait their turn. */
  concurrency: number;
  timeoutMs: number;
}
export interface JoinResult {
  /** Per client: from opening the socket to the `synced` event, in ms. */
  connectMs: Float64Array;
  failed: number;
}

export interface WriteCommand {
  type: 'write';
  /** The first `writers` clients of this process type; each appends to its own Y.Text. */
  writers: number;
  editsPerSecond: number;
  durationMs: number;
}
export interface WriteResult {
  /** Characters typed per room (one edit = one character = one update). */
  sentByRoom: Record<string, number>;
  sent: number;
}

/** The first client sends `count` one-character updates as fast as it can. */
export interface BurstCommand {
  type: 'burst';
  count: number;
  perTurn: number;
}
export interface BurstResult {
  firstSentAt: number;
  lastSentAt: number;
}

/** Opens one fresh client per room, all at once, and times each. */
export interface OpenTimedCommand {
  type: 'openTimed';
  base: string;
  token: string;
  rooms: string[];
  timeoutMs: number;
}
export interface TimedOpen {
  room: string;
  /** Socket opened → first SyncStep2 frame received (the server's share, plus the wire). */
  stateMs: number;
  /** Socket opened → state applied (`synced`). */
  syncedMs: number;
  stateBytes: number;
  /** Base64 of the state vector once synced, to check every server served the same state. */
  stateVector: string;
}

/** Puts a state into a room of a server without storage, and leaves. */
export interface SeedCommand {
  type: 'seed';
  base: string;
  room: string;
  update: Uint8Array;
}

export interface ProgressResult {
  /** Remote document updates applied, summed over this process's clients, since `reset`. */
  received: number;
  lastReceivedAt: number;
}

export interface CollectCommand {
  type: 'collect';
  /** Characters each client should hold in the writers' texts, by room. */
  expectedByRoom: Record<string, number>;
}
export interface CollectResult extends ProgressResult {
  /** Propagation latencies in ms (receive time − send time stamped by the writer). */
  latencies: Float64Array;
  converged: number;
  diverged: number;
  /** Socket closes seen after joining (by the server or the client's watchdog). */
  disconnects: number;
  /** p99 event-loop delay of this load process, ms: high means the clients were the bottleneck. */
  loopDelayP99Ms: number;
}

export type Command =
  | JoinCommand
  | WriteCommand
  | BurstCommand
  | OpenTimedCommand
  | SeedCommand
  | CollectCommand
  | { type: 'reset' }
  | { type: 'progress' }
  | { type: 'close' };

export interface Request {
  id: number;
  command: Command;
}
export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Wall-clock ms with sub-ms resolution, comparable between processes of one host. */
export const wallMs = () => performance.timeOrigin + performance.now();
