/**
 * Storage on PostgreSQL (`pg` pool), for several Plenary instances sharing one database.
 * Same semantics as sqlite.ts; runs the same contract suite.
 *
 * Invariants beyond the Storage interface:
 * - Within one room, log seqs are assigned in commit order: an append takes a per-room
 *   advisory transaction lock before its rows get their seqs. A reader that has seen seq S of
 *   a room will never later see a smaller seq of that room appear, so "rows after S" is a
 *   safe catch-up cursor (a plain BIGSERIAL gives no such promise across transactions).
 * - loadRoom and countUpdates read snapshot and rows in one statement (one MVCC snapshot), so
 *   a concurrent compaction on another instance cannot make rows disappear between the two.
 * - Migrations (postgresSchema.ts) run once, in a transaction, under an advisory lock.
 */
import pg from 'pg';
import type { Role } from '../../../shared/src/roles';
import { postgresQuarantine } from './postgresQuarantine';
import type { QuarantineStore } from './quarantine';
import type { AppendEntry, LoadedRoom, MemberRecord, ReportRecord, Storage, UserRecord } from './types';
import { LockSpace, migrate } from './postgresSchema';
import { withPgTransaction } from './transaction';

interface ReportRow {
  id: string; title: string; symbol: string; original_language: string; languages: string[];
  created_by: string; created_at: string;
}
interface UserRow { id: string; name: string; password_hash: string; is_admin: boolean; created_at: string }
interface MemberRow { report_id: string; user_id: string; user_name: string; role: string; languages: string[] }

