/** Opens the history store on DATABASE_URL with a connection of its own (storage/sideDatabase.ts). */
import type { HistoryStore } from './store';
import { SqliteHistoryStore } from './sqlite';
import { HISTORY_SCHEMA, PostgresHistoryStore } from './postgres';
import { openSideDatabase } from '../storage/sideDatabase';

export async function openHistoryStore(url: string): Promise<HistoryStore> {
  const side = await openSideDatabase(url, { postgresSchema: HISTORY_SCHEMA, migrationLock: [10, 2] });
  const store = side.kind === 'sqlite' ? new SqliteHistoryStore(side.db) : new PostgresHistoryStore(side.pool);
  store.close = side.close;
  return store;
}
