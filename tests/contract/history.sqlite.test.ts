/** The history store contract on SQLite: a fresh database file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../../server/src/history/open';
import { runHistoryStoreContract } from './history.contract';

runHistoryStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-history-'));
  const store = await openHistoryStore(`sqlite:${join(dir, 'plenary.db')}`);
  return {
    store,
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
