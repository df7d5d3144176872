/** The storage contract on SQLite: a fresh database file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../server/src/storage/sqlite';
import { runStorageContract } from './storage.contract';

runStorageContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-storage-'));
  const storage = new SqliteStorage(join(dir, 'plenary.db'));
  return {
    storage,
    teardown: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
