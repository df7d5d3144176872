/**
 * Translation memory on SQLite. `tm_segments` holds the entries; the FTS5 table `tm_fts` (kept
 * in step by triggers) indexes their normalised sources and targets; `tm_terms` counts how many
 * sources hold each word. Exact matches come from an index on the normalised source; fuzzy
 * candidates from the query's rarest words through FTS (candidates.ts), each word's doclist
 * read with the language pair, length window and visible reports applied in the same
 * statement, so other pairs and other people's reports never crowd out the caller's.
 * Concordance is an FTS phrase query (last word as a prefix), checked as a substring.
 *
 * Invariant: `tm_terms` changes in the same transaction as the entries it counts.
 */
import type Database from 'better-sqlite3';
import { normalizeText } from '../../../shared/src/hash';
import { DEFAULT_LIMIT, type TmEntry, type TmMatch, type TranslationMemory } from './types';
import { type Candidate, FUZZY_THRESHOLD, lengthWindow, rankMatches } from './scoring';
import { bestCandidates, foldWord, pickSearchWords, termDeltas, termsOf, TOTAL_TERM, type SearchWord } from './candidates';
import { withSqliteTransaction } from '../storage/transaction';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tm_segments (
  id INTEGER PRIMARY KEY,
  report_id TEXT NOT NULL,
  pid TEXT NOT NULL,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_norm TEXT NOT NULL,
  source_len INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (report_id, pid, target_lang)
);
CREATE INDEX IF NOT EXISTS tm_segments_exact ON tm_segments (source_lang, target_lang, source_norm);
CREATE TABLE IF NOT EXISTS tm_terms (
  term TEXT PRIMARY KEY,
  docs INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS tm_fts USING fts5(
  source_norm, target, content='tm_segments', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS tm_segments_ai AFTER INSERT ON tm_segments BEGIN
  INSERT INTO tm_fts (rowid, source_norm, target) VALUES (new.id, new.source_norm, new.target);
END;
CREATE TRIGGER IF NOT EXISTS tm_segments_ad AFTER DELETE ON tm_segments BEGIN
  INSERT INTO tm_fts (tm_fts, rowid, source_norm, target) VALUES ('delete', old.id, old.source_norm, old.target);
END;
CREATE TRIGGER IF NOT EXISTS tm_segments_au AFTER UPDATE ON tm_segments BEGIN
  INSERT INTO tm_fts (tm_fts, rowid, source_norm, target) VALUES ('delete', old.id, old.source_norm, old.target);
  INSERT INTO tm_fts (rowid, source_norm, target) VALUES (new.id, new.source_norm, new.target);
END;
`;

/** Columns added after the first release; added to stores written before them. */
const ADDED_COLUMNS: readonly [string, string][] = [
  ['origin', "TEXT NOT NULL DEFAULT ''"],
  ['created_by', "TEXT NOT NULL DEFAULT ''"],
  ['created_at', 'INTEGER NOT NULL DEFAULT 0'],
];

const ftsString = (w: string) => `"${w.replace(/"/g, '""')}"`;

