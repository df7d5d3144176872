/**
 * The translation stores' contract on PostgreSQL, when DATABASE_URL names one: each test gets
 * its own scratch database (as the storage contract does), so runs never collide.
 */
import { describe, it } from 'vitest';
import { openTranslationStores } from '../../server/src/tm/open';
import { createScratchDatabase, postgresUrlFromEnv } from './storage.contract';
import { runTranslationStoresContract } from './translationStores.contract';

const adminUrl = postgresUrlFromEnv();

if (adminUrl) {
  runTranslationStoresContract('postgres', async () => {
    const db = await createScratchDatabase(adminUrl);
    const stores = await openTranslationStores(db.url);
    return {
      stores,
      teardown: async () => {
        await stores.close();
        await db.drop();
      },
    };
  });
} else {
  describe.skip('translation stores contract: postgres (DATABASE_URL not set)', () => {
    it('needs DATABASE_URL=postgres://…', () => {});
  });
}
