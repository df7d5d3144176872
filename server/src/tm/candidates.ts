/**
 * Candidate retrieval shared by the stores: which entries are worth scoring for a query.
 * Both stores index the words of each source (letters and digits, diacritics folded, lower
 * case) and count, per word, how many sources hold it (`tm_terms`, with the number of sources
 * under the empty term). A lookup reads the entries holding the query's rarest words — words
 * found in more than a tenth of all sources ("the", "of") would make everything a candidate —
 * ranks them by the summed IDF of the words they share, and keeps the best few dozen that
 * hold at least 40% of the query's weight: Levenshtein, the costly step, runs on those only.
 */
import { normalizeText } from '../../../shared/src/hash';

export const CANDIDATES = 60;
export const SEARCH_WORDS = 8;
const COMMON_SHARE = 0.1;
const MIN_SHARED = 0.4;
/** The term under which `tm_terms` counts the sources themselves. */
export const TOTAL_TERM = '';

/** What an FTS tokenizer with diacritic folding makes of a word, near enough. */
export const foldWord = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The distinct indexed words of a text. */
export function termsOf(text: string): string[] {
  return [...new Set((normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? []).map(foldWord))];
}

export interface SearchWord {
  word: string;
  idf: number;
}

/** The query words to look up, rarest first, from their source counts. */
export function pickSearchWords(counts: readonly { word: string; docs: number }[], total: number): SearchWord[] {
  const known = counts.filter((w) => w.docs > 0).sort((a, b) => a.docs - b.docs);
  const rare = known.filter((w) => w.docs <= Math.max(50, total * COMMON_SHARE));
  return (rare.length ? rare : known.slice(0, 2))
    .slice(0, SEARCH_WORDS)
    .map((w) => ({ word: w.word, idf: Math.log(1 + Math.max(1, total) / w.docs) }));
}

/** The weight a candidate must reach: its share of the query's search words. */
export function candidateBar(words: readonly SearchWord[]): number {
  return MIN_SHARED * words.reduce((sum, w) => sum + w.idf, 0);
}

/** The entries worth scoring, from the summed weight of the search words each one holds. */
export function bestCandidates<K>(weights: ReadonlyMap<K, number>, words: readonly SearchWord[]): K[] {
  const bar = candidateBar(words);
  return [...weights]
    .filter(([, w]) => w >= bar)
    .sort((a, b) => b[1] - a[1])
    .slice(0, CANDIDATES)
    .map(([key]) => key);
}

/** Per-word changes of `tm_terms` when `before` is replaced by `after` (either may be absent). */
export function termDeltas(changes: readonly { before?: string; after?: string }[]): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (text: string, delta: number) => {
    deltas.set(TOTAL_TERM, (deltas.get(TOTAL_TERM) ?? 0) + delta);
    for (const t of termsOf(text)) deltas.set(t, (deltas.get(t) ?? 0) + delta);
  };
  for (const c of changes) {
    if (c.before !== undefined) add(c.before, -1);
    if (c.after !== undefined) add(c.after, 1);
  }
  for (const [term, delta] of deltas) if (delta === 0) deltas.delete(term);
  return deltas;
}
