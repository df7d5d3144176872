/**
 * The storage contract (server/src/storage/types.ts): a `Storage` is a `RoomLog` and a
 * `Directory` on one database, so it runs both suites. `runStorageContract(name, setup)`
 * where `setup` gives a fresh, empty store per test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/src/storage/types';
import { runDirectoryContract } from './directory.contract';
import { runRoomLogContract } from './roomLog.contract';

export { createScratchDatabase, postgresUrlFromEnv } from './scratchDatabase';

export interface StorageFixture {
  storage: Storage;
  teardown(): Promise<void>;
}

export function runStorageContract(name: string, setup: () => Promise<StorageFixture>): void {
  runRoomLogContract(name, async () => {
    const { storage, teardown } = await setup();
    return { log: storage, teardown };
  });
  runDirectoryContract(name, async () => {
    const { storage, teardown } = await setup();
    return { directory: storage, teardown };
  });
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
  });
}
