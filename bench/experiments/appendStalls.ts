/**
 * `npx tsx bench/experiments/appendStalls.ts [seconds]`: how long one group commit
 * (SqliteStorage.appendUpdates, synchronous=FULL) blocks the event loop on a database that
 * has just received many reports (200 rooms of ~30 paragraphs written and compacted, as
 * after creating 200 reports through the API), against a fresh one; and the same with
 * SQLite's automatic WAL checkpoint off (wal_autocheckpoint=0: a commit never copies the WAL
 * back into the database itself). Commits every 20 ms of 1–3 small updates, like scenario (a).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { SqliteStorage } from '../../server/src/storage/sqlite';
import { reportText } from '../scenarios/reportText';

const seconds = Number(process.argv[2] ?? 8);
const quantile = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];

function fill(storage: SqliteStorage): void {
  const text = reportText('en', 30);
  for (let r = 0; r < 200; r++) {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const para of text.split('\n\n')) doc.getText('body').insert(doc.getText('body').length, para);
    void storage.appendUpdates(updates.map((update) => ({ room: `r${r}.en`, update })));
    void storage.writeSnapshot(`r${r}.en`, Y.encodeStateAsUpdate(doc), 1e9);
  }
}

async function run(label: string, prepared: boolean, autoCheckpoint: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-stalls-'));
  const storage = new SqliteStorage(join(dir, 'p.db'), { synchronous: 'FULL' });
  const db = (storage as unknown as { db: Database.Database }).db;
  if (!autoCheckpoint) db.pragma('wal_autocheckpoint = 0');
  if (prepared) fill(storage);
  const walBefore = statSync(join(dir, 'p.db-wal')).size;
  const doc = new Y.Doc();
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const updates: Uint8Array[] = [];
    const off = (u: Uint8Array) => updates.push(u);
    doc.on('update', off);
    for (let i = 0, n = 1 + Math.floor(Math.random() * 3); i < n; i++) doc.getText('t').insert(0, 'x');
    doc.off('update', off);
    const started = performance.now();
    await storage.appendUpdates(updates.map((update) => ({ room: 'busy.en', update })));
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  times.sort((a, b) => a - b);
  const wal = statSync(join(dir, 'p.db-wal')).size;
  console.log(
    `${label.padEnd(34)} commits ${times.length}  p50 ${quantile(times, 0.5).toFixed(2)} ms  p99 ${quantile(times, 0.99).toFixed(2)} ms  max ${times[times.length - 1].toFixed(1)} ms  >10 ms: ${times.filter((t) => t > 10).length}  WAL ${(walBefore / 1e6).toFixed(1)}→${(wal / 1e6).toFixed(1)} MB`,
  );
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

for (let round = 1; round <= 2; round++) {
  await run('fresh database', false, true);
  await run('after 200 reports', true, true);
  await run('after 200 reports, no autocheckpoint', true, false);
}
