/**
 * Translation memory on PostgreSQL: `tm_segments` with pg_trgm GIN indexes. Candidates are the
 * entries whose normalised source is trigram-similar to the query (a low bar, 0.25, so no
 * entry that Levenshtein would score ≥ 60 is missed); `similarity` in scoring.ts gives the
 * score, as in the SQLite store. Concordance is ILIKE over both sides, which the same
 * trigram indexes serve.
 */
import type pg from 'pg';
import { normalizeText } from '../../../shared/src/hash';
import { DEFAULT_LIMIT, type TmEntry, type TmMatch, type TranslationMemory } from './types';
import { type Candidate, FUZZY_THRESHOLD, lengthWindow, rankMatches } from './scoring';

export const TM_SCHEMA = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS tm_segments (
  id BIGSERIAL PRIMARY KEY,
  report_id TEXT NOT NULL,
  pid TEXT NOT NULL,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_norm TEXT NOT NULL,
  source_len INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (report_id, pid, target_lang)
);
CREATE INDEX IF NOT EXISTS tm_segments_exact ON tm_segments (source_lang, target_lang, md5(source_norm));
CREATE INDEX IF NOT EXISTS tm_segments_source_trgm ON tm_segments USING gin (source_norm gin_trgm_ops);
CREATE INDEX IF NOT EXISTS tm_segments_target_trgm ON tm_segments USING gin (target gin_trgm_ops);
`;

/** Candidates scored per lookup (Levenshtein is the costly step). */
const CANDIDATES = 60;
const TRIGRAM_BAR = '0.25';

const COLUMNS = 'source, target, report_id AS "reportId", pid';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

export class PostgresTranslationMemory implements TranslationMemory {
  readonly kind = 'postgres' as const;

  constructor(private readonly pool: pg.Pool) {}

  async upsert(entries: readonly TmEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const e of entries) {
        const sourceNorm = normalizeText(e.source);
        if (!sourceNorm || !normalizeText(e.target)) {
          await client.query('DELETE FROM tm_segments WHERE report_id = $1 AND pid = $2 AND target_lang = $3', [e.reportId, e.pid, e.targetLang]);
          continue;
        }
        await client.query(
          `INSERT INTO tm_segments (report_id, pid, source_lang, target_lang, source, target, source_norm, source_len, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (report_id, pid, target_lang) DO UPDATE SET
             source_lang = excluded.source_lang, source = excluded.source, target = excluded.target,
             source_norm = excluded.source_norm, source_len = excluded.source_len, updated_at = excluded.updated_at
           WHERE excluded.updated_at >= tm_segments.updated_at`,
          [e.reportId, e.pid, e.sourceLang, e.targetLang, e.source, e.target, sourceNorm, sourceNorm.length, e.updatedAt],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async search(q: string, from: string, to: string, reportIds: readonly string[], limit = DEFAULT_LIMIT): Promise<TmMatch[]> {
    const norm = normalizeText(q);
    if (!norm || reportIds.length === 0) return [];
    const { min, max } = lengthWindow(norm.length);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The `%` operator's bar, for this transaction only.
      await client.query(`SELECT set_config('pg_trgm.similarity_threshold', '${TRIGRAM_BAR}', true)`);
      const exact = await client.query<Candidate>(
        `SELECT ${COLUMNS} FROM tm_segments
         WHERE source_lang = $1 AND target_lang = $2 AND md5(source_norm) = md5($3) AND source_norm = $3 AND report_id = ANY($4)
         LIMIT $5`,
        [from, to, norm, reportIds, limit],
      );
      const fuzzy = await client.query<Candidate>(
        `SELECT ${COLUMNS} FROM tm_segments
         WHERE source_lang = $1 AND target_lang = $2 AND report_id = ANY($3) AND source_len BETWEEN $4 AND $5
           AND source_norm % $6
         ORDER BY similarity(source_norm, $6) DESC
         LIMIT ${CANDIDATES}`,
        [from, to, reportIds, min, max, norm],
      );
      await client.query('COMMIT');
      return rankMatches([...exact.rows, ...fuzzy.rows], norm, limit, FUZZY_THRESHOLD);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async concordance(q: string, from: string, to: string, reportIds: readonly string[], limit = DEFAULT_LIMIT): Promise<TmMatch[]> {
    const norm = normalizeText(q);
    if (!norm || reportIds.length === 0) return [];
    const { rows } = await this.pool.query<Candidate>(
      `SELECT ${COLUMNS} FROM tm_segments
       WHERE source_lang = $1 AND target_lang = $2 AND report_id = ANY($3)
         AND (source_norm ILIKE $4 OR target ILIKE $4)
       ORDER BY length(source_norm)
       LIMIT 500`,
      [from, to, reportIds, likePattern(norm)],
    );
    return rankMatches(rows, norm, limit, 0);
  }

  async close(): Promise<void> {
    // The pool belongs to whoever opened it (open.ts).
  }
}
