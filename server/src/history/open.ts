/** Opens the history store on DATABASE_URL with a connection of its own (as tm/open.ts does). */
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistoryStore } from './store';
import { SqliteHistoryStore } from './sqlite';
import { HISTORY_SCHEMA, PostgresHistoryStore } from './postgres';

const MIGRATION_LOCK = [10, 2] as const;

export async function openHistoryStore(url: string): Promise<HistoryStore> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || './data/plenary.db';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const store = new SqliteHistoryStore(db);
    store.close = async () => {
      if (db.open) db.close();
    };
    return store;
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query(HISTORY_SCHEMA);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
    await pool.end();
    throw err;
  }
  client.release();
  const store = new PostgresHistoryStore(pool);
  store.close = () => pool.end();
  return store;
}
