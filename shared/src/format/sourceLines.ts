/**
 * An imported text file as numbered lines, so that every ImportError can name the line at
 * fault, and the test both text importers use to refuse binary input before parsing it.
 */

export interface Line {
  text: string;
  /** 1-based line number in the input. */
  no: number;
}

/** The file's lines, byte-order mark dropped, whatever the line endings. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Control characters other than tab, line breaks, vertical tab and form feed mean binary input. */
const BINARY_RE = /[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/;

/** The first character of `line` that only binary data would hold, as `U+XXXX`, or null. */
export function binaryCharacter(line: string): string | null {
  const bad = BINARY_RE.exec(line);
  return bad ? `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}
