/** Versions and authorship on SQLite (its own connection to the database file). */
import type Database from 'better-sqlite3';
import type { HistoryStore, RoomState, VersionRecord } from './store';
import { withSqliteTransaction } from '../storage/transaction';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id TEXT NOT NULL,
  label TEXT NOT NULL,
  auto INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_report ON versions (report_id, id);
CREATE TABLE IF NOT EXISTS version_states (
  version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  room TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (version_id, room)
);
CREATE TABLE IF NOT EXISTS room_authors (
  room TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  PRIMARY KEY (room, client_id)
);
`;

interface Row { id: number; report_id: string; label: string; auto: number; created_by: string; created_at: number }
const toRecord = (r: Row): VersionRecord => ({
  id: r.id, reportId: r.report_id, label: r.label, auto: r.auto === 1, createdBy: r.created_by, createdAt: r.created_at,
});

export class SqliteHistoryStore implements HistoryStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.stmt = {
      insert: db.prepare('INSERT INTO versions (report_id, label, auto, created_by, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertState: db.prepare('INSERT INTO version_states (version_id, room, state) VALUES (?, ?, ?)'),
      list: db.prepare('SELECT * FROM versions WHERE report_id = ? ORDER BY id DESC'),
      get: db.prepare('SELECT * FROM versions WHERE report_id = ? AND id = ?'),
      state: db.prepare('SELECT state FROM version_states WHERE version_id = ? AND room = ?'),
      author: db.prepare('INSERT OR IGNORE INTO room_authors (room, client_id, user_name) VALUES (?, ?, ?)'),
      authors: db.prepare('SELECT client_id, user_name FROM room_authors WHERE room = ?'),
    };
  }

  async createVersion(v: Omit<VersionRecord, 'id'>, states: readonly RoomState[]): Promise<VersionRecord> {
    return withSqliteTransaction(this.db, () => {
      const id = Number(this.stmt.insert.run(v.reportId, v.label, v.auto ? 1 : 0, v.createdBy, v.createdAt).lastInsertRowid);
      for (const s of states) this.stmt.insertState.run(id, s.room, Buffer.from(s.state));
      return { ...v, id };
    });
  }

  async listVersions(reportId: string) {
    return (this.stmt.list.all(reportId) as Row[]).map(toRecord);
  }

  async getVersion(reportId: string, id: number) {
    const row = this.stmt.get.get(reportId, id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async versionState(versionId: number, room: string) {
    const row = this.stmt.state.get(versionId, room) as { state: Buffer } | undefined;
    return row ? new Uint8Array(row.state) : null;
  }

  async recordAuthors(room: string, entries: readonly { clientId: number; userName: string }[]) {
    withSqliteTransaction(this.db, () => {
      for (const e of entries) this.stmt.author.run(room, e.clientId, e.userName);
    });
  }

  async authors(room: string) {
    const rows = this.stmt.authors.all(room) as { client_id: number; user_name: string }[];
    return new Map(rows.map((r) => [r.client_id, r.user_name]));
  }

  async close() {}
}
