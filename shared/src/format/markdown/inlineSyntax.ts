/**
 * Where Markdown's inline constructs end: entities, link text and destinations, emphasis.
 * Imported text may be hostile, so each scan here is bounded or, in the parser, memoised with
 * `closerSearch`: the parser must stay linear on text full of unmatched delimiters.
 */
import { isSpace, isWordChar } from '../delimiters';

export const isPunct = (c: string | undefined) => c !== undefined && /[!-/:-@[-`{-~]/.test(c);

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The character an entity at `i` stands for and the entity's length, or null. */
export function decodeEntity(src: string, i: number): [string, number] | null {
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/.exec(src.slice(i, i + 12));
  if (!m) return null;
  const code = m[1] ? Number(m[1]) : m[2] ? parseInt(m[2], 16) : undefined;
  if (code !== undefined) return code > 0 && code <= 0x10ffff ? [String.fromCodePoint(code), m[0].length] : null;
  const named = ENTITIES[m[3].toLowerCase()];
  return named ? [named, m[0].length] : null;
}

/** Longest link text looked at, which bounds the work on text full of unmatched `[`. */
const MAX_LINK_TEXT = 2000;

/** Index of the `]` closing a `[` at `open`, or -1. */
export function closingBracket(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length && j - open <= MAX_LINK_TEXT; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '[') depth++;
    else if (src[j] === ']' && --depth === 0) return j;
  }
  return -1;
}

const LINK_TITLE_RE = /\s*(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\))?\s*\)/y;

/** `(href "title")` after a link text: the href and the index after `)`, or null. */
export function linkDestination(src: string, open: number): { href: string; end: number } | null {
  if (src[open] !== '(') return null;
  let j = open + 1;
  while (src[j] === ' ') j++;
  let href = '';
  if (src[j] === '<') {
    // A bracketed destination ends at `>` on the same line, with no `<` inside.
    let close = j + 1;
    while (close < src.length && !'<>\n'.includes(src[close])) close++;
    if (src[close] !== '>') return null;
    href = src.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    for (; j < src.length && !isSpace(src[j]); j++) {
      if (src[j] === '\\' && isPunct(src[j + 1])) href += src[++j];
      else if (src[j] === '(') { depth++; href += '('; }
      else if (src[j] === ')') { if (depth-- === 0) break; href += ')'; }
      else href += src[j];
    }
  }
  LINK_TITLE_RE.lastIndex = j;
  const rest = LINK_TITLE_RE.exec(src);
  return rest ? { href, end: j + rest[0].length } : null;
}

/** Index of the `delim` closing emphasis whose content starts at `from`, or -1. */
export function findEmphasisClose(src: string, from: number, delim: string): number {
  for (let j = from; j < src.length; j++) {
    if (src[j] === '\\') { j++; continue; }
    if (src[j] === '`') {
      const close = src.indexOf('`', j + 1);
      if (close > 0) { j = close; continue; }
    }
    if (delim.length === 1 && src.startsWith(delim + delim, j)) { j++; continue; }
    if (src.startsWith(delim, j) && j > from && !isSpace(src[j - 1]) && !(delim[0] === '_' && isWordChar(src[j + delim.length]))) return j;
  }
  return -1;
}

/** Runs a sticky regex at `index`. */
export function matchAt(re: RegExp, src: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(src);
}
