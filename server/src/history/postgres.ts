/** Versions and authorship on PostgreSQL (a pool of its own). */
import type pg from 'pg';
import type { HistoryStore, RoomState, VersionRecord } from './store';
import { withPgTransaction } from '../storage/transaction';

export const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS versions (
  id BIGSERIAL PRIMARY KEY,
  report_id TEXT NOT NULL,
  label TEXT NOT NULL,
  auto BOOLEAN NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_report ON versions (report_id, id);
CREATE TABLE IF NOT EXISTS version_states (
  version_id BIGINT NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  room TEXT NOT NULL,
  state BYTEA NOT NULL,
  PRIMARY KEY (version_id, room)
);
CREATE TABLE IF NOT EXISTS room_authors (
  room TEXT NOT NULL,
  client_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  PRIMARY KEY (room, client_id)
);
`;

interface Row { id: string; report_id: string; label: string; auto: boolean; created_by: string; created_at: string }
const toRecord = (r: Row): VersionRecord => ({
  id: Number(r.id), reportId: r.report_id, label: r.label, auto: r.auto, createdBy: r.created_by, createdAt: Number(r.created_at),
});

export class PostgresHistoryStore implements HistoryStore {
  constructor(private readonly pool: pg.Pool) {}

  async createVersion(v: Omit<VersionRecord, 'id'>, states: readonly RoomState[]): Promise<VersionRecord> {
    return withPgTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO versions (report_id, label, auto, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [v.reportId, v.label, v.auto, v.createdBy, v.createdAt],
      );
      const id = Number(rows[0].id);
      for (const s of states) {
        await client.query('INSERT INTO version_states (version_id, room, state) VALUES ($1, $2, $3)', [id, s.room, Buffer.from(s.state)]);
      }
      return { ...v, id };
    });
  }

  async listVersions(reportId: string) {
    const { rows } = await this.pool.query<Row>('SELECT * FROM versions WHERE report_id = $1 ORDER BY id DESC', [reportId]);
    return rows.map(toRecord);
  }

  async getVersion(reportId: string, id: number) {
    const { rows } = await this.pool.query<Row>('SELECT * FROM versions WHERE report_id = $1 AND id = $2', [reportId, id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async versionState(versionId: number, room: string) {
    const { rows } = await this.pool.query<{ state: Buffer }>('SELECT state FROM version_states WHERE version_id = $1 AND room = $2', [versionId, room]);
    return rows[0] ? new Uint8Array(rows[0].state) : null;
  }

  async recordAuthors(room: string, entries: readonly { clientId: number; userName: string }[]) {
    if (entries.length === 0) return;
    const values = entries.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ');
    await this.pool.query(
      `INSERT INTO room_authors (room, client_id, user_name) VALUES ${values} ON CONFLICT DO NOTHING`,
      [room, ...entries.flatMap((e) => [e.clientId, e.userName])],
    );
  }

  async authors(room: string) {
    const { rows } = await this.pool.query<{ client_id: string; user_name: string }>('SELECT client_id, user_name FROM room_authors WHERE room = $1', [room]);
    return new Map(rows.map((r) => [Number(r.client_id), r.user_name]));
  }

  async close() {}
}
