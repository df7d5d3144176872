/**
 * The translation memory: pairs of (source segment, confirmed translation) from every report,
 * searched per language pair and limited to the reports a caller may see. Implementations
 * (SQLite FTS5, PostgreSQL pg_trgm) only retrieve candidates; every score comes from
 * `similarity` in scoring.ts, so both stores rank alike. One contract suite runs against each.
 */
import type { TmMatch } from '../../../shared/src/translation/tmMatch';

export interface TmEntry {
  reportId: string;
  pid: string;
  sourceLang: string;
  targetLang: string;
  source: string;
  target: string;
  /** Milliseconds since the epoch; the newer entry wins on upsert. */
  updatedAt: number;
  /** Imported units: the file name or TMX `creationid` they came from (TmMatch.origin). */
  origin?: string;
  /** Who created the entry (the importing user, or the confirming translator). */
  createdBy?: string;
  /** When it was first created (TMX `creationdate`); defaults to updatedAt. */
  createdAt?: number;
}

export type { TmMatch };

export interface TranslationMemory {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Inserts or replaces entries, keyed by (reportId, pid, targetLang), in one transaction.
   * Empty targets delete. Returns how many entries were written (an entry equal to the stored
   * one, or older than it, is not).
   */
  upsert(entries: readonly TmEntry[]): Promise<number>;
  /** Every entry of a language pair within the given reports, oldest first (TMX export). */
  entries(from: string, to: string, reportIds: readonly string[]): Promise<TmEntry[]>;
  /** Fuzzy matches of `q` (score ≥ the threshold), best first, at most `limit`. */
  search(q: string, from: string, to: string, reportIds: readonly string[], limit?: number): Promise<TmMatch[]>;
  /** Entries whose source or target contains `q` (case-insensitive), closest first. */
  concordance(q: string, from: string, to: string, reportIds: readonly string[], limit?: number): Promise<TmMatch[]>;
  close(): Promise<void>;
}

export const DEFAULT_LIMIT = 10;
