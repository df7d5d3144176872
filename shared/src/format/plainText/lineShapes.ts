/**
 * What a line of the plain-text format reads as by its shape alone. The parser uses it to cut
 * the body into blocks; the serializer asks the same questions to know which lines it must
 * protect with a leading `\`, so that both sides always agree.
 */

export const NUMBERED_RE = /^(\d{1,4})\.(?:[ \t]+(.*))?$/;
export const EXPLICIT_HEADING_RE = /^(#{1,6})[ \t]+(.*)$/;
export const STAR_FOOTNOTE_RE = /^(\*{1,3}|[†‡]{1,3})[ \t]+(\S.*)$/;
export const NUMERIC_FOOTNOTE_RE = /^(\d{1,3})[ \t]+(\S.*)$/;
export const BULLET_RE = /^[-•][ \t]+(.*)$/;

export type LineKind = 'escaped' | 'numbered' | 'heading' | 'bullet' | 'star' | 'plain';

export function lineKind(text: string): LineKind {
  if (text.startsWith('\\')) return 'escaped';
  if (NUMBERED_RE.test(text)) return 'numbered';
  if (EXPLICIT_HEADING_RE.test(text)) return 'heading';
  if (BULLET_RE.test(text)) return 'bullet';
  if (STAR_FOOTNOTE_RE.test(text)) return 'star';
  return 'plain';
}

/** A line that starts a block of its own even without a blank line before it. */
export function startsBlock(kind: LineKind): boolean {
  return kind !== 'plain' && kind !== 'escaped';
}

/** `1 text`, which reads as a footnote only at the end and only where the body refers to it. */
export const isNumericFootnote = (text: string) => NUMERIC_FOOTNOTE_RE.test(text);

/**
 * Heading level a single unnumbered line reads as (0: not a heading): short, no closing
 * punctuation, one sentence, starting with a capital or an uncased letter.
 */
export function headingLevelOf(text: string): number {
  if (text.length === 0 || text.length > 100) return 0;
  if (/[.,;:!?。，；：！？…"'»”)\]*}]$/u.test(text)) return 0;
  if (/[.!?]\s/.test(text) || text.includes('**')) return 0;
  return /^[\p{Lu}\p{Lo}]/u.test(text) ? 2 : 0;
}
