/**
 * A glossary entry as the glossary API (docs/translation.md) sends it and the stores keep it: an agreed
 * term pair of one language pair, shared by every report. Declared once so the server's stores
 * and routes and the client's grid cannot drift apart.
 */

export interface GlossaryEntry {
  id: string;
  /** Source and target language codes. */
  from: string;
  to: string;
  /** The source term and its agreed translation. */
  source: string;
  target: string;
  note: string;
  createdBy: string;
  createdAt: number;
}
