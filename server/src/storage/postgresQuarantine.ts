/**
 * The quarantine table on PostgreSQL (storage/quarantine.ts). A move takes the room's append
 * lock, so it is ordered with appends like any other change of the log.
 */
import type pg from 'pg';
import { MAX_QUARANTINE_ERROR, type QuarantineKind, type QuarantineRecord, type QuarantineRequest, type QuarantineStore } from './quarantine';

/** The migration that creates the table (appended to postgres.ts MIGRATIONS). */
export const POSTGRES_QUARANTINE_MIGRATION = `CREATE TABLE room_quarantine (
     id BIGSERIAL PRIMARY KEY,
     room TEXT NOT NULL,
     kind TEXT NOT NULL,
     seq BIGINT NOT NULL,
     data BYTEA NOT NULL,
     error TEXT NOT NULL,
     at BIGINT NOT NULL
   );`;

interface Row { id: string; room: string; kind: string; seq: string; error: string; bytes: number; at: string }
const toRecord = (r: Row): QuarantineRecord => ({
  id: Number(r.id), room: r.room, kind: r.kind as QuarantineKind, seq: Number(r.seq), error: r.error, bytes: r.bytes, at: Number(r.at),
});
const COLUMNS = 'id, room, kind, seq, error, octet_length(data)::int AS bytes, at';

export function postgresQuarantine(pool: pg.Pool, lockRoom: (client: pg.PoolClient, room: string) => Promise<void>): QuarantineStore {
  return {
    async quarantine(room: string, rows: readonly QuarantineRequest[]) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await lockRoom(client, room);
        let moved = 0;
        const at = Date.now();
        for (const r of rows) {
          const error = r.error.slice(0, MAX_QUARANTINE_ERROR);
          const sql = r.kind === 'update'
            ? `WITH gone AS (DELETE FROM room_updates WHERE room = $1 AND seq = $2 RETURNING room, seq, data)
               INSERT INTO room_quarantine (room, kind, seq, data, error, at) SELECT room, 'update', seq, data, $3, $4 FROM gone`
            : `WITH gone AS (DELETE FROM room_snapshots WHERE room = $1 AND upto_seq = $2 RETURNING room, upto_seq, state)
               INSERT INTO room_quarantine (room, kind, seq, data, error, at) SELECT room, 'snapshot', upto_seq, state, $3, $4 FROM gone`;
          moved += (await client.query(sql, [room, r.seq, error, at])).rowCount ?? 0;
        }
        await client.query('COMMIT');
        client.release();
        return moved;
      } catch (err) {
        await client.query('ROLLBACK').then(() => client.release(), (e: Error) => client.release(e));
        throw err;
      }
    },
    async listQuarantine(limit = 500) {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM room_quarantine ORDER BY id DESC LIMIT $1`, [limit]);
      return rows.map(toRecord);
    },
    async quarantinedBytes(id: number) {
      const { rows } = await pool.query<Row & { data: Buffer }>(`SELECT ${COLUMNS}, data FROM room_quarantine WHERE id = $1`, [id]);
      if (!rows[0]) return null;
      const { data, ...rest } = rows[0];
      return { record: toRecord(rest), data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    },
  };
}