// BIGINT comes back from pg as a string; our values (ms timestamps, seqs) fit in a double.
const toReport = (r: ReportRow): ReportRecord => ({
  id: r.id, title: r.title, symbol: r.symbol, originalLanguage: r.original_language,
  languages: r.languages, createdBy: r.created_by, createdAt: Number(r.created_at),
});
const toUser = (r: UserRow): UserRecord => ({
  id: r.id, name: r.name, passwordHash: r.password_hash, isAdmin: r.is_admin, createdAt: Number(r.created_at),
});
const toMember = (r: MemberRow): MemberRecord => ({
  reportId: r.report_id, userId: r.user_id, userName: r.user_name, role: r.role as Role, languages: r.languages,
});
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** A stable signed 32-bit key for a room name (FNV-1a); collisions only cost extra waiting. */
export function roomLockKey(room: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(room, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h | 0;
}

export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  private readonly quarantined: QuarantineStore;

  private constructor(
    private readonly pool: pg.Pool,
    /**
     * Sessions that hold room locks. Separate from `pool`: a lock holder's work needs pool
     * clients, so holders drawing from the same pool could take them all and wait forever.
     * Its size also bounds how many rooms one instance compacts at once.
     */
    private readonly lockPool: pg.Pool,
  ) {
    this.quarantined = postgresQuarantine(pool, async (client, room) => {
      await client.query('SELECT pg_advisory_xact_lock($1::int4, $2::int4)', [LockSpace.roomAppend, roomLockKey(room)]);
    });
  }

  static async connect(url: string, options: { max?: number; maxLocks?: number } = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
    const lockPool = new pg.Pool({ connectionString: url, max: options.maxLocks ?? 2 });
    // An idle client losing its connection emits here; without a listener it would crash the
    // process. The pool replaces the client; the next query reports any lasting outage.
    pool.on('error', () => {});
    lockPool.on('error', () => {});
    try {
      await migrate(pool);
    } catch (err) {
      await Promise.all([pool.end(), lockPool.end()]).catch(() => {});
      throw err;
    }
    return new PostgresStorage(pool, lockPool);
  }

  async appendUpdates(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    // Sorted keys: every append locks in the same order, so two batches cannot deadlock.
    const keys = [...new Set(entries.map((e) => roomLockKey(e.room)))].sort((a, b) => a - b);
    return withPgTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::int4, k) FROM unnest($2::int4[]) AS k', [LockSpace.roomAppend, keys]);
      const { rows } = await client.query<{ seq: string }>(
        'INSERT INTO room_updates (room, data) SELECT * FROM unnest($1::text[], $2::bytea[]) RETURNING seq',
        [entries.map((e) => e.room), entries.map((e) => Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength))],
      );
      // Rows take nextval in input order, so ascending seqs map onto the entries in order.
      return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
    });
  }

  async loadRoom(room: string): Promise<LoadedRoom> {
    const { rows } = await this.pool.query<{ seq: string | null; data: Buffer; upto_seq: string | null }>(
      `WITH s AS (SELECT state, upto_seq FROM room_snapshots WHERE room = $1)
       SELECT NULL::bigint AS seq, state AS data, upto_seq FROM s
       UNION ALL
       SELECT u.seq, u.data, NULL FROM room_updates u
        WHERE u.room = $1 AND u.seq > COALESCE((SELECT upto_seq FROM s), 0)
       ORDER BY seq NULLS FIRST`,
      [room],
    );
    const snap = rows[0]?.seq === null ? rows[0] : undefined;
    const updates = snap ? rows.slice(1) : rows;
    const snapshotSeq = snap ? Number(snap.upto_seq) : 0;
    return {
      snapshot: snap ? bytes(snap.data) : null,
      snapshotSeq,
      updates: updates.map((r) => bytes(r.data)),
      updateSeqs: updates.map((r) => Number(r.seq)),
      lastSeq: updates.length ? Number(updates[updates.length - 1].seq) : snapshotSeq,
    };
  }

  async countUpdates(room: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM room_updates
        WHERE room = $1 AND seq > COALESCE((SELECT upto_seq FROM room_snapshots WHERE room = $1), 0)`,
      [room],
    );
    return rows[0].n;
  }

  async readUpdates(room: string, afterSeq: number, uptoSeq?: number) {
    const { rows } = await this.pool.query<{ seq: string; data: Buffer }>(
      `SELECT seq, data FROM room_updates WHERE room = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3)
        ORDER BY seq`,
      [room, afterSeq, uptoSeq ?? null],
    );
    return rows.map((r) => ({ seq: Number(r.seq), update: bytes(r.data) }));
  }

  async writeSnapshot(room: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO room_snapshots (room, state, upto_seq) VALUES ($1, $2, $3)
       ON CONFLICT (room) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq
        WHERE excluded.upto_seq > room_snapshots.upto_seq`,
      [room, Buffer.from(state.buffer, state.byteOffset, state.byteLength), uptoSeq],
    );
  }

  async pruneUpdates(room: string, uptoSeq: number): Promise<number> {
    // Never prune past what the stored snapshot covers.
    const result = await this.pool.query(
      `DELETE FROM room_updates WHERE room = $1
         AND seq <= LEAST($2::bigint, COALESCE((SELECT upto_seq FROM room_snapshots WHERE room = $1), 0))`,
      [room, uptoSeq],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Runs `fn` while holding this room's maintenance lock, or returns null at once if another
   * instance holds it. A session lock on a dedicated client: if the instance dies, PostgreSQL
   * ends the session and frees the lock.
   */
  async withRoomLock<T>(room: string, fn: () => Promise<T>): Promise<T | null> {
    const key = roomLockKey(room);
    const client = await this.lockPool.connect();
    let healthy = true;
    try {
      const locked = await client
        .query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int4, $2::int4) AS ok', [LockSpace.roomMaintenance, key])
        .catch((err: unknown) => {
          healthy = false;
          throw err;
        });
      if (!locked.rows[0].ok) return null;
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::int4, $2::int4)', [LockSpace.roomMaintenance, key]).catch(() => {
          healthy = false;
        });
      }
    } finally {
      // A client that may still hold the lock must not go back to the pool: destroy it.
      client.release(!healthy);
    }
  }

  quarantine: QuarantineStore['quarantine'] = (room, rows) => this.quarantined.quarantine(room, rows);
  listQuarantine: QuarantineStore['listQuarantine'] = (limit) => this.quarantined.listQuarantine(limit);
  quarantinedBytes: QuarantineStore['quarantinedBytes'] = (id) => this.quarantined.quarantinedBytes(id);

  async createUser(user: Omit<UserRecord, 'isAdmin' | 'createdAt'>): Promise<UserRecord> {
    return withPgTransaction(this.pool, async (client) => {
      // Serializes sign-ups (and only them) so exactly one first user becomes admin.
      await client.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
      const { rows } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty');
      const isAdmin = rows[0].empty;
      const createdAt = Date.now();
      await client.query('INSERT INTO users (id, name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4, $5)', [
        user.id, user.name, user.passwordHash, isAdmin, createdAt,
      ]);
      return { ...user, isAdmin, createdAt };
    });
  }

  async getUserByName(name: string) {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE lower(name) = lower($1)', [name]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async getUserById(id: string) {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async countUsers() {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0].n;
  }

  async createReport(r: ReportRecord): Promise<void> {
    await withPgTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO reports (id, title, symbol, original_language, languages, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [r.id, r.title, r.symbol, r.originalLanguage, JSON.stringify(r.languages), r.createdBy, r.createdAt],
      );
      await client.query(MEMBER_UPSERT, [r.id, r.createdBy, 'owner', '[]']);
    });
  }

  async getReport(id: string) {
    const { rows } = await this.pool.query<ReportRow>('SELECT * FROM reports WHERE id = $1', [id]);
    return rows[0] ? toReport(rows[0]) : null;
  }

  async updateReportTitle(id: string, title: string) {
    await this.pool.query('UPDATE reports SET title = $1 WHERE id = $2', [title, id]);
  }

  async listReportsForUser(userId: string) {
    const { rows } = await this.pool.query<ReportRow & { role: string }>(
      `SELECT r.*, m.role FROM reports r JOIN members m ON m.report_id = r.id
        WHERE m.user_id = $1 ORDER BY r.created_at DESC, r.id COLLATE "C"`,
      [userId],
    );
    return rows.map((r) => ({ ...toReport(r), role: r.role as Role }));
  }

  async listMembers(reportId: string) {
    // Case-insensitive order, like SQLite's NOCASE column.
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT m.*, u.name AS user_name FROM members m JOIN users u ON u.id = m.user_id
        WHERE m.report_id = $1 ORDER BY lower(u.name), u.name`,
      [reportId],
    );
    return rows.map(toMember);
  }

  async getMember(reportId: string, userId: string) {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT m.*, u.name AS user_name FROM members m JOIN users u ON u.id = m.user_id
        WHERE m.report_id = $1 AND m.user_id = $2`,
      [reportId, userId],
    );
    return rows[0] ? toMember(rows[0]) : null;
  }

  async setMember(reportId: string, userId: string, role: Role, languages: string[]) {
    await this.pool.query(MEMBER_UPSERT, [reportId, userId, role, JSON.stringify(languages)]);
  }

  async removeMember(reportId: string, userId: string) {
    const result = await this.pool.query('DELETE FROM members WHERE report_id = $1 AND user_id = $2', [reportId, userId]);
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool, this.lockPool].map((p) => (p.ended ? undefined : p.end())));
  }
}

const MEMBER_UPSERT = `INSERT INTO members (report_id, user_id, role, languages) VALUES ($1, $2, $3, $4::jsonb)
  ON CONFLICT (report_id, user_id) DO UPDATE SET role = excluded.role, languages = excluded.languages`;
