/** The translation stores' contract on SQLite: a fresh database file per test, and in memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTranslationStores } from '../../server/src/tm/open';
import { runTranslationStoresContract } from './translationStores.contract';

runTranslationStoresContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-tm-'));
  const stores = await openTranslationStores(`sqlite:${join(dir, 'plenary.db')}`);
  return {
    stores,
    teardown: async () => {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

runTranslationStoresContract('sqlite in memory', async () => {
  const stores = await openTranslationStores('sqlite::memory:');
  return { stores, teardown: () => stores.close() };
});
