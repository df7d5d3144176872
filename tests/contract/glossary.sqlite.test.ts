/** The glossary contract on SQLite (in memory: the store has no file-specific behaviour). */
import { openTranslationStores } from '../../server/src/tm/open';
import { runGlossaryContract } from './glossary.contract';

runGlossaryContract('sqlite', async () => {
  const stores = await openTranslationStores('sqlite::memory:');
  return { glossary: stores.glossary, teardown: () => stores.close() };
});
