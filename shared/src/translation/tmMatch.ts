/**
 * A translation-memory match as GET /api/tm sends it (docs/translation.md) and the stores
 * return it. Declared once so the server's stores and the client's TM panel cannot drift apart.
 */

export interface TmMatch {
  source: string;
  /** The translation in the plain-text format's inline markup ("1^{er}", "**bold**"). */
  target: string;
  /** 0–100: 100 when the sources are equal after normalizeText, fuzzy below. */
  score: number;
  reportId: string;
  pid: string;
  /**
   * For imported memories (reportId IMPORTED_TM): the file name or TMX `creationid` the unit
   * came from. Absent for rows confirmed in Plenary.
   */
  origin?: string;
}

/** The reportId under which imported units (TMX) are kept: not a valid report id, so never a report's. */
export const IMPORTED_TM = '*import';
