/** The glossary contract on PostgreSQL, when DATABASE_URL names one: a scratch database per test. */
import { describe, it } from 'vitest';
import { openTranslationStores } from '../../server/src/tm/open';
import { createScratchDatabase, postgresUrlFromEnv } from './scratchDatabase';
import { runGlossaryContract } from './glossary.contract';

const adminUrl = postgresUrlFromEnv();

if (adminUrl) {
  runGlossaryContract('postgres', async () => {
    const db = await createScratchDatabase(adminUrl);
    const stores = await openTranslationStores(db.url);
    return {
      glossary: stores.glossary,
      teardown: async () => {
        await stores.close();
        await db.drop();
      },
    };
  });
} else {
  describe.skip('glossary contract: postgres (DATABASE_URL not set)', () => {
    it('needs DATABASE_URL=postgres://…', () => {});
  });
}
