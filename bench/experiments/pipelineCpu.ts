/**
 * Experiment (issue 16): CPU per update of the server's pipeline without any network — real
 * Room, Connection, UpdateWriter and SQLite, 50 connections over a counting socket, 10
 * writers' updates fed to Connection.receive one turn apart — beside a minimal in-memory relay
 * (apply, encode once, send to the 49 others), the reference server's work. Prints µs of
 * process CPU per update and per delivery. `npx tsx bench/experiments/pipelineCpu.ts`.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Room } from '../../server/src/collab/room';
import { Connection } from '../../server/src/collab/connection';
import { UpdateWriter } from '../../server/src/collab/updateWriter';
import { DEFAULT_LIMITS } from '../../server/src/collab/limits';
import { SqliteStorage, type SqliteSync } from '../../server/src/storage/sqlite';
import { MemoryBus } from '../../server/src/pubsub/memory';
import type { CollabSocket } from '../../server/src/collab/socket';

const CLIENTS = 50;
const WRITERS = 10;
const UPDATES = Number(process.env.UPDATES ?? 2000);
const silent = pino({ level: 'silent' });
const limits = { ...DEFAULT_LIMITS, messagesPerSecond: 1e9, messageBurst: 1e9, bytesPerSecond: 1e12, byteBurst: 1e12, structsPerSecond: 1e9, structBurst: 1e9 };

function updates(): Uint8Array[] {
  const docs = Array.from({ length: WRITERS }, (_, i) => {
    const d = new Y.Doc();
    d.clientID = 1000 + i;
    return d;
  });
  const out: Uint8Array[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const d = docs[i % WRITERS];
    const before = Y.encodeStateVector(d);
    d.getText(`w${i % WRITERS}`).insert(d.getText(`w${i % WRITERS}`).length, 'x');
    out.push(Y.encodeStateAsUpdate(d, before));
  }
  return out;
}

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

let sentBytes = 0;
const socket = (): CollabSocket => ({ send: (d) => void (sentBytes += d.length), close: () => {}, bufferedAmount: 0 });
const turn = () => new Promise((r) => setImmediate(r));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

async function plenary(mode: SqliteSync | 'memory', frames: Uint8Array[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  const storage = new SqliteStorage(mode === 'memory' ? ':memory:' : join(dir, 'p.db'), { synchronous: mode === 'memory' ? 'FULL' : mode });
  const writer = new UpdateWriter(storage, silent);
  const pubsub = new MemoryBus().open('one');
  const room = await Room.load('bench0001.en', { storage, pubsub, writer, log: silent, compactAfter: 500 });
  const conns = Array.from({ length: CLIENTS }, (_, i) => new Connection(room, socket(), { userId: `u${i}`, userName: `u${i}`, canWrite: true }, limits, silent, { onClosed: () => {} }));
  for (const c of conns) c.open();
  const start = cpu();
  for (let i = 0; i < frames.length; i++) {
    conns[i % WRITERS].receive(frames[i]);
    await turn();
  }
  await writer.drain();
  await room.flushed();
  await turn();
  const used = cpu() - start;
  for (const c of conns) c.close();
  await room.destroy();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  return used;
}

async function minimal(frames: Uint8Array[]): Promise<number> {
  const doc = new Y.Doc();
  const socks = Array.from({ length: CLIENTS }, socket);
  const start = cpu();
  for (let i = 0; i < frames.length; i++) {
    const from = i % WRITERS;
    const d = frames[i];
    // What y-websocket's server does: decode the frame, apply, encode the update once, send to all.
    const update = d.subarray(3);
    doc.once('update', (u: Uint8Array) => { const m = frame(u); for (let s = 0; s < CLIENTS; s++) if (s !== from) socks[s].send(m); });
    Y.applyUpdate(doc, update);
    await turn();
  }
  return cpu() - start;
}

const all = updates();
const frames = all.map(frame);
for (let round = 0; round < 2; round++) {
  for (const variant of ['minimal', 'memory', 'NORMAL', 'FULL', 'FULL_INLINE'] as const) {
    const ms = variant === 'minimal' ? await minimal(frames) : await plenary(variant, frames);
    console.log(`${variant.padEnd(12)} ${((ms * 1000) / UPDATES).toFixed(1).padStart(6)} µs/update  ${((ms * 1000) / (UPDATES * (CLIENTS - 1))).toFixed(2)} µs/delivery`);
  }
}
