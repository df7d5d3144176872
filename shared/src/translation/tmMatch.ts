/**
 * A translation-memory match as GET /api/tm sends it (docs/translation.md) and the stores
 * return it. Declared once so the server's stores and the client's TM panel cannot drift apart.
 */

export interface TmMatch {
  source: string;
  target: string;
  /** 0–100: 100 when the sources are equal after normalizeText, fuzzy below. */
  score: number;
  reportId: string;
  pid: string;
}
