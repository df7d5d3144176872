/**
 * Translation memory on PostgreSQL. Entries keep the indexed words of their source and target
 * as text arrays (GIN), and `tm_terms` counts sources per word, so fuzzy candidates come from
 * the query's rarest words exactly as in the SQLite store (candidates.ts) and both rank alike.
 * pg_trgm's GIN indexes serve concordance (ILIKE '%…%', including partial words).
 *
 * Why not pg_trgm similarity for fuzzy candidates: on paragraph-length text nearly every
 * trigram is common, and `%` took 0.7–28 s per lookup over 50,000 segments (bench/tm.ts);
 * the rare-word lookup takes milliseconds.
 *
 * Invariant: `tm_terms` changes in the transaction that changes the entries it counts; the
 * entries being replaced are locked first. Two instances inserting the same new key at once
 * can leave a word's count off by one — the counts only choose which words to search by.
 */
import type pg from 'pg';
import { normalizeText } from '../../../shared/src/hash';
import { DEFAULT_LIMIT, type TmEntry, type TmMatch, type TranslationMemory } from './types';
import { type Candidate, FUZZY_THRESHOLD, lengthWindow, rankMatches } from './scoring';
import { CANDIDATES, candidateBar, pickSearchWords, termDeltas, termsOf, TOTAL_TERM } from './candidates';
import { withPgTransaction } from '../storage/transaction';

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
  source_words TEXT[] NOT NULL,
  target_words TEXT[] NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (report_id, pid, target_lang)
);
ALTER TABLE tm_segments ADD COLUMN IF NOT EXISTS origin TEXT NOT NULL DEFAULT '';
ALTER TABLE tm_segments ADD COLUMN IF NOT EXISTS created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tm_segments ADD COLUMN IF NOT EXISTS created_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS tm_segments_exact ON tm_segments (md5(source_norm), source_lang, target_lang);
CREATE INDEX IF NOT EXISTS tm_segments_source_words ON tm_segments USING gin (source_words);
CREATE INDEX IF NOT EXISTS tm_segments_target_words ON tm_segments USING gin (target_words);
CREATE INDEX IF NOT EXISTS tm_segments_source_trgm ON tm_segments USING gin (source_norm gin_trgm_ops);
CREATE INDEX IF NOT EXISTS tm_segments_target_trgm ON tm_segments USING gin (target gin_trgm_ops);
CREATE TABLE IF NOT EXISTS tm_terms (
  term TEXT PRIMARY KEY,
  docs BIGINT NOT NULL
);
`;

/** Rebuilds the word counts when they do not describe the entries; run under the migration lock. */
export const TM_RECOUNT = `
DO $$
BEGIN
  IF (SELECT coalesce((SELECT docs FROM tm_terms WHERE term = ''), 0)) <> (SELECT count(*) FROM tm_segments) THEN
    DELETE FROM tm_terms;
    INSERT INTO tm_terms (term, docs) SELECT '', count(*) FROM tm_segments;
    INSERT INTO tm_terms (term, docs) SELECT w, count(*) FROM tm_segments, unnest(source_words) AS w WHERE w <> '' GROUP BY w;
  END IF;
