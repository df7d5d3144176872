/**
 * TM match scores: character Levenshtein distance between the normalised sources, turned into
 * a percentage of the longer one. 100 means equal after normalizeText (the same text but for
 * white space and Unicode composition); any other difference, even of case, scores at most 99.
 * Candidates whose lengths alone rule out the threshold are never compared.
 */
import { distance } from 'fastest-levenshtein';
import { normalizeText } from '../../../shared/src/hash';
import type { TmMatch } from './types';

export const FUZZY_THRESHOLD = 60;

export function similarity(a: string, b: string): number {
  const x = normalizeText(a);
  const y = normalizeText(b);
  if (x === y) return 100;
  const longest = Math.max(x.length, y.length);
  const score = Math.floor(100 * (1 - distance(x, y) / longest));
  return Math.max(0, Math.min(99, score));
}

/** Lengths a candidate may have and still reach `threshold` against a query of `length`. */
export function lengthWindow(length: number, threshold = FUZZY_THRESHOLD): { min: number; max: number } {
  const ratio = threshold / 100;
  return { min: Math.ceil(length * ratio), max: Math.floor(length / ratio) };
}

/** A stored entry that a store's index proposed for a query. */
export type Candidate = Omit<TmMatch, 'score' | 'origin'> & { origin?: string | null };

/** Scores candidates, drops repeats and those under `threshold`, sorts best first. */
export function rankMatches(rows: readonly Candidate[], query: string, limit: number, threshold: number): TmMatch[] {
  const seen = new Set<string>();
  const out: TmMatch[] = [];
  for (const r of rows) {
    const key = `${r.reportId}\u0000${r.pid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const score = similarity(query, r.source);
    if (score >= threshold) out.push({ source: r.source, target: r.target, score, reportId: r.reportId, pid: r.pid, ...(r.origin ? { origin: r.origin } : {}) });
  }
  out.sort((a, b) => b.score - a.score || a.source.length - b.source.length || a.reportId.localeCompare(b.reportId) || a.pid.localeCompare(b.pid));
  return out.slice(0, limit);
}
