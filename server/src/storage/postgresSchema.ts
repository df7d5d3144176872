/**
 * The PostgreSQL schema of the log and the directory: numbered migrations, applied once per
 * database in one transaction under an advisory lock, so instances starting together wait for
 * each other instead of racing on CREATE TABLE. Append only: never edit a shipped migration.
 */
import type pg from 'pg';
import { withPgTransaction } from './transaction';
import { POSTGRES_QUARANTINE_MIGRATION } from './postgresQuarantine';

/** Advisory-lock namespaces (first key of the two-key form; the bigint form is a separate space). */
export const LockSpace = { migrations: 1, roomAppend: 2, roomMaintenance: 3 } as const;

/** Numbered migrations; append only, never edit one that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE room_updates (
     seq BIGSERIAL PRIMARY KEY,
     room TEXT NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE INDEX room_updates_room_seq ON room_updates (room, seq);
   CREATE TABLE room_snapshots (
     room TEXT PRIMARY KEY,
     state BYTEA NOT NULL,
     upto_seq BIGINT NOT NULL
   );
   CREATE TABLE users (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     is_admin BOOLEAN NOT NULL DEFAULT false,
     created_at BIGINT NOT NULL
   );
   CREATE UNIQUE INDEX users_name_ci ON users (lower(name));
   CREATE TABLE reports (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     symbol TEXT NOT NULL DEFAULT '',
     original_language TEXT NOT NULL,
     languages JSONB NOT NULL,
     created_by TEXT NOT NULL REFERENCES users(id),
     created_at BIGINT NOT NULL
   );
   CREATE TABLE members (
     report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id),
     role TEXT NOT NULL,
     languages JSONB NOT NULL DEFAULT '[]',
     PRIMARY KEY (report_id, user_id)
   );
   CREATE INDEX members_user ON members (user_id);`,
  POSTGRES_QUARANTINE_MIGRATION,
];

/** Applies the migrations this database lacks, one transaction, under the migration lock. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await withPgTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::int4, 0)', [LockSpace.migrations]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INT PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0].v ?? 0;
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
  });
}
