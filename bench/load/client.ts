/**
 * A load process: real, unmodified y-websocket clients (one Y.Doc and WebsocketProvider each)
 * driven by the bench over IPC (protocol.ts). It runs apart from the server under test and
 * from other load processes, so that a receiving client's CPU is not the server's.
 *
 * Instrumentation: a writer's edit is one transaction that appends a character to its own
 * Y.Text `w-<key>` and sets `stamps[<key>] = [seq, sentAt]`. Every receiver notes
 * now − sentAt when the stamp arrives (same host clock, `wallMs`), and counts the edits
 * remote updates bring (characters, as a server may merge edits into one frame); at the end
 * it checks that it holds every character sent.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  wallMs,
  type BurstCommand,
  type BurstResult,
  type CollectCommand,
  type CollectResult,
  type Command,
  type JoinCommand,
  type JoinResult,
  type OpenTimedCommand,
  type ProgressResult,
  type Request,
  type Response,
  type SeedCommand,
  type TimedOpen,
  type WriteCommand,
  type WriteResult,
} from './protocol';

const WRITER_TEXT_PREFIX = 'w-';
const STAMPS = 'stamps';

/** Notes when the first SyncStep2 frame arrives, before y-websocket decodes and applies it. */
class TimedWebSocket extends WebSocket {
  stateAt = 0;
  stateBytes = 0;
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.addEventListener('message', (event) => {
      if (this.stateAt) return;
      const data = new Uint8Array(event.data as ArrayBuffer);
      if (data[0] === 0 && data[1] === 1) {
        this.stateAt = wallMs();
        this.stateBytes = data.length;
      }
    });
  }
}

interface Client {
  room: string;
  key: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

const clients: Client[] = [];
let received = 0;
let lastReceivedAt = 0;
let disconnects = 0;
let latencies = new Float64Array(1 << 16);
let latencyCount = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
process.setMaxListeners(0); // each provider listens for process exit

function noteLatency(ms: number): void {
  if (latencyCount === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[latencyCount++] = ms;
}

function openClient(base: string, token: string, room: string, key: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(base, room, doc, {
    params: { token },
    WebSocketPolyfill: TimedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true, // clients in one process must talk through the server, not a BroadcastChannel
  });
  // Delivered edits are counted by what they add (one character each), not by frames: a
  // server may merge several edits into one message (Plenary's coalesced relay).
  let chars = 0;
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) return;
    const now = writerChars(doc);
    received += now - chars;
    chars = now;
    lastReceivedAt = wallMs();
  });
  const stamps = doc.getMap<[number, number]>(STAMPS);
  stamps.observe((event) => {
    if (event.transaction.local) return;
    const now = wallMs();
    for (const writer of event.keysChanged) {
      const stamp = stamps.get(writer);
      if (stamp) noteLatency(now - stamp[1]);
    }
  });
  return { room, key, doc, provider };
}

function whenSynced(provider: WebsocketProvider, timeoutMs: number): Promise<boolean> {
  if (provider.synced) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      provider.off('sync', onSync);
      resolve(false);
    }, timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve(true);
    };
    provider.on('sync', onSync);
  });
}

async function join({ base, bases, token, rooms, concurrency, timeoutMs }: JoinCommand): Promise<JoinResult> {
  const connectMs = new Float64Array(rooms.length).fill(NaN);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < rooms.length) {
      const i = next++;
      const started = wallMs();
      const client = openClient(bases?.[i] ?? base, token, rooms[i], `${process.pid}-${clients.length}`);
      clients.push(client);
      if (await whenSynced(client.provider, timeoutMs)) connectMs[i] = wallMs() - started;
      else failed++;
      client.provider.on('connection-close', () => disconnects++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rooms.length) }, worker));
  return { connectMs, failed };
}

function type(client: Client, seq: number): void {
  client.doc.transact(() => {
    const text = client.doc.getText(WRITER_TEXT_PREFIX + client.key);
    text.insert(text.length, 'x');
    client.doc.getMap<[number, number]>(STAMPS).set(client.key, [seq, wallMs()]);
  });
}