export class SqliteTranslationMemory implements TranslationMemory {
  readonly kind = 'sqlite' as const;
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    const have = new Set((db.prepare('PRAGMA table_info(tm_segments)').all() as { name: string }[]).map((c) => c.name));
    for (const [name, type] of ADDED_COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE tm_segments ADD COLUMN ${name} ${type}`);
    this.stmt = {
      upsert: db.prepare(`INSERT INTO tm_segments (report_id, pid, source_lang, target_lang, source, target, source_norm, source_len, updated_at, origin, created_by, created_at)
        VALUES (@reportId, @pid, @sourceLang, @targetLang, @source, @target, @sourceNorm, @sourceLen, @updatedAt, @origin, @createdBy, @createdAt)
        ON CONFLICT (report_id, pid, target_lang) DO UPDATE SET
          source_lang = excluded.source_lang, source = excluded.source, target = excluded.target,
          source_norm = excluded.source_norm, source_len = excluded.source_len, updated_at = excluded.updated_at, origin = excluded.origin
        WHERE excluded.updated_at >= tm_segments.updated_at`),
      current: db.prepare('SELECT source_norm AS sourceNorm, target, origin, updated_at AS updatedAt FROM tm_segments WHERE report_id = ? AND pid = ? AND target_lang = ?'),
      entries: db.prepare(`SELECT report_id AS reportId, pid, source_lang AS sourceLang, target_lang AS targetLang, source, target,
          updated_at AS updatedAt, origin, created_by AS createdBy, created_at AS createdAt
        FROM tm_segments WHERE source_lang = ? AND target_lang = ? AND report_id IN (SELECT value FROM json_each(?)) ORDER BY id`),
      remove: db.prepare('DELETE FROM tm_segments WHERE report_id = ? AND pid = ? AND target_lang = ?'),
      addTerm: db.prepare('INSERT INTO tm_terms (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs'),
      dropEmptyTerms: db.prepare('DELETE FROM tm_terms WHERE docs <= 0 AND term <> \'\''),
      termDocs: db.prepare('SELECT docs FROM tm_terms WHERE term = ?').pluck(),
      count: db.prepare('SELECT count(*) FROM tm_segments').pluck(),
      allSources: db.prepare('SELECT source_norm FROM tm_segments').pluck(),
      clearTerms: db.prepare('DELETE FROM tm_terms'),
      exact: db.prepare(`SELECT source, target, report_id AS reportId, pid, NULLIF(origin, '') AS origin FROM tm_segments
        WHERE source_lang = ? AND target_lang = ? AND source_norm = ?
          AND report_id IN (SELECT value FROM json_each(?)) LIMIT ?`),
      doclist: db.prepare(`SELECT s.id FROM tm_fts JOIN tm_segments s ON s.id = tm_fts.rowid
        WHERE tm_fts MATCH ? AND s.source_lang = ? AND s.target_lang = ? AND s.source_len BETWEEN ? AND ?
          AND s.report_id IN (SELECT value FROM json_each(?))`).pluck(),
      byIds: db.prepare(`SELECT source, target, report_id AS reportId, pid, NULLIF(origin, '') AS origin FROM tm_segments WHERE id IN (SELECT value FROM json_each(?))`),
      phrase: db.prepare(`SELECT s.source, s.target, s.report_id AS reportId, s.pid, NULLIF(s.origin, '') AS origin FROM tm_fts
        JOIN tm_segments s ON s.id = tm_fts.rowid
        WHERE tm_fts MATCH ? AND s.source_lang = ? AND s.target_lang = ?
          AND s.report_id IN (SELECT value FROM json_each(?))
        LIMIT 2000`),
    };
    this.recountIfNeeded();
  }

  /** Rebuilds `tm_terms` when it does not describe the entries (a store written before it existed). */
  private recountIfNeeded(): void {
    const total = (this.stmt.termDocs.get(TOTAL_TERM) as number | undefined) ?? 0;
    if (total === (this.stmt.count.get() as number)) return;
    withSqliteTransaction(this.db, () => {
      this.stmt.clearTerms.run();
      const sources = [...(this.stmt.allSources.iterate() as Iterable<string>)].map((after) => ({ after }));
      for (const [term, docs] of termDeltas(sources)) this.stmt.addTerm.run(term, docs);
    });
  }

  async upsert(entries: readonly TmEntry[]): Promise<number> {
    return withSqliteTransaction(this.db, () => {
      let written = 0;
      const changes: { before?: string; after?: string }[] = [];
      for (const e of entries) {
        const old = this.stmt.current.get(e.reportId, e.pid, e.targetLang) as { sourceNorm: string; target: string; origin: string; updatedAt: number } | undefined;
        const sourceNorm = normalizeText(e.source);
        if (!sourceNorm || !normalizeText(e.target)) {
          if (old) {
            this.stmt.remove.run(e.reportId, e.pid, e.targetLang);
            changes.push({ before: old.sourceNorm });
            written++;
          }
          continue;
        }
        if (old && old.updatedAt > e.updatedAt) continue;
        if (old && old.sourceNorm === sourceNorm && old.target === e.target && old.origin === (e.origin ?? '')) continue;
        this.stmt.upsert.run({
          ...e, sourceNorm, sourceLen: sourceNorm.length, origin: e.origin ?? '', createdBy: e.createdBy ?? '', createdAt: e.createdAt ?? e.updatedAt,
        });
        changes.push({ before: old?.sourceNorm, after: sourceNorm });
        written++;
      }
      for (const [term, delta] of termDeltas(changes)) this.stmt.addTerm.run(term, delta);
      this.stmt.dropEmptyTerms.run();
      return written;
    });
  }

  async entries(from: string, to: string, reportIds: readonly string[]): Promise<TmEntry[]> {
    if (reportIds.length === 0) return [];
    return (this.stmt.entries.all(from, to, JSON.stringify(reportIds)) as TmEntry[]).map((e) => ({ ...e, createdAt: e.createdAt || e.updatedAt }));
  }

  private searchWords(norm: string): SearchWord[] {
    const docs = (term: string) => (this.stmt.termDocs.get(term) as number | undefined) ?? 0;
    return pickSearchWords(termsOf(norm).map((word) => ({ word, docs: docs(word) })), docs(TOTAL_TERM));
  }

  async search(q: string, from: string, to: string, reportIds: readonly string[], limit = DEFAULT_LIMIT): Promise<TmMatch[]> {
    const norm = normalizeText(q);
    if (!norm || reportIds.length === 0) return [];
    const ids = JSON.stringify(reportIds);
    const rows = this.stmt.exact.all(from, to, norm, ids, limit) as Candidate[];
    const { min, max } = lengthWindow(norm.length);
    const weight = new Map<number, number>();
    const words = this.searchWords(norm);
    for (const { word, idf } of words) {
      for (const id of this.stmt.doclist.all(`source_norm : ${ftsString(word)}`, from, to, min, max, ids) as number[]) {
        weight.set(id, (weight.get(id) ?? 0) + idf);
      }
    }
    const best = bestCandidates(weight, words);
    if (best.length) rows.push(...(this.stmt.byIds.all(JSON.stringify(best)) as Candidate[]));
    return rankMatches(rows, norm, limit, FUZZY_THRESHOLD);
  }

  async concordance(q: string, from: string, to: string, reportIds: readonly string[], limit = DEFAULT_LIMIT): Promise<TmMatch[]> {
    const norm = normalizeText(q);
    // Word order kept from the query; the last word may be cut short ("migr" finds "migrants").
    const inOrder = (norm.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(foldWord);
    if (!inOrder.length || reportIds.length === 0) return [];
    const match = `{source_norm target} : ${ftsString(inOrder.join(' '))} *`;
    const rows = this.stmt.phrase.all(match, from, to, JSON.stringify(reportIds)) as Candidate[];
    const needle = foldWord(norm);
    const hits = rows.filter((r) => foldWord(r.source).includes(needle) || foldWord(r.target).includes(needle));
    return rankMatches(hits, norm, limit, 0);
  }

  async close(): Promise<void> {
    // The connection belongs to whoever opened it (open.ts).
  }
}
