/**
 * Document symbols found in running text ("… see CTOC/COP/2012/1."), by the one grammar in
 * grammar.ts: a candidate is a run of capitals and slash-separated components; it counts only
 * when the grammar accepts it, after dropping the sentence's closing punctuation.
 */
import { parseSymbol } from './grammar';

export interface FoundSymbol {
  symbol: string;
  /** UTF-16 offsets of the symbol in the text. */
  from: number;
  to: number;
}

const CANDIDATE_RE = /(?<![\p{L}\p{N}/.])[A-Z]{1,10}(?:\/[A-Za-z0-9.]+)+/gu;

export function findSymbols(text: string): FoundSymbol[] {
  const found: FoundSymbol[] = [];
  for (const m of text.matchAll(CANDIDATE_RE)) {
    const symbol = m[0].replace(/\.+$/, '');
    if (parseSymbol(symbol).ok) found.push({ symbol, from: m.index, to: m.index + symbol.length });
  }
  return found;
}

const RESOLUTION_RE = /(?<![\p{L}\p{N}/])\d+(?:\/\d+)+(?![\p{L}\p{N}/])/gu;

/** Resolution and decision numbers ("resolution 5/3"), which a translation keeps as written. */
export function findResolutionNumbers(text: string): FoundSymbol[] {
  return [...text.matchAll(RESOLUTION_RE)].map((m) => ({ symbol: m[0], from: m.index, to: m.index + m[0].length }));
}
