/**
 * What the two inline parsers (plain-text markup and Markdown) share about delimiters: which
 * neighbours let one open or close, and a search for its closer that stays linear on hostile
 * text such as thousands of unmatched `*` or `[`.
 */

export const isSpace = (c: string | undefined) => c === undefined || c === ' ' || /\s/.test(c);

/** Letters and digits of any script; the ASCII test first, as it is by far the common case. */
export const isWordChar = (c: string | undefined) => c !== undefined && (c < '\u0080' ? /[A-Za-z0-9]/.test(c) : /[\p{L}\p{N}]/u.test(c));

/** Finds a closer of kind `key` from `from` on with `find`; -1 when there is none. */
export type CloserSearch = (key: string, from: number, find: () => number) => number;

/**
 * A search that found no closer from some point will find none from further on: remembering
 * that, per kind of closer, keeps text full of unmatched delimiters linear instead of
 * quadratic. One per text scanned, since the memo holds positions in it.
 */
export function closerSearch(): CloserSearch {
  const failedFrom = new Map<string, number>();
  return (key, from, find) => {
    const failed = failedFrom.get(key);
    if (failed !== undefined && from >= failed) return -1;
    const found = find();
    if (found < 0) failedFrom.set(key, Math.min(failed ?? from, from));
    return found;
  };
}
