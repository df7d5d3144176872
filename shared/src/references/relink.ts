/**
 * Plain text back into live references. Two uses:
 * - a translation-memory or MT suggestion is plain text ("… au paragraphe 12 ci-dessus"): the
 *   source row's references are put back where their current numbers appear, in order, so an
 *   inserted suggestion keeps them;
 * - an imported text says "paragraph 12" in words: `findParagraphMentions` lists such mentions,
 *   in the languages of the UN, for the user to confirm before they become references.
 */
import type { PMInline } from '../model/schema';

export interface LabelledRef {
  target: string;
  label: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` (with `\n` as hard breaks) as inline content, each of `refs` linked at its number. */
export function relinkReferences(text: string, refs: readonly LabelledRef[]): PMInline[] {
  const pieces: (string | LabelledRef)[] = [];
  let rest = text;
  for (const ref of refs) {
    const m = new RegExp(`(?<![\\p{N}])${escape(ref.label)}(?![\\p{N}])`, 'u').exec(rest);
    if (!m) continue;
    pieces.push(rest.slice(0, m.index), ref);
    rest = rest.slice(m.index + m[0].length);
  }
  pieces.push(rest);
  const out: PMInline[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      out.push({ type: 'paragraphRef', attrs: { target: piece.target } });
      continue;
    }
    piece.split('\n').forEach((line, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      if (line) out.push({ type: 'text', text: line });
    });
  }
  return out;
}

export interface ParagraphMention {
  /** UTF-16 offsets of the number in the text. */
  from: number;
  to: number;
  number: number;
  /** The words around it, for the confirm list ("… in paragraph 12 above …"). */
  context: string;
}

// "paragraph 12", "paragraphs 3 and 4" (the first), "para. 5", "paragraphe 12", "párrafo 12",
// "пункт 12", "الفقرة 12", "第12段".
const MENTION_RE = /(?:\b(?:paragraphs?|paras?\.|paragraphes?|párrafos?|parrafos?)\s+|(?<![\p{L}])(?:пункт[а-я]*)\s+|الفقرة\s+|第)(\d{1,4})(?!\d)(?!\s*(?:of|de|del|du)\s+(?:the\s+|la\s+|l')?(?:article|resolution|résolution|resolución|rule|règle|Convention|Protocol))/giu;

export function findParagraphMentions(text: string): ParagraphMention[] {
  const out: ParagraphMention[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    const from = m.index + m[0].length - m[1].length;
    const to = from + m[1].length;
    out.push({ from, to, number: Number(m[1]), context: text.slice(Math.max(0, m.index - 30), Math.min(text.length, to + 30)).replace(/\s+/g, ' ') });
  }
  return out;
}
