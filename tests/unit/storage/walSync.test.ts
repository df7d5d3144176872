/**
 * SQLite's default durability (PLENARY_SQLITE_SYNC=FULL, storage/walSync.ts): a write resolves
 * only after an fdatasync of the WAL that began after its commit, and commits that overlap a
 * sync share the next one. The fsync is observed where it is made (fs.fdatasync).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage, type SqliteSync } from '../../../server/src/storage/sqlite';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanup.splice(0).reverse()) await c();
});

function storage(mode?: SqliteSync) {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-wal-'));
  const s = new SqliteStorage(join(dir, 'p.db'), mode ? { synchronous: mode } : {});
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => s.close());
  return { storage: s };
}

const update = (n: number) => ({ room: 'r.en', update: new Uint8Array([n % 256, 1, 2, 3]) });

describe('SQLite durability off the event loop (walSync.ts)', () => {
  it('a write resolves only after the WAL’s fdatasync has finished', async () => {
    const { storage: s } = storage();
    const real = fs.fdatasync;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let syncsStarted = 0;
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      syncsStarted++;
      void gate.then(() => real(fd, cb));
    }) as typeof fs.fdatasync);
    let done = false;
    const append = s.appendUpdates([update(1)]).then((seqs) => ((done = true), seqs));
    await new Promise((r) => setTimeout(r, 30));
    expect(syncsStarted).toBe(1);
    expect(done).toBe(false);
    release();
    expect(await append).toEqual([1]);
    expect(done).toBe(true);
  });

  it('commits that overlap a sync in flight share the next one', async () => {
    const { storage: s } = storage();
    const writes = Array.from({ length: 40 }, (_, i) => s.appendUpdates([update(i)]));
    const seqs = (await Promise.all(writes)).flat();
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const stats = s.walStats!;
    // Schema setup has no durable() wait; the 40 appends are the commits counted.
    expect(stats.commits).toBe(40);
    expect(stats.syncs).toBeGreaterThanOrEqual(1);
    expect(stats.syncs).toBeLessThanOrEqual(3);
    expect((await s.loadRoom('r.en')).updates).toHaveLength(40);
  });

  it('every kind of write waits for the sync (directory, snapshot, prune)', async () => {
    const { storage: s } = storage();
    await s.createUser({ id: 'u1', name: 'ana', passwordHash: 'x' });
    await s.createReport({ id: 'rep1', title: 't', symbol: '', originalLanguage: 'en', languages: [], createdBy: 'u1', createdAt: 1 });
    await s.appendUpdates([update(1)]);
    await s.writeSnapshot('r.en', new Uint8Array([0, 0]), 1);
    await s.pruneUpdates('r.en', 1);
    expect(s.walStats).toEqual({ commits: 5, syncs: 5 });
  });

  it('FULL_INLINE and NORMAL leave the fsync to SQLite (or skip it): no WAL sync of ours', async () => {
    for (const mode of ['FULL_INLINE', 'NORMAL'] as const) {
      const { storage: s } = storage(mode);
      await s.appendUpdates([update(1)]);
      expect(s.walStats).toBeNull();
      expect((await s.loadRoom('r.en')).updates).toHaveLength(1);
    }
  });
});
