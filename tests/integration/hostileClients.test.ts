/**
 * Clients hostile on purpose (issue 4): each attack is bounded and closes only the attacker,
 * while edits in a calm room keep flowing within a latency bound, and the server lives.
 * Memory growth over all attacks is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/closeCodes';
import { DEFAULT_LIMITS } from '../../server/src/collab/limits';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/yclient';

const LIMITS = { ...DEFAULT_LIMITS, messagesPerSecond: 100, messageBurst: 300, maxBufferedBytes: 256 * 1024 };
const MAX_CONNECTIONS = 20;
/**
 * Bound on calm-room propagation while an attack runs. Unbounded, the 2M-struct update alone
 * blocks the event loop for ~2.3 s; on a quiet machine the calm room stays near 100 ms max.
 * The bound is loose because attacker, server and calm clients share this process and CI's
 * two cores run other test files at the same time.
 */
const CALM_BOUND_MS = 600;

let server: TestServer;
let token: string;
let room: string;
let calmWriter: TestClient;
let calmReader: TestClient;
const rssBefore = process.memoryUsage().rss;

beforeAll(async () => {
  server = await startServer({ limits: LIMITS, maxConnectionsPerUser: MAX_CONNECTIONS, maxPayloadBytes: 16 * 1024 * 1024 });
  const owner = await signUp(server.url);
  token = owner.token;
  room = `${(await createReport(server.url, token)).id}.en`;
  const calmUser = await signUp(server.url);
  const calmRoom = `${(await createReport(server.url, calmUser.token)).id}.en`;
  calmWriter = connectClient(server.wsUrl, calmRoom, calmUser.token);
  calmReader = connectClient(server.wsUrl, calmRoom, calmUser.token);
  await Promise.all([waitSynced(calmWriter), waitSynced(calmReader)]);
});
afterAll(async () => {
  calmWriter.destroy();
  calmReader.destroy();
  console.log(`[hostile clients] server-process RSS growth over all attacks: ${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(1)} MB`);
  await server.close();
});

/** Runs `attack` while the calm room edits every 20 ms; returns the calm latencies. */
async function underAttack(attack: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const text = calmReader.doc.getText('calm');
  const pending = new Map<string, number>();
  const observer = () => {
    for (const [mark, t] of pending) {
      if (text.toString().includes(mark)) {
        latencies.push(performance.now() - t);
        pending.delete(mark);
      }
    }
  };
  text.observe(observer);
  let i = 0;
  const timer = setInterval(() => {
    const mark = `<${i++}>`;
    pending.set(mark, performance.now());
    calmWriter.doc.getText('calm').insert(0, mark);
  }, 20);
  try {
    await attack();
    await new Promise((r) => setTimeout(r, 100)); // let the last calm edits land
  } finally {
    clearInterval(timer);
  }
  await waitFor(() => pending.size === 0, 5000, 'calm edits delivered');
  text.unobserve(observer);
  return latencies;
}