async function write({ writers, editsPerSecond, durationMs }: WriteCommand): Promise<WriteResult> {
  const sentByRoom: Record<string, number> = {};
  let sent = 0;
  const interval = 1000 / editsPerSecond;
  const end = performance.now() + durationMs;
  await Promise.all(
    clients.slice(0, writers).map(async (client) => {
      // A random phase, so that writers do not all type in the same millisecond.
      await new Promise((r) => setTimeout(r, Math.random() * interval));
      let due = performance.now();
      for (let seq = 1; performance.now() < end; seq++) {
        type(client, seq);
        sentByRoom[client.room] = (sentByRoom[client.room] ?? 0) + 1;
        sent++;
        due += interval;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      }
    }),
  );
  return { sentByRoom, sent };
}

async function burst({ count, perTurn }: BurstCommand): Promise<BurstResult> {
  const client = clients[0];
  const text = client.doc.getText(WRITER_TEXT_PREFIX + client.key);
  const firstSentAt = wallMs();
  for (let i = 0; i < count; ) {
    for (const end = Math.min(count, i + perTurn); i < end; i++) text.insert(text.length, 'x');
    await new Promise((r) => setImmediate(r));
  }
  return { firstSentAt, lastSentAt: wallMs() };
}

async function openTimed({ base, token, rooms, timeoutMs }: OpenTimedCommand): Promise<TimedOpen[]> {
  const opened = rooms.map((room, i) => ({ started: wallMs(), client: openClient(base, token, room, `timed-${i}`) }));
  const results = await Promise.all(
    opened.map(async ({ started, client }) => {
      const ok = await whenSynced(client.provider, timeoutMs);
      const syncedAt = wallMs();
      const ws = client.provider.ws as unknown as TimedWebSocket | null;
      const result: TimedOpen = {
        room: client.room,
        stateMs: ok && ws ? ws.stateAt - started : NaN,
        syncedMs: ok ? syncedAt - started : NaN,
        stateBytes: ws?.stateBytes ?? 0,
        stateVector: Buffer.from(Y.encodeStateVector(client.doc)).toString('base64'),
      };
      return result;
    }),
  );
  for (const { client } of opened) destroy(client);
  return results;
}

async function seed({ base, room, update }: SeedCommand): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const client = openClient(base, 'none', room, 'seed', doc);
  if (!(await whenSynced(client.provider, 30_000))) throw new Error(`seeding ${room}: no sync`);
  // Our SyncStep2 answer to the server's SyncStep1 carries the state; let it leave and land.
  const ws = client.provider.ws as unknown as WebSocket;
  while (ws.bufferedAmount > 0) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 300));
  destroy(client);
}

/** Characters in every writer's text: one per edit sent. */
function writerChars(doc: Y.Doc): number {
  let chars = 0;
  for (const [name, shared] of doc.share) if (name.startsWith(WRITER_TEXT_PREFIX)) chars += shared._length;
  return chars;
}

function collect({ expectedByRoom }: CollectCommand): CollectResult {
  let converged = 0;
  let diverged = 0;
  for (const client of clients) {
    if (writerChars(client.doc) === (expectedByRoom[client.room] ?? 0)) converged++;
    else diverged++;
  }
  return {
    received,
    lastReceivedAt,
    latencies: latencies.slice(0, latencyCount),
    converged,
    diverged,
    disconnects,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
}

function destroy(client: Client): void {
  client.provider.destroy();
  client.doc.destroy();
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'join':
      return join(command);
    case 'write':
      return write(command);
    case 'burst':
      return burst(command);
    case 'openTimed':
      return openTimed(command);
    case 'seed':
      return seed(command);
    case 'reset':
      received = 0;
      lastReceivedAt = 0;
      latencyCount = 0;
      disconnects = 0;
      loopDelay.reset();
      return null;
    case 'progress':
      return { received, lastReceivedAt } satisfies ProgressResult;
    case 'collect':
      return collect(command);
    case 'close':
      for (const client of clients.splice(0)) destroy(client);
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (request: Request) => {
  handle(request.command).then(
    (result) => process.send!({ id: request.id, ok: true, result } satisfies Response),
    (err: unknown) => process.send!({ id: request.id, ok: false, error: String((err as Error)?.stack ?? err) } satisfies Response),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ id: 0, ok: true, result: 'ready' } satisfies Response);
