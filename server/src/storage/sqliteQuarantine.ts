/** The quarantine table on SQLite (storage/quarantine.ts): one transaction per move. */
import type Database from 'better-sqlite3';
import { MAX_QUARANTINE_ERROR, type QuarantineKind, type QuarantineRecord, type QuarantineRequest, type QuarantineStore } from './quarantine';

export const SQLITE_QUARANTINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS room_quarantine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  kind TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  error TEXT NOT NULL,
  at INTEGER NOT NULL
);`;

interface Row { id: number; room: string; kind: string; seq: number; error: string; bytes: number; at: number }
const toRecord = (r: Row): QuarantineRecord => ({ ...r, kind: r.kind as QuarantineKind });

export function sqliteQuarantine(db: Database.Database): QuarantineStore {
  db.exec(SQLITE_QUARANTINE_SCHEMA);
  const stmt = {
    moveUpdate: db.prepare(`INSERT INTO room_quarantine (room, kind, seq, data, error, at)
      SELECT room, 'update', seq, data, ?, ? FROM room_updates WHERE room = ? AND seq = ?`),
    deleteUpdate: db.prepare('DELETE FROM room_updates WHERE room = ? AND seq = ?'),
    moveSnapshot: db.prepare(`INSERT INTO room_quarantine (room, kind, seq, data, error, at)
      SELECT room, 'snapshot', upto_seq, state, ?, ? FROM room_snapshots WHERE room = ? AND upto_seq = ?`),
    deleteSnapshot: db.prepare('DELETE FROM room_snapshots WHERE room = ? AND upto_seq = ?'),
    list: db.prepare('SELECT id, room, kind, seq, error, length(data) AS bytes, at FROM room_quarantine ORDER BY id DESC LIMIT ?'),
    one: db.prepare('SELECT id, room, kind, seq, error, length(data) AS bytes, at, data FROM room_quarantine WHERE id = ?'),
  };
  return {
    async quarantine(room: string, rows: readonly QuarantineRequest[]) {
      return db.transaction(() => {
        let moved = 0;
        const at = Date.now();
        for (const r of rows) {
          const error = r.error.slice(0, MAX_QUARANTINE_ERROR);
          const [move, remove] = r.kind === 'update' ? [stmt.moveUpdate, stmt.deleteUpdate] : [stmt.moveSnapshot, stmt.deleteSnapshot];
          if (move.run(error, at, room, r.seq).changes > 0) moved += remove.run(room, r.seq).changes;
        }
        return moved;
      }).immediate();
    },
    async listQuarantine(limit = 500) {
      return (stmt.list.all(limit) as Row[]).map(toRecord);
    },
    async quarantinedBytes(id: number) {
      const row = stmt.one.get(id) as (Row & { data: Buffer }) | undefined;
      if (!row) return null;
      const { data, ...rest } = row;
      return { record: toRecord(rest), data: new Uint8Array(data) };
    },
  };
}