function raw(query = `token=${token}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${room}?${query}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** n GC structs of 2 bytes each: tiny on the wire, n objects once applied. */
function gcUpdate(n: number, client: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, n);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  for (let i = 0; i < n; i++) {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, 1);
  }
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

function awarenessFrame(entries: { id: number; clock: number; state: string }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(inner, x.id);
    encoding.writeVarUint(inner, x.clock);
    encoding.writeVarString(inner, x.state);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

const report = (name: string, lat: number[]) => {
  const s = [...lat].sort((a, b) => a - b);
  const p = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1);
  console.log(`[hostile clients] ${name}: calm room p50 ${p(0.5)} ms, max ${s[s.length - 1].toFixed(1)} ms over ${s.length} edits`);
  return s[s.length - 1];
};

describe('[R6] hostile clients', () => {
  it('an update of millions of GC structs is refused (4413) before it is applied', async () => {
    let code = 0;
    const frame = syncUpdateFrame(gcUpdate(2_000_000, 987654));
    const lat = await underAttack(async () => {
      const ws = await raw();
      const closed = closeCode(ws);
      ws.send(frame);
      code = await closed;
    });
    expect(code).toBe(CloseCode.TooComplex);
    expect(report('2M-struct update', lat)).toBeLessThan(CALM_BOUND_MS);
    const probe = connectClient(server.wsUrl, room, token);
    await waitSynced(probe);
    expect(Y.encodeStateVector(probe.doc).length).toBeLessThan(64); // nothing of it was applied
    probe.destroy();
  });

  it('a stream of large updates runs out of its struct budget (4429)', async () => {
    let code = 0;
    const lat = await underAttack(async () => {
      const frames = Array.from({ length: 6 }, (_, i) => syncUpdateFrame(gcUpdate(45_000, 5000 + i)));
      const ws = await raw();
      const closed = closeCode(ws);
      for (const f of frames) if (ws.readyState === ws.OPEN) ws.send(f);
      code = await closed;
    });
    expect(code).toBe(CloseCode.RateLimited);
    expect(report('45k-struct update stream', lat)).toBeLessThan(CALM_BOUND_MS);
  });

  it('[R4] awareness: a client sets only its own state, and an oversized state closes it', async () => {
    const observer = connectClient(server.wsUrl, room, token);
    await waitSynced(observer);
    const ws = await raw();
    const forged = Array.from({ length: 500 }, (_, i) => ({ id: 1000 + i, clock: 1, state: JSON.stringify({ user: { name: `ghost${i}` } }) }));
    ws.send(awarenessFrame(forged));
    await waitFor(() => observer.provider.awareness.getStates().has(1000), 5000, 'own state relayed');
    // A later frame for other ids is dropped; the count of foreign states stays at one.
    ws.send(awarenessFrame([{ id: 424242, clock: 1, state: '{"user":{"name":"impostor"}}' }]));
    ws.send(awarenessFrame([{ id: 1000, clock: 2, state: JSON.stringify({ user: { name: 'x'.repeat(20_000) } }) }]));
    expect(await closeCode(ws)).toBe(CloseCode.RateLimited);
    const foreign = [...observer.provider.awareness.getStates().keys()].filter((id) => id !== observer.doc.clientID);
    expect(foreign.every((id) => id === 1000)).toBe(true);
    await waitFor(() => !observer.provider.awareness.getStates().has(1000), 5000, 'state removed on close');
    observer.destroy();
  });

  it('a message flood is cut off (4429)', async () => {
    let code = 0;
    const lat = await underAttack(async () => {
      const ws = await raw();
      const closed = closeCode(ws);
      const query = new Uint8Array([3]);
      for (let i = 0; i < 1000 && ws.readyState === ws.OPEN; i++) ws.send(query);
      code = await closed;
    });
    expect(code).toBe(CloseCode.RateLimited);
    expect(report('message flood', lat)).toBeLessThan(CALM_BOUND_MS);
  });

  it('a slow reader is closed (4508) instead of growing server memory', async () => {
    const slow = await raw();
    const slowClosed = closeCode(slow);
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = connectClient(server.wsUrl, room, token);
    await waitSynced(writer);
    const withSlow = server.plenary.collab.connectionCount;
    const chunk = 'x'.repeat(100_000);
    for (let i = 0; i < 300 && server.plenary.collab.connectionCount === withSlow; i++) {
      writer.doc.getText('big').insert(0, chunk);
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => server.plenary.collab.connectionCount === withSlow - 1, 15_000, 'slow reader dropped');
    const rss = process.memoryUsage().rss;
    console.log(`[hostile clients] slow reader dropped; process RSS ${(rss / 1e6).toFixed(0)} MB`);
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slowClosed).toBe(CloseCode.SlowReader);
    writer.destroy();
  });

  it(`caps connections per user at ${MAX_CONNECTIONS}`, async () => {
    const user = await signUp(server.url);
    await api(server.url, 'PUT', `/api/reports/${room.split('.')[0]}/members`, { name: user.name, role: 'viewer' }, token);
    const sockets: WebSocket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) sockets.push(await raw(`token=${user.token}`));
    await waitFor(() => server.plenary.collab.connectionCount >= MAX_CONNECTIONS, 5000, 'connections admitted');
    const extra = await raw(`token=${user.token}`);
    expect(await closeCode(extra)).toBe(CloseCode.RateLimited);
    for (const s of sockets) s.close();
  });

  it('is still alive and serving', async () => {
    expect((await api(server.url, 'GET', '/healthz')).body).toEqual({ ok: true });
    const lat = await underAttack(async () => {});
    expect(lat.length).toBeGreaterThan(0);
  });
});
