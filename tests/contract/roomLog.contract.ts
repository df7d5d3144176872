/**
 * The update-log contract (`RoomLog` in server/src/storage/types.ts), run against every
 * implementation: `runRoomLogContract(name, setup)` where `setup` gives a fresh, empty log.
 *
 * The log invariant checked throughout ([R10]): a room's state is its snapshot plus every log
 * row after the snapshot's seq, whatever step of a compaction was the last to run ([R9]).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LoadedRoom, RoomLog } from '../../server/src/storage/types';

export interface RoomLogFixture {
  log: RoomLog;
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
function rebuild(log: LoadedRoom): Y.Doc {
  const doc = new Y.Doc();
  if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const u of log.updates) Y.applyUpdate(doc, u);
  return doc;
}

export function runRoomLogContract(name: string, setup: () => Promise<RoomLogFixture>): void {
  describe(`room log contract: ${name}`, () => {
    let fixture: RoomLogFixture;
    let storage: RoomLog;
    beforeEach(async () => {
      fixture = await setup();
      storage = fixture.log;
    });
    afterEach(async () => {
      await fixture.teardown();
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

      it('[R9] survives a crash between writeSnapshot and pruneUpdates, then prunes', async () => {
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

      it('[R10] a snapshot in the middle of the log: load gives the snapshot and the rows after it', async () => {
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

      it('[R9] withRoomLock, where offered, admits one holder per room at a time', async ({ skip }) => {
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
  });
}
