/**
 * One transaction helper per database, used by every store (log, directory, history,
 * translation memory, schema creation), so they all commit, roll back and recover alike.
 *
 * PostgreSQL: BEGIN, `fn`, COMMIT on one pool client. On failure ROLLBACK; a client whose
 * ROLLBACK fails too is broken (its connection is gone or its state unknown), so it is
 * destroyed instead of going back to the pool. The original error is the one thrown.
 *
 * SQLite: better-sqlite3's own transaction (BEGIN … COMMIT, ROLLBACK on a throw), synchronous
 * underneath; `immediate` takes the write lock at BEGIN, for read-then-write decisions.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export async function withPgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query('BEGIN');
    result = await fn(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw err;
  }
  client.release();
  return result;
}

export function withSqliteTransaction<T>(db: Database.Database, fn: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
  const tx = db.transaction(fn);
  return mode === 'immediate' ? tx.immediate() : tx();
}
