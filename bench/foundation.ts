/**
 * Foundation figures (issue 2): durable append latency, room load time with a 10,000-update
 * log before and after compaction, and server memory per idle loaded room.
 * Runs in-process against a temporary SQLite file; prints a table and returns JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import pino from 'pino';
import { SqliteStorage } from '../server/src/storage/sqlite';
import { UpdateWriter } from '../server/src/collab/updateWriter';
import { RoomRegistry } from '../server/src/collab/registry';
import { LocalPubSub } from '../server/src/pubsub/local';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

export async function runFoundationBench() {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
  const log = pino({ level: 'silent' });
  const storage = new SqliteStorage(join(dir, 'bench.db'));
  const writer = new UpdateWriter(storage, log);
  const results: Record<string, number> = {};

  // 1. Durable append latency: one small update at a time (no batching help), synchronous=FULL.
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 10_000; i++) doc.getText('t').insert(doc.getText('t').length, 'x');
  const lat: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    await writer.append('bench.append', updates[i]);
    lat.push(performance.now() - t);
  }
  results.appendP50Ms = quantile(lat, 0.5);
  results.appendP99Ms = quantile(lat, 0.99);
  // Burst: 2,000 updates queued in the same turn share transactions.
  const burstStart = performance.now();
  await Promise.all(updates.slice(0, 2000).map((u) => writer.append('bench.burst', u)));
  results.burstUpdatesPerSec = 2000 / ((performance.now() - burstStart) / 1000);

  // 2. Load a room whose log holds 10,000 updates, before and after compaction.
  await storage.appendUpdates(updates.map((update) => ({ room: 'bench.load', update })));
  const registry = new RoomRegistry({ storage, pubsub: new LocalPubSub(), writer, log, compactAfter: 1e9 }, 60_000);
  let t = performance.now();
  const room = await registry.acquire('bench.load');
  results.load10kUncompactedMs = performance.now() - t;
  t = performance.now();
  await room.compact();
  results.compact10kMs = performance.now() - t;
  await registry.closeAll();
  const registry2 = new RoomRegistry({ storage, pubsub: new LocalPubSub(), writer, log, compactAfter: 1e9 }, 60_000);
  t = performance.now();
  await registry2.acquire('bench.load');
  results.load10kCompactedMs = performance.now() - t;
  await registry2.closeAll();

  // 3. Memory per idle loaded room: 1,000 rooms each holding a 1-paragraph report state.
  const small = new Y.Doc();
  small.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
  small.getMap('meta').set('title', 'A short report title');
  const state = Y.encodeStateAsUpdate(small);
  const rooms = 1000;
  await storage.appendUpdates(Array.from({ length: rooms }, (_, i) => ({ room: `bench.idle${i}`, update: state })));
  const registry3 = new RoomRegistry({ storage, pubsub: new LocalPubSub(), writer, log, compactAfter: 1e9 }, 600_000);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < rooms; i++) await registry3.acquire(`bench.idle${i}`);
  global.gc?.();
  results.idleRoomBytes = (process.memoryUsage().heapUsed - before) / rooms;
  results.idleRoomStateBytes = state.length;
  await registry3.closeAll();

  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runFoundationBench();
  console.table(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v.toFixed(3))])));
}
