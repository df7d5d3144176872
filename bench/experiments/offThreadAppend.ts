/**
 * Experiment entry: Plenary with SqliteStorage.appendUpdates moved to a worker thread (its
 * own better-sqlite3 connection, WAL, synchronous=FULL): same durability, and the event loop
 * no longer blocks on the fsync. Tried as the fix for that; on 2 cores it made p99 worse
 * (docs/performance.md, "Why"). Not a product configuration.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { SqliteStorage } from '../../server/src/storage/sqlite';
import type { AppendEntry } from '../../server/src/storage/types';

const require = createRequire(import.meta.url);
const file = process.env.DATABASE_URL!.slice('sqlite:'.length);
let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(seqs: number[]): void; reject(err: Error): void }>();

function start(): Worker {
  const w = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.sqlite);
     const db = new Database(workerData.file);
     db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.pragma('busy_timeout = 5000');
     const append = db.prepare('INSERT INTO room_updates (room, data) VALUES (?, ?)');
     const tx = db.transaction((entries) => entries.map((e) => Number(append.run(e.room, Buffer.from(e.update)).lastInsertRowid)));
     parentPort.on('message', ({ id, entries }) => {
       try { parentPort.postMessage({ id, seqs: tx(entries) }); } catch (err) { parentPort.postMessage({ id, error: String(err) }); }
     });`,
    { eval: true, workerData: { file, sqlite: require.resolve('better-sqlite3') } },
  );
  w.on('message', ({ id, seqs, error }: { id: number; seqs?: number[]; error?: string }) => {
    const waiter = waiting.get(id)!;
    waiting.delete(id);
    if (error) waiter.reject(new Error(error));
    else waiter.resolve(seqs!);
  });
  w.unref();
  return w;
}

SqliteStorage.prototype.appendUpdates = function (entries: readonly AppendEntry[]): Promise<number[]> {
  worker ??= start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, entries });
  });
};

await import('../../server/src/main');
