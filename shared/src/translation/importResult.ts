/**
 * What importing a translation file into a language version reports back
 * (`POST /api/reports/:id/import`, docs/translation.md): the server fills it in, the grid
 * turns it into a message.
 */

/** Told by the file's content, not its name. */
export type ImportFormat = 'txt' | 'docx' | 'xliff';

export interface ImportResult {
  format: ImportFormat;
  /** Rows written (now `translated`). */
  imported: number;
  /** Rows whose translation was already the same (their state is kept). */
  unchanged: number;
  /** Pieces of the file that found no source block; `line` is null where the format has none. */
  unmatched: { line: number | null; text: string }[];
  /** Source blocks the file had no translation for. */
  missing: number;
  /** Blocks the file marks as untranslated. */
  skipped: number;
}
