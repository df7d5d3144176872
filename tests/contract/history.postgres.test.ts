/** The history store contract on PostgreSQL, when DATABASE_URL names one: a scratch database per test. */
import { describe, it } from 'vitest';
import { openHistoryStore } from '../../server/src/history/open';
import { createScratchDatabase, postgresUrlFromEnv } from './scratchDatabase';
import { runHistoryStoreContract } from './history.contract';

const adminUrl = postgresUrlFromEnv();

if (adminUrl) {
  runHistoryStoreContract('postgres', async () => {
    const db = await createScratchDatabase(adminUrl);
    const store = await openHistoryStore(db.url);
    return {
      store,
      teardown: async () => {
        await store.close();
        await db.drop();
      },
    };
  });
} else {
  describe.skip('history store contract: postgres (DATABASE_URL not set)', () => {
    it('needs DATABASE_URL=postgres://…', () => {});
  });
}