END $$;
`;

const COLUMNS = `source, target, report_id AS "reportId", pid, NULLIF(origin, '') AS origin`;
/** Entries per statement of an upsert (all in one transaction): bounds the size of each query. */
const CHUNK = 5000;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

interface Row extends TmEntry {
  sourceNorm: string;
}

export class PostgresTranslationMemory implements TranslationMemory {
  readonly kind = 'postgres' as const;

  constructor(private readonly pool: pg.Pool) {}

  async upsert(entries: readonly TmEntry[]): Promise<number> {
    // One entry per key: the newest.
    const latest = new Map<string, TmEntry>();
    for (const e of entries) {
      const key = `${e.reportId}\u0000${e.pid}\u0000${e.targetLang}`;
      const seen = latest.get(key);
      if (!seen || seen.updatedAt <= e.updatedAt) latest.set(key, e);
    }
    if (latest.size === 0) return 0;
    const all = [...latest.values()];
    return withPgTransaction(this.pool, async (client) => {
      let written = 0;
      for (let i = 0; i < all.length; i += CHUNK) written += await this.upsertChunk(client, all.slice(i, i + CHUNK));
      return written;
    });
  }

  private async upsertChunk(client: pg.PoolClient, all: readonly TmEntry[]): Promise<number> {
    const { rows: current } = await client.query<{ report_id: string; pid: string; target_lang: string; source_norm: string; target: string; origin: string; updated_at: string }>(
      `SELECT t.report_id, t.pid, t.target_lang, t.source_norm, t.target, t.origin, t.updated_at
       FROM tm_segments t JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(report_id, pid, target_lang)
         ON t.report_id = k.report_id AND t.pid = k.pid AND t.target_lang = k.target_lang
       ORDER BY t.id FOR UPDATE OF t`,
      [all.map((e) => e.reportId), all.map((e) => e.pid), all.map((e) => e.targetLang)],
    );
    const old = new Map(current.map((r) => [`${r.report_id}\u0000${r.pid}\u0000${r.target_lang}`, r]));
    const removals: TmEntry[] = [];
    const rows: Row[] = [];
    const changes: { before?: string; after?: string }[] = [];
    for (const e of all) {
      const before = old.get(`${e.reportId}\u0000${e.pid}\u0000${e.targetLang}`);
      const sourceNorm = normalizeText(e.source);
      if (!sourceNorm || !normalizeText(e.target)) {
        if (before) {
          removals.push(e);
          changes.push({ before: before.source_norm });
        }
        continue;
      }
      if (before && Number(before.updated_at) > e.updatedAt) continue;
      if (before && before.source_norm === sourceNorm && before.target === e.target && before.origin === (e.origin ?? '')) continue;
      rows.push({ ...e, sourceNorm });
      changes.push({ before: before?.source_norm, after: sourceNorm });
    }
    if (removals.length) {
      await client.query(
        `DELETE FROM tm_segments t USING unnest($1::text[], $2::text[], $3::text[]) AS r(report_id, pid, target_lang)
         WHERE t.report_id = r.report_id AND t.pid = r.pid AND t.target_lang = r.target_lang`,
        [removals.map((e) => e.reportId), removals.map((e) => e.pid), removals.map((e) => e.targetLang)],
      );
    }
    if (rows.length) {
      // Arrays of arrays cannot be unnested row by row, so the word lists travel as JSON.
      await client.query(
        `INSERT INTO tm_segments (report_id, pid, source_lang, target_lang, source, target, source_norm, source_len, source_words, target_words, updated_at, origin, created_by, created_at)
         SELECT r.report_id, r.pid, r.source_lang, r.target_lang, r.source, r.target, r.source_norm, r.source_len,
                ARRAY(SELECT jsonb_array_elements_text(r.source_words)), ARRAY(SELECT jsonb_array_elements_text(r.target_words)), r.updated_at, r.origin, r.created_by, r.created_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[], $10::jsonb[], $11::bigint[], $12::text[], $13::text[], $14::bigint[])
           AS r(report_id, pid, source_lang, target_lang, source, target, source_norm, source_len, source_words, target_words, updated_at, origin, created_by, created_at)
         ON CONFLICT (report_id, pid, target_lang) DO UPDATE SET
           source_lang = excluded.source_lang, source = excluded.source, target = excluded.target,
           source_norm = excluded.source_norm, source_len = excluded.source_len,
           source_words = excluded.source_words, target_words = excluded.target_words, updated_at = excluded.updated_at,
           origin = excluded.origin`,
        [
          rows.map((e) => e.reportId), rows.map((e) => e.pid), rows.map((e) => e.sourceLang), rows.map((e) => e.targetLang),
          rows.map((e) => e.source), rows.map((e) => e.target), rows.map((e) => e.sourceNorm), rows.map((e) => e.sourceNorm.length),
          rows.map((e) => JSON.stringify(termsOf(e.sourceNorm))), rows.map((e) => JSON.stringify(termsOf(e.target))),
          rows.map((e) => e.updatedAt), rows.map((e) => e.origin ?? ''), rows.map((e) => e.createdBy ?? ''),
          rows.map((e) => e.createdAt ?? e.updatedAt),
        ],
      );
    }
    const deltas = [...termDeltas(changes)].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (deltas.length) {
      // In term order, so concurrent upserts lock the counts in the same order.
      await client.query(
        `INSERT INTO tm_terms (term, docs) SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1
         ON CONFLICT (term) DO UPDATE SET docs = tm_terms.docs + excluded.docs`,
        [deltas.map(([t]) => t), deltas.map(([, d]) => d)],
      );
      await client.query(`DELETE FROM tm_terms WHERE term = ANY($1) AND term <> '' AND docs <= 0`, [deltas.map(([t]) => t)]);
    }
    return rows.length + removals.length;
  }

  async entries(from: string, to: string, reportIds: readonly string[]): Promise<TmEntry[]> {
    if (reportIds.length === 0) return [];
    const { rows } = await this.pool.query<Omit<TmEntry, 'updatedAt' | 'createdAt'> & { updatedAt: string; createdAt: string }>(
      `SELECT report_id AS "reportId", pid, source_lang AS "sourceLang", target_lang AS "targetLang", source, target,
              updated_at AS "updatedAt", origin, created_by AS "createdBy", created_at AS "createdAt"
       FROM tm_segments WHERE source_lang = $1 AND target_lang = $2 AND report_id = ANY($3) ORDER BY id`,
      [from, to, reportIds],
    );
    return rows.map((r) => ({ ...r, updatedAt: Number(r.updatedAt), createdAt: Number(r.createdAt) || Number(r.updatedAt) }));
  }

  async search(q: string, from: string, to: string, reportIds: readonly string[], limit = DEFAULT_LIMIT): Promise<TmMatch[]> {
    const norm = normalizeText(q);
    if (!norm || reportIds.length === 0) return [];
    const terms = termsOf(norm);
    const [exact, counts] = await Promise.all([
      this.pool.query<Candidate>(
        `SELECT ${COLUMNS} FROM tm_segments
         WHERE md5(source_norm) = md5($3) AND source_lang = $1 AND target_lang = $2 AND source_norm = $3 AND report_id = ANY($4)
         LIMIT $5`,
        [from, to, norm, reportIds, limit],
      ),
      this.pool.query<{ term: string; docs: string }>('SELECT term, docs FROM tm_terms WHERE term = ANY($1)', [[TOTAL_TERM, ...terms]]),
    ]);
    const docs = new Map(counts.rows.map((r) => [r.term, Number(r.docs)]));
    const words = pickSearchWords(terms.map((word) => ({ word, docs: docs.get(word) ?? 0 })), docs.get(TOTAL_TERM) ?? 0);
    const candidates: Candidate[] = [...exact.rows];
    if (words.length) {
      const { min, max } = lengthWindow(norm.length);
      const n = words.length;
      const weight = words.map((_, i) => `CASE WHEN h.source_words @> ARRAY[$${8 + i}::text] THEN $${8 + n + i}::float8 ELSE 0 END`).join(' + ');
      // The rare words' GIN lookup first (MATERIALIZED keeps the planner from starting at the
      // much larger set of the caller's reports), then the filters, the weights and the cut
      // of candidates.ts (bestCandidates), done here to fetch only the texts worth scoring.
      const { rows } = await this.pool.query<Candidate>(
        `WITH hits AS MATERIALIZED (
           SELECT id, source_words, source_lang, target_lang, report_id, source_len FROM tm_segments WHERE source_words && $6::text[]
         ), ranked AS (
           SELECT h.id, ${weight} AS weight FROM hits h
           WHERE h.source_lang = $1 AND h.target_lang = $2 AND h.report_id = ANY($3) AND h.source_len BETWEEN $4 AND $5
         )
         SELECT ${COLUMNS} FROM ranked r JOIN tm_segments s ON s.id = r.id
         WHERE r.weight >= $7 ORDER BY r.weight DESC LIMIT ${CANDIDATES}`,
        [from, to, reportIds, min, max, words.map((w) => w.word), candidateBar(words), ...words.map((w) => w.word), ...words.map((w) => w.idf)],
      );
      candidates.push(...rows);
    }
    return rankMatches(candidates, norm, limit, FUZZY_THRESHOLD);
  }

  async concordance(q: string, from: string, to: string, reportIds: readonly string[], limit = DEFAULT_LIMIT): Promise<TmMatch[]> {
    const norm = normalizeText(q);
    if (!norm || reportIds.length === 0) return [];
    // Whole words (all but the last, which may be cut short) narrow the search through the word
    // indexes; a single partial word falls to the trigram indexes.
    const whole = termsOf(norm.replace(/[\p{L}\p{N}]+$/u, ''));
    const wordFilter = whole.length ? 'AND (source_words @> $5::text[] OR target_words @> $5::text[])' : '';
    const { rows } = await this.pool.query<Candidate>(
      `SELECT ${COLUMNS} FROM tm_segments
       WHERE source_lang = $1 AND target_lang = $2 AND report_id = ANY($3) ${wordFilter}
         AND (source_norm ILIKE $4 OR target ILIKE $4)
       ORDER BY length(source_norm)
       LIMIT 500`,
      whole.length ? [from, to, reportIds, likePattern(norm), whole] : [from, to, reportIds, likePattern(norm)],
    );
    return rankMatches(rows, norm, limit, 0);
  }

  async close(): Promise<void> {
    // The pool belongs to whoever opened it (open.ts).
  }
}
