/**
 * Embedded storage on SQLite (better-sqlite3, WAL). Statements run synchronously and are
 * wrapped in promises to share the Storage interface with PostgreSQL. Every write resolves
 * once its transaction survives power loss, not only a process crash: by default (`FULL`) the
 * WAL is fdatasynced off the event loop after the commit (walSync.ts), shared by the commits
 * that overlap; `FULL_INLINE` is SQLite's own `synchronous=FULL` (the fsync inside the commit,
 * on the event loop); `NORMAL` skips the fsync (a process crash loses nothing, a power loss
 * the last commits). The room layer batches appends from one event-loop turn into one
 * transaction.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role } from '../../../shared/src/roles';
import { sqliteQuarantine } from './sqliteQuarantine';
import type { QuarantineStore } from './quarantine';
import type { AppendEntry, LoadedRoom, MemberRecord, ReportRecord, Storage, UserRecord } from './types';
import { withSqliteTransaction } from './transaction';
import { WalSync } from './walSync';

/** How a write becomes durable (PLENARY_SQLITE_SYNC). */
export type SqliteSync = 'FULL' | 'FULL_INLINE' | 'NORMAL';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS room_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS room_updates_room_seq ON room_updates (room, seq);
CREATE TABLE IF NOT EXISTS room_snapshots (
  room TEXT PRIMARY KEY,
  state BLOB NOT NULL,
  upto_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  symbol TEXT NOT NULL DEFAULT '',
  original_language TEXT NOT NULL,
  languages TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  languages TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (report_id, user_id)
);
CREATE INDEX IF NOT EXISTS members_user ON members (user_id);
`;

interface ReportRow {
  id: string; title: string; symbol: string; original_language: string; languages: string;
  created_by: string; created_at: number;
}
interface UserRow { id: string; name: string; password_hash: string; is_admin: number; created_at: number }
interface MemberRow { report_id: string; user_id: string; user_name: string; role: string; languages: string }

const toReport = (r: ReportRow): ReportRecord => ({
  id: r.id, title: r.title, symbol: r.symbol, originalLanguage: r.original_language,
  languages: JSON.parse(r.languages) as string[], createdBy: r.created_by, createdAt: r.created_at,
});
const toUser = (r: UserRow): UserRecord => ({
  id: r.id, name: r.name, passwordHash: r.password_hash, isAdmin: r.is_admin === 1, createdAt: r.created_at,
});
const toMember = (r: MemberRow): MemberRecord => ({
  reportId: r.report_id, userId: r.user_id, userName: r.user_name, role: r.role as Role,
  languages: JSON.parse(r.languages) as string[],
});

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly quarantined: QuarantineStore;
  /** Null for in-memory databases and the FULL_INLINE and NORMAL modes. */
  private readonly wal: WalSync | null;

  constructor(file: string, options: { synchronous?: SqliteSync } = {}) {
    const mode = options.synchronous ?? 'FULL';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${mode === 'FULL_INLINE' ? 'FULL' : 'NORMAL'}`);
    this.wal = mode === 'FULL' && file !== ':memory:' ? new WalSync(`${this.db.name}-wal`) : null;
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.quarantined = sqliteQuarantine(this.db);
    const db = this.db;
    this.stmt = {
      append: db.prepare('INSERT INTO room_updates (room, data) VALUES (?, ?)'),
      snapshot: db.prepare('SELECT state, upto_seq FROM room_snapshots WHERE room = ?'),
      updatesAfter: db.prepare('SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? ORDER BY seq'),
      updatesBetween: db.prepare('SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq'),
      countAfter: db.prepare('SELECT count(*) AS n FROM room_updates WHERE room = ? AND seq > ?'),
      upsertSnapshot: db.prepare(`INSERT INTO room_snapshots (room, state, upto_seq) VALUES (?, ?, ?)
        ON CONFLICT (room) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq
        WHERE excluded.upto_seq > room_snapshots.upto_seq`),
      prune: db.prepare('DELETE FROM room_updates WHERE room = ? AND seq <= ?'),
      insertUser: db.prepare('INSERT INTO users (id, name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?)'),
      countUsers: db.prepare('SELECT count(*) AS n FROM users'),
      userByName: db.prepare('SELECT * FROM users WHERE name = ?'),
      userById: db.prepare('SELECT * FROM users WHERE id = ?'),
      insertReport: db.prepare(`INSERT INTO reports (id, title, symbol, original_language, languages, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      reportById: db.prepare('SELECT * FROM reports WHERE id = ?'),
      updateTitle: db.prepare('UPDATE reports SET title = ? WHERE id = ?'),
      reportsForUser: db.prepare(`SELECT r.*, m.role FROM reports r JOIN members m ON m.report_id = r.id
        WHERE m.user_id = ? ORDER BY r.created_at DESC, r.id`),
      members: db.prepare(`SELECT m.*, u.name AS user_name FROM members m JOIN users u ON u.id = m.user_id
        WHERE m.report_id = ? ORDER BY u.name`),
      member: db.prepare(`SELECT m.*, u.name AS user_name FROM members m JOIN users u ON u.id = m.user_id
        WHERE m.report_id = ? AND m.user_id = ?`),
      upsertMember: db.prepare(`INSERT INTO members (report_id, user_id, role, languages) VALUES (?, ?, ?, ?)
        ON CONFLICT (report_id, user_id) DO UPDATE SET role = excluded.role, languages = excluded.languages`),
      deleteMember: db.prepare('DELETE FROM members WHERE report_id = ? AND user_id = ?'),
    };
  }

  async appendUpdates(entries: readonly AppendEntry[]): Promise<number[]> {
    const seqs: number[] = [];
    withSqliteTransaction(this.db, () => {
      for (const e of entries) seqs.push(Number(this.stmt.append.run(e.room, Buffer.from(e.update)).lastInsertRowid));
    });
    await this.durable();
    return seqs;
  }

  async loadRoom(room: string): Promise<LoadedRoom> {
    return withSqliteTransaction(this.db, (): LoadedRoom => {
      const snap = this.stmt.snapshot.get(room) as { state: Buffer; upto_seq: number } | undefined;
      const snapshotSeq = snap?.upto_seq ?? 0;
      const rows = this.stmt.updatesAfter.all(room, snapshotSeq) as { seq: number; data: Buffer }[];
      return {
        snapshot: snap ? new Uint8Array(snap.state) : null,
        snapshotSeq,
        updates: rows.map((r) => new Uint8Array(r.data)),
        updateSeqs: rows.map((r) => r.seq),
        lastSeq: rows.length ? rows[rows.length - 1].seq : snapshotSeq,
      };
    });
  }

  async countUpdates(room: string): Promise<number> {
    const snap = this.stmt.snapshot.get(room) as { upto_seq: number } | undefined;
    return (this.stmt.countAfter.get(room, snap?.upto_seq ?? 0) as { n: number }).n;
  }

  async readUpdates(room: string, afterSeq: number, uptoSeq?: number) {
    const rows = (uptoSeq === undefined
      ? this.stmt.updatesAfter.all(room, afterSeq)
      : this.stmt.updatesBetween.all(room, afterSeq, uptoSeq)) as { seq: number; data: Buffer }[];
    return rows.map((r) => ({ seq: r.seq, update: new Uint8Array(r.data) }));
  }

  async writeSnapshot(room: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    this.stmt.upsertSnapshot.run(room, Buffer.from(state), uptoSeq);
    await this.durable();
  }

  async pruneUpdates(room: string, uptoSeq: number): Promise<number> {
    // Never prune past what a stored snapshot covers.
    const snap = this.stmt.snapshot.get(room) as { upto_seq: number } | undefined;
    const limit = Math.min(uptoSeq, snap?.upto_seq ?? 0);
    const pruned = this.stmt.prune.run(room, limit).changes;
    await this.durable();
    return pruned;
  }

  quarantine: QuarantineStore['quarantine'] = async (room, rows) => {
    const moved = await this.quarantined.quarantine(room, rows);
    await this.durable();
    return moved;
  };
  listQuarantine: QuarantineStore['listQuarantine'] = (limit) => this.quarantined.listQuarantine(limit);
  quarantinedBytes: QuarantineStore['quarantinedBytes'] = (id) => this.quarantined.quarantinedBytes(id);

  async createUser(user: Omit<UserRecord, 'isAdmin' | 'createdAt'>): Promise<UserRecord> {
    const created = withSqliteTransaction(this.db, (): UserRecord => {
      const isAdmin = (this.stmt.countUsers.get() as { n: number }).n === 0;
      const createdAt = Date.now();
      this.stmt.insertUser.run(user.id, user.name, user.passwordHash, isAdmin ? 1 : 0, createdAt);
      return { ...user, isAdmin, createdAt };
    }, 'immediate');
    await this.durable();
    return created;
  }

  async getUserByName(name: string) {
    const row = this.stmt.userByName.get(name) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async getUserById(id: string) {
    const row = this.stmt.userById.get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async countUsers() {
    return (this.stmt.countUsers.get() as { n: number }).n;
  }

  async createReport(r: ReportRecord): Promise<void> {
    withSqliteTransaction(this.db, () => {
      this.stmt.insertReport.run(r.id, r.title, r.symbol, r.originalLanguage, JSON.stringify(r.languages), r.createdBy, r.createdAt);
      this.stmt.upsertMember.run(r.id, r.createdBy, 'owner', '[]');
    });
    await this.durable();
  }

  async getReport(id: string) {
    const row = this.stmt.reportById.get(id) as ReportRow | undefined;
    return row ? toReport(row) : null;
  }

  async updateReportTitle(id: string, title: string) {
    this.stmt.updateTitle.run(title, id);
    await this.durable();
  }

  async listReportsForUser(userId: string) {
    const rows = this.stmt.reportsForUser.all(userId) as (ReportRow & { role: string })[];
    return rows.map((r) => ({ ...toReport(r), role: r.role as Role }));
  }

  async listMembers(reportId: string) {
    return (this.stmt.members.all(reportId) as MemberRow[]).map(toMember);
  }

  async getMember(reportId: string, userId: string) {
    const row = this.stmt.member.get(reportId, userId) as MemberRow | undefined;
    return row ? toMember(row) : null;
  }

  async setMember(reportId: string, userId: string, role: Role, languages: string[]) {
    this.stmt.upsertMember.run(reportId, userId, role, JSON.stringify(languages));
    await this.durable();
  }

  async removeMember(reportId: string, userId: string) {
    const removed = this.stmt.deleteMember.run(reportId, userId).changes > 0;
    await this.durable();
    return removed;
  }

  /** Resolves once every transaction committed so far is on disk (a no-op but in FULL mode). */
  private durable(): Promise<void> {
    return this.wal ? this.wal.durable() : Promise.resolve();
  }

  /** Commits and WAL syncs so far (FULL mode; the bench reports how many commits shared one). */
  get walStats() {
    return this.wal?.stats ?? null;
  }

  async close(): Promise<void> {
    await this.wal?.close();
    if (this.db.open) this.db.close();
  }
}
