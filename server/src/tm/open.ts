/**
 * Opens the translation stores (memory and glossary) on the database DATABASE_URL names, with
 * a connection of their own: a second better-sqlite3 handle on the same file (WAL lets it
 * read while the update log writes), a separate in-memory database for `sqlite::memory:`, or
 * a small pg pool. Tables are created if missing; on PostgreSQL under an advisory lock, so
 * instances starting together do not race on CREATE.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TranslationMemory } from './types';
import type { GlossaryStore } from '../glossary/types';
import { SqliteTranslationMemory } from './sqlite';
import { PostgresTranslationMemory, TM_RECOUNT, TM_SCHEMA } from './postgres';
import { SqliteGlossary } from '../glossary/sqlite';
import { GLOSSARY_SCHEMA, PostgresGlossary } from '../glossary/postgres';

export interface TranslationStores {
  tm: TranslationMemory;
  glossary: GlossaryStore;
  close(): Promise<void>;
}

/** Advisory lock (two-key form) that serialises the translation stores' migrations. */
const MIGRATION_LOCK = [10, 1] as const;

export async function openTranslationStores(url: string): Promise<TranslationStores> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || './data/plenary.db';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    return {
      tm: new SqliteTranslationMemory(db),
      glossary: new SqliteGlossary(db),
      close: async () => {
        db.close();
      },
    };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on next use.
    });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
      await client.query(TM_SCHEMA + GLOSSARY_SCHEMA + TM_RECOUNT);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
      await pool.end();
      throw err;
    }
    client.release();
    return { tm: new PostgresTranslationMemory(pool), glossary: new PostgresGlossary(pool), close: () => pool.end() };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}
