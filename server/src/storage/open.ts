/** Picks the storage implementation from DATABASE_URL (`sqlite:<path>` or `postgres://…`). */
import type { Storage } from './types';
import { SqliteStorage, type SqliteSync } from './sqlite';

export async function openStorage(url: string, options: { sqliteSynchronous?: SqliteSync } = {}): Promise<Storage> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || './data/plenary.db';
    return new SqliteStorage(file, { synchronous: options.sqliteSynchronous });
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { PostgresStorage } = await import('./postgres');
    return PostgresStorage.connect(url);
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}
