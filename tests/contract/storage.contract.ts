/**
 * The storage contract (server/src/storage/types.ts): a `Storage` is a `RoomLog` and a
 * `Directory` on one database, so it runs both suites. `runStorageContract(name, setup)`
 * where `setup` gives a fresh, empty store per test.
 */
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
}
