/** Glossary entries in PostgreSQL, on the translation stores' pool (tm/open.ts). */
import type pg from 'pg';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import { type GlossaryStore, termKey } from './types';
import { toGlossaryEntry } from './sqlite';

export const GLOSSARY_SCHEMA = `
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
  created_at BIGINT NOT NULL,
  UNIQUE (source_lang, target_lang, source_key, target_key)
);
`;

export class PostgresGlossary implements GlossaryStore {
  constructor(private readonly pool: pg.Pool) {}

  async list(from: string, to: string) {
    const { rows } = await this.pool.query('SELECT * FROM glossary WHERE source_lang = $1 AND target_lang = $2 ORDER BY source_key, target_key', [from, to]);
    return rows.map(toGlossaryEntry);
  }

  async get(id: string) {
    const { rows } = await this.pool.query('SELECT * FROM glossary WHERE id = $1', [id]);
    return rows[0] ? toGlossaryEntry(rows[0]) : null;
  }

  async add(e: GlossaryEntry) {
    const { rowCount } = await this.pool.query(
      `INSERT INTO glossary (id, source_lang, target_lang, source, target, source_key, target_key, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [e.id, e.from, e.to, e.source, e.target, termKey(e.source), termKey(e.target), e.note, e.createdBy, e.createdAt],
    );
    return rowCount === 1 ? e : null;
  }

  async addMany(entries: readonly GlossaryEntry[]) {
    if (entries.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      `INSERT INTO glossary (id, source_lang, target_lang, source, target, source_key, target_key, note, created_by, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
       ON CONFLICT DO NOTHING`,
      [
        entries.map((e) => e.id), entries.map((e) => e.from), entries.map((e) => e.to), entries.map((e) => e.source), entries.map((e) => e.target),
        entries.map((e) => termKey(e.source)), entries.map((e) => termKey(e.target)), entries.map((e) => e.note),
        entries.map((e) => e.createdBy), entries.map((e) => e.createdAt),
      ],
    );
    return rowCount ?? 0;
  }

  async remove(id: string) {
    const { rowCount } = await this.pool.query('DELETE FROM glossary WHERE id = $1', [id]);
    return rowCount === 1;
  }
}
