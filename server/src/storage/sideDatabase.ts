/**
 * A connection of their own for the stores that live beside the update log (translation
 * memory, glossary, history): a second better-sqlite3 handle on the same file (WAL lets it
 * read while the log writes), or a small pg pool whose schema is created under an advisory
 * lock, so instances starting together do not race on CREATE.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { withPgTransaction } from './transaction';

export type SideDatabase =
  | { kind: 'sqlite'; db: Database.Database; close(): Promise<void> }
  | { kind: 'postgres'; pool: pg.Pool; close(): Promise<void> };

export interface SideDatabaseOptions {
  /** SQL run once at start on PostgreSQL (idempotent: CREATE … IF NOT EXISTS). */
  postgresSchema: string;
  /** Two-key advisory lock that serialises this schema's creation across instances. */
  migrationLock: readonly [number, number];
}

export async function openSideDatabase(url: string, options: SideDatabaseOptions): Promise<SideDatabase> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || './data/plenary.db';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return {
      kind: 'sqlite',
      db,
      close: async () => {
        if (db.open) db.close();
      },
    };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on next use.
    });
    try {
      await withPgTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...options.migrationLock]);
        await client.query(options.postgresSchema);
      });
    } catch (err) {
      await pool.end();
      throw err;
    }
    return { kind: 'postgres', pool, close: () => pool.end() };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}
