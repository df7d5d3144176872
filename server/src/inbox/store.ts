/**
 * Inbox items per user (issue 13), beside the update log: SQLite on a side connection, or
 * PostgreSQL — shared by every instance, so an item added by one is read by all. Adding is
 * idempotent on the item id (INSERT … ON CONFLICT DO NOTHING).
 */
import { openSideDatabase, type SideDatabase } from '../storage/sideDatabase';
import type { InboxEntry, InboxItem, InboxKind } from './derive';

export interface InboxStore {
  add(entries: readonly InboxEntry[]): Promise<void>;
  list(userId: string, limit: number): Promise<InboxItem[]>;
  markRead(userId: string, ids: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

const COLUMNS = `
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  report_id TEXT NOT NULL,
  thread_id TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL,
  excerpt TEXT NOT NULL,
  read_at BIGINT,
  PRIMARY KEY (id)`;
const SCHEMA = `CREATE TABLE IF NOT EXISTS inbox (${COLUMNS});
CREATE INDEX IF NOT EXISTS inbox_user ON inbox (user_id, at);`;

interface Row {
  id: string; kind: string; report_id: string; thread_id: string; by_name: string; at: number | string; excerpt: string; read_at: number | string | null;
}

const toItem = (r: Row): InboxItem => ({
  id: r.id, kind: r.kind as InboxKind, reportId: r.report_id, threadId: r.thread_id, by: r.by_name, at: Number(r.at), excerpt: r.excerpt, read: r.read_at !== null,
});

const values = (e: InboxEntry) => [e.id, e.userId, e.kind, e.reportId, e.threadId, e.by, e.at, e.excerpt];

function storeOn(side: SideDatabase): InboxStore {
  if (side.kind === 'sqlite') {
    const db = side.db;
    db.exec(SCHEMA);
    const insert = db.prepare('INSERT INTO inbox (id, user_id, kind, report_id, thread_id, by_name, at, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
    const list = db.prepare('SELECT * FROM inbox WHERE user_id = ? ORDER BY at DESC, id LIMIT ?');
    const read = db.prepare('UPDATE inbox SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL');
    const addAll = db.transaction((entries: readonly InboxEntry[]) => entries.forEach((e) => insert.run(...values(e))));
    const readAll = db.transaction((userId: string, ids: readonly string[]) => ids.reduce((n, id) => n + read.run(Date.now(), userId, id).changes, 0));
    return {
      add: async (entries) => void addAll(entries),
      list: async (userId, limit) => (list.all(userId, limit) as Row[]).map(toItem),
      markRead: async (userId, ids) => readAll(userId, ids),
      close: () => side.close(),
    };
  }
  const pool = side.pool;
  return {
    add: async (entries) => {
      if (!entries.length) return;
      const params: unknown[] = [];
      const rows = entries.map((e, i) => {
        params.push(...values(e));
        return `(${Array.from({ length: 8 }, (_, k) => `$${i * 8 + k + 1}`).join(', ')})`;
      });
      await pool.query(`INSERT INTO inbox (id, user_id, kind, report_id, thread_id, by_name, at, excerpt) VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`, params);
    },
    list: async (userId, limit) => (await pool.query<Row>('SELECT * FROM inbox WHERE user_id = $1 ORDER BY at DESC, id LIMIT $2', [userId, limit])).rows.map(toItem),
    markRead: async (userId, ids) => (await pool.query('UPDATE inbox SET read_at = $1 WHERE user_id = $2 AND id = ANY($3) AND read_at IS NULL', [Date.now(), userId, [...ids]])).rowCount ?? 0,
    close: () => side.close(),
  };
}

export async function openInboxStore(databaseUrl: string): Promise<InboxStore> {
  return storeOn(await openSideDatabase(databaseUrl, { postgresSchema: SCHEMA, migrationLock: [10, 13] }));
}
