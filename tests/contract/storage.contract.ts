/**
 * The storage contract (server/src/storage/types.ts), run against every implementation:
 * `runStorageContract(name, setup)` where `setup` gives a fresh, empty store per test.
 *
 * The log invariant checked throughout: a room's state is its snapshot plus every log row
 * after the snapshot's seq, whatever step of a compaction was the last to run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { ReportRecord, RoomLog, Storage } from '../../server/src/storage/types';

/** `DATABASE_URL` when it names a PostgreSQL server, else undefined (those tests skip). */
export function postgresUrlFromEnv(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

/**
 * A new, empty database on the server of `adminUrl`, so test runs never share state;
 * `drop()` removes it (disconnecting whoever is still on it).
 */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `plenary_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface StorageFixture {
  storage: Storage;
  teardown(): Promise<void>;
}

/** Records the updates of a doc as they happen, so tests append real Yjs updates. */
function recordingDoc() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const type = (text: string) => doc.getText('t').insert(doc.getText('t').length, text);
  return { doc, updates, type };
}

/** Rebuilds a room's document the way a server does on load. */
function rebuild(log: RoomLog): Y.Doc {
  const doc = new Y.Doc();
  if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const u of log.updates) Y.applyUpdate(doc, u);
  return doc;
}

function report(id: string, createdBy: string, createdAt: number, title = `Report ${id}`): ReportRecord {
  return { id, title, symbol: `A/HRC/${id}`, originalLanguage: 'en', languages: ['fr', 'ar'], createdBy, createdAt };
}

export function runStorageContract(name: string, setup: () => Promise<StorageFixture>): void {
  describe(`storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: Storage;
    beforeEach(async () => {
      fixture = await setup();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.teardown();
    });

    describe('quarantine', () => {
      it('moves a row out of the log with its bytes, once; the rest of the log is untouched', async () => {
        const seqs = await storage.appendUpdates([
          { room: 'q.en', update: new Uint8Array([1]) },
          { room: 'q.en', update: new Uint8Array([9, 9, 9]) },
          { room: 'q.en', update: new Uint8Array([3]) },
          { room: 'other.en', update: new Uint8Array([4]) },
        ]);
        expect((await storage.loadRoom('q.en')).updateSeqs).toEqual(seqs.slice(0, 3));
        expect(await storage.quarantine('q.en', [{ kind: 'update', seq: seqs[1], error: 'x'.repeat(2000) }])).toBe(1);
        // Again, or a seq of another room: nothing left to move.
        expect(await storage.quarantine('q.en', [{ kind: 'update', seq: seqs[1], error: 'again' }, { kind: 'update', seq: seqs[3], error: 'not this room' }])).toBe(0);
        const log = await storage.loadRoom('q.en');
        expect(log.updates.map((u) => [...u])).toEqual([[1], [3]]);
        expect(log.updateSeqs).toEqual([seqs[0], seqs[2]]);
        expect((await storage.loadRoom('other.en')).updates).toHaveLength(1);
        const [item] = await storage.listQuarantine();
        expect(item).toMatchObject({ room: 'q.en', kind: 'update', seq: seqs[1], bytes: 3 });
        expect(item.error.length).toBe(500);
        expect(item.at).toBeGreaterThan(0);
        const found = await storage.quarantinedBytes(item.id);
        expect([...found!.data]).toEqual([9, 9, 9]);
        expect(await storage.quarantinedBytes(item.id + 1000)).toBeNull();
      });

      it('moves a snapshot out; the rows after it still load', async () => {
        const [seq] = await storage.appendUpdates([{ room: 's.en', update: new Uint8Array([5]) }]);
        await storage.writeSnapshot('s.en', new Uint8Array([7, 7]), 0);
        expect(await storage.quarantine('s.en', [{ kind: 'snapshot', seq: 0, error: 'bad snapshot' }])).toBe(1);
        const log = await storage.loadRoom('s.en');
        expect(log.snapshot).toBeNull();
        expect(log.updateSeqs).toEqual([seq]);
        const [item] = await storage.listQuarantine();
        expect(item).toMatchObject({ room: 's.en', kind: 'snapshot', bytes: 2, error: 'bad snapshot' });
      });
    });

    describe('update log', () => {
      it('an unknown room loads empty', async () => {
        expect(await storage.loadRoom('nobody.en')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], updateSeqs: [], lastSeq: 0 });
        expect(await storage.countUpdates('nobody.en')).toBe(0);
      });

      it('appends keep their order and get increasing seqs, across rooms and batches', async () => {
        const a = recordingDoc();
        for (let i = 0; i < 6; i++) a.type(`a${i} `);
        const first = await storage.appendUpdates(a.updates.slice(0, 3).map((update) => ({ room: 'r1.en', update })));
        const mixed = await storage.appendUpdates([
          { room: 'r2.en', update: new Uint8Array([0, 1, 2]) },
          { room: 'r1.en', update: a.updates[3] },
          { room: 'r2.en', update: new Uint8Array([3]) },
        ]);
        const last = await storage.appendUpdates(a.updates.slice(4).map((update) => ({ room: 'r1.en', update })));
        const seqs = [...first, ...mixed, ...last];
        expect(seqs).toHaveLength(8);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);

        const log = await storage.loadRoom('r1.en');
        expect(log.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(a.updates.map((u) => Buffer.from(u).toString('hex')));
        expect(log.lastSeq).toBe(last[last.length - 1]);
        expect(rebuild(log).getText('t').toString()).toBe(a.doc.getText('t').toString());
        expect((await storage.loadRoom('r2.en')).updates.map((u) => [...u])).toEqual([[0, 1, 2], [3]]);
        expect(await storage.countUpdates('r1.en')).toBe(6);
      });

      it('keeps bytes intact, including views into a larger buffer', async () => {
        const all = new Uint8Array(256).map((_, i) => i);
        const view = new Uint8Array(all.buffer, 10, 5);
        await storage.appendUpdates([{ room: 'bin.en', update: all }, { room: 'bin.en', update: view }]);
        const rows = await storage.readUpdates('bin.en', 0);
        expect([...rows[0].update]).toEqual([...all]);
        expect([...rows[1].update]).toEqual([10, 11, 12, 13, 14]);
      });

      it('readUpdates returns the rows in (after, upto]', async () => {
        const seqs = await storage.appendUpdates([1, 2, 3, 4].map((n) => ({ room: 'range.en', update: new Uint8Array([n]) })));
        const middle = await storage.readUpdates('range.en', seqs[0], seqs[2]);
        expect(middle.map((r) => r.seq)).toEqual([seqs[1], seqs[2]]);
        expect(middle.map((r) => r.update[0])).toEqual([2, 3]);
        expect((await storage.readUpdates('range.en', seqs[1])).map((r) => r.update[0])).toEqual([3, 4]);
        expect(await storage.readUpdates('range.en', seqs[3])).toEqual([]);
      });

      it('concurrent appends to shared rooms all land, each seq once, in load order', async () => {
        const batches = Array.from({ length: 20 }, (_, i) =>
          storage.appendUpdates(i % 2 === 0
            ? [{ room: 'x.en', update: new Uint8Array([i]) }, { room: 'y.en', update: new Uint8Array([i]) }]
            : [{ room: 'y.en', update: new Uint8Array([i]) }, { room: 'x.en', update: new Uint8Array([i]) }]),
        );
        const seqs = (await Promise.all(batches)).flat();
        expect(new Set(seqs).size).toBe(40);
        const rows = await storage.readUpdates('x.en', 0);
        expect(rows).toHaveLength(20);
        expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((p, q) => p - q));
      });
    });

    describe('compaction', () => {
      async function appendTyped(room: string, doc: ReturnType<typeof recordingDoc>, texts: string[]) {
        const from = doc.updates.length;
        for (const t of texts) doc.type(t);
        return storage.appendUpdates(doc.updates.slice(from).map((update) => ({ room, update })));
      }

      it('survives a crash between writeSnapshot and pruneUpdates, then prunes', async () => {
        const room = 'compact.en';
        const writer = recordingDoc();
        await appendTyped(room, writer, ['The ', 'General ', 'Assembly ']);
        const before = await storage.loadRoom(room);
        const state = Y.encodeStateAsUpdate(rebuild(before));

        await storage.writeSnapshot(room, state, before.lastSeq);
        // "Crash": pruneUpdates never ran. The rows are still there, the state is complete.
        const afterCrash = await storage.loadRoom(room);
        expect(afterCrash.snapshotSeq).toBe(before.lastSeq);
        expect(afterCrash.updates).toEqual([]);
        expect(await storage.countUpdates(room)).toBe(0);
        expect(rebuild(afterCrash).getText('t').toString()).toBe('The General Assembly ');
        expect(await storage.readUpdates(room, 0)).toHaveLength(3);

        // Writes continue after the snapshot; then the interrupted compaction finishes.
        const [later] = await appendTyped(room, writer, ['decides']);
        expect(await storage.pruneUpdates(room, before.lastSeq)).toBe(3);
        const final = await storage.loadRoom(room);
        expect(final.updates).toHaveLength(1);
        expect(final.lastSeq).toBe(later);
        expect(rebuild(final).getText('t').toString()).toBe('The General Assembly decides');
        expect((await storage.readUpdates(room, 0)).map((r) => r.seq)).toEqual([later]);
      });

      it('a snapshot in the middle of the log: load gives the snapshot and the rows after it', async () => {
        const room = 'mid.en';
        const writer = recordingDoc();
        const seqs = await appendTyped(room, writer, ['one ', 'two ', 'three ', 'four']);
        const partial = new Y.Doc();
        for (const u of writer.updates.slice(0, 2)) Y.applyUpdate(partial, u);
        await storage.writeSnapshot(room, Y.encodeStateAsUpdate(partial), seqs[1]);
        const log = await storage.loadRoom(room);
        expect(log.snapshotSeq).toBe(seqs[1]);
        expect(log.updates).toHaveLength(2);
        expect(log.lastSeq).toBe(seqs[3]);
        expect(await storage.countUpdates(room)).toBe(2);
        expect(rebuild(log).getText('t').toString()).toBe('one two three four');
      });

      it('pruneUpdates never deletes past the stored snapshot', async () => {
        const room = 'prune.en';
        const seqs = await storage.appendUpdates([1, 2, 3].map((n) => ({ room, update: new Uint8Array([n]) })));
        expect(await storage.pruneUpdates(room, seqs[2])).toBe(0); // no snapshot: nothing covered
        await storage.writeSnapshot(room, new Uint8Array([9]), seqs[0]);
        expect(await storage.pruneUpdates(room, seqs[2] + 1000)).toBe(1);
        expect((await storage.readUpdates(room, 0)).map((r) => r.seq)).toEqual([seqs[1], seqs[2]]);
        // Other rooms are untouched.
        const [other] = await storage.appendUpdates([{ room: 'prune-other.en', update: new Uint8Array([7]) }]);
        await storage.writeSnapshot(room, new Uint8Array([9]), other + 10);
        await storage.pruneUpdates(room, other + 10);
        expect((await storage.readUpdates('prune-other.en', 0)).map((r) => r.seq)).toEqual([other]);
      });

      it('writeSnapshot never replaces a newer (or equal) snapshot', async () => {
        const room = 'snap.en';
        await storage.writeSnapshot(room, new Uint8Array([3]), 30);
        await storage.writeSnapshot(room, new Uint8Array([2]), 20);
        await storage.writeSnapshot(room, new Uint8Array([4]), 30);
        let log = await storage.loadRoom(room);
        expect(log.snapshotSeq).toBe(30);
        expect([...log.snapshot!]).toEqual([3]);
        await storage.writeSnapshot(room, new Uint8Array([5]), 31);
        log = await storage.loadRoom(room);
        expect(log.snapshotSeq).toBe(31);
        expect([...log.snapshot!]).toEqual([5]);
        expect(log.lastSeq).toBe(31);
      });

      it('withRoomLock, where offered, admits one holder per room at a time', async ({ skip }) => {
        const lock = storage.withRoomLock?.bind(storage);
        if (!lock) return skip('single-instance store: no cross-instance lock');
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let entered!: () => void;
        const inside = new Promise<void>((r) => (entered = r));
        const first = lock('locked.en', async () => {
          entered();
          await held;
          return 'first';
        });
        await inside;
        expect(await lock('locked.en', async () => 'second')).toBeNull();
        expect(await lock('other.en', async () => 'other')).toBe('other');
        release();
        expect(await first).toBe('first');
        expect(await lock('locked.en', async () => 'third')).toBe('third');
        // A failing body releases the lock too.
        await expect(lock('locked.en', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await lock('locked.en', async () => 'after failure')).toBe('after failure');
      });
    });

    describe('users', () => {
      it('the first user is admin, the next ones are not', async () => {
        const first = await storage.createUser({ id: 'u1', name: 'Amina', passwordHash: 'h1' });
        const second = await storage.createUser({ id: 'u2', name: 'Bruno', passwordHash: 'h2' });
        expect(first.isAdmin).toBe(true);
        expect(second.isAdmin).toBe(false);
        expect(await storage.countUsers()).toBe(2);
        const loaded = await storage.getUserById('u1');
        expect(loaded).toEqual(first);
        expect(typeof loaded!.createdAt).toBe('number');
      });

      it('concurrent first sign-ups make exactly one admin', async () => {
        const users = await Promise.all(
          Array.from({ length: 8 }, (_, i) => storage.createUser({ id: `c${i}`, name: `Concurrent ${i}`, passwordHash: 'h' })),
        );
        expect(users.filter((u) => u.isAdmin)).toHaveLength(1);
      });

      // ASCII case only: SQLite's NOCASE does not fold other letters (PostgreSQL's lower() does).
      it('names are unique regardless of case, and found regardless of case', async () => {
        await storage.createUser({ id: 'u1', name: 'Elodie Martin', passwordHash: 'h' });
        await expect(storage.createUser({ id: 'u2', name: 'elodie martin', passwordHash: 'h' })).rejects.toThrow(/unique/i);
        await expect(storage.createUser({ id: 'u3', name: 'ELODIE MARTIN', passwordHash: 'h' })).rejects.toThrow(/unique/i);
        expect((await storage.getUserByName('elodie MARTIN'))?.id).toBe('u1');
        expect(await storage.getUserByName('nobody')).toBeNull();
        expect(await storage.getUserById('nobody')).toBeNull();
        expect(await storage.countUsers()).toBe(1);
      });
    });

    describe('reports and members', () => {
      beforeEach(async () => {
        for (const [id, name] of [['owner', 'Olga'], ['ana', 'ana'], ['Ben', 'Ben'], ['carl', 'Carl']]) {
          await storage.createUser({ id, name, passwordHash: 'h' });
        }
      });

      it('createReport stores the record and makes its creator owner', async () => {
        const r = report('rep001', 'owner', 1_700_000_000_000);
        await storage.createReport(r);
        expect(await storage.getReport('rep001')).toEqual(r);
        expect(await storage.getReport('missing')).toBeNull();
        expect(await storage.getMember('rep001', 'owner')).toEqual({ reportId: 'rep001', userId: 'owner', userName: 'Olga', role: 'owner', languages: [] });
        await storage.updateReportTitle('rep001', 'Renamed');
        expect((await storage.getReport('rep001'))!.title).toBe('Renamed');
      });

      it('setMember adds and changes members; removeMember removes once', async () => {
        await storage.createReport(report('rep002', 'owner', 1));
        await storage.setMember('rep002', 'Ben', 'translator', ['fr', 'ar']);
        await storage.setMember('rep002', 'ana', 'reviewer', []);
        expect(await storage.getMember('rep002', 'Ben')).toEqual({ reportId: 'rep002', userId: 'Ben', userName: 'Ben', role: 'translator', languages: ['fr', 'ar'] });
        // Ordered by name, ignoring case.
        expect((await storage.listMembers('rep002')).map((m) => m.userName)).toEqual(['ana', 'Ben', 'Olga']);

        await storage.setMember('rep002', 'Ben', 'drafter', []);
        expect(await storage.getMember('rep002', 'Ben')).toMatchObject({ role: 'drafter', languages: [] });
        expect(await storage.listMembers('rep002')).toHaveLength(3);

        expect(await storage.removeMember('rep002', 'Ben')).toBe(true);
        expect(await storage.removeMember('rep002', 'Ben')).toBe(false);
        expect(await storage.getMember('rep002', 'Ben')).toBeNull();
        expect(await storage.getMember('rep002', 'carl')).toBeNull();
      });

      it('listReportsForUser lists the reports a user belongs to, newest first, with the role', async () => {
        await storage.createReport(report('old001', 'owner', 1000));
        await storage.createReport(report('new001', 'owner', 3000));
        await storage.createReport(report('mid001', 'carl', 2000));
        await storage.setMember('old001', 'ana', 'viewer', []);
        await storage.setMember('mid001', 'ana', 'translator', ['fr']);

        const owners = await storage.listReportsForUser('owner');
        expect(owners.map((r) => [r.id, r.role])).toEqual([['new001', 'owner'], ['old001', 'owner']]);
        expect(owners[0]).toMatchObject({ title: 'Report new001', languages: ['fr', 'ar'], createdAt: 3000 });
        expect((await storage.listReportsForUser('ana')).map((r) => [r.id, r.role])).toEqual([['mid001', 'translator'], ['old001', 'viewer']]);
        expect(await storage.listReportsForUser('Ben')).toEqual([]);

        await storage.removeMember('mid001', 'ana');
        expect((await storage.listReportsForUser('ana')).map((r) => r.id)).toEqual(['old001']);
      });
    });
  });
}
