/** Glossary entries in SQLite, on the translation stores' connection (tm/open.ts). */
import type Database from 'better-sqlite3';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import { type GlossaryStore, termKey } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS glossary (
  id TEXT PRIMARY KEY,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_key TEXT NOT NULL,
  target_key TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (source_lang, target_lang, source_key, target_key)
);
`;

interface Row {
  id: string; source_lang: string; target_lang: string; source: string; target: string; note: string;
  created_by: string; created_at: number;
}

export const toGlossaryEntry = (r: Row): GlossaryEntry => ({
  id: r.id, from: r.source_lang, to: r.target_lang, source: r.source, target: r.target, note: r.note,
  createdBy: r.created_by, createdAt: Number(r.created_at),
});

export class SqliteGlossary implements GlossaryStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.stmt = {
      list: db.prepare('SELECT * FROM glossary WHERE source_lang = ? AND target_lang = ? ORDER BY source_key, target_key'),
      get: db.prepare('SELECT * FROM glossary WHERE id = ?'),
      insert: db.prepare(`INSERT INTO glossary (id, source_lang, target_lang, source, target, source_key, target_key, note, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      remove: db.prepare('DELETE FROM glossary WHERE id = ?'),
    };
  }

  async list(from: string, to: string) {
    return (this.stmt.list.all(from, to) as Row[]).map(toGlossaryEntry);
  }

  async get(id: string) {
    const row = this.stmt.get.get(id) as Row | undefined;
    return row ? toGlossaryEntry(row) : null;
  }

  async add(e: GlossaryEntry) {
    const { changes } = this.stmt.insert.run(e.id, e.from, e.to, e.source, e.target, termKey(e.source), termKey(e.target), e.note, e.createdBy, e.createdAt);
    return changes === 1 ? e : null;
  }

  async remove(id: string) {
    return this.stmt.remove.run(id).changes === 1;
  }

  async addMany(entries: readonly GlossaryEntry[]) {
    return this.db.transaction(() => {
      let added = 0;
      for (const e of entries) {
        added += this.stmt.insert.run(e.id, e.from, e.to, e.source, e.target, termKey(e.source), termKey(e.target), e.note, e.createdBy, e.createdAt).changes;
      }
      return added;
    })();
  }
}
