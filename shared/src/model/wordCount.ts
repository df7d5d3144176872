/**
 * The word count of a report body, as UN word limits are applied: the text of the body's
 * paragraphs and headings (subparagraphs included); not the masthead (symbol, distribution,
 * date, session, agenda item, title), not the footnotes. A paragraph reference counts as the
 * word its number is. Counting follows word processors: a word is a run of non-space
 * characters holding a letter or digit; each Chinese or Japanese character counts as one word.
 */
import type { PMBlock, PMDoc, PMInline } from './schema';

const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORDISH = /[\p{L}\p{N}]/u;

export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/u)) {
    if (!token) continue;
    const eastAsian = token.match(EAST_ASIAN)?.length ?? 0;
    count += eastAsian;
    if (WORDISH.test(token.replace(EAST_ASIAN, ''))) count++;
  }
  return count;
}

/** Inline content as counted: text, a space for a line break, "0" for each paragraph reference. */
function countedText(content: readonly PMInline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === 'text' ? n.text : n.type === 'paragraphRef' ? '0' : n.type === 'hardBreak' ? ' ' : '')).join('');
}

/** Words of one block as counted for the limit (0 for footnotes). */
export function blockWords(block: PMBlock): number {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return countWords(countedText(block.content));
    case 'footnote':
      return 0;
    case 'bulletList':
    case 'orderedList':
      return (block.content ?? []).reduce((sum, item) => sum + (item?.content ?? []).reduce((s, b) => s + blockWords(b), 0), 0);
    default:
      return 0;
  }
}

export function bodyWordCount(doc: PMDoc): number {
  return (doc.content ?? []).reduce((sum, block) => sum + blockWords(block), 0);
}

export interface WordCountState {
  words: number;
  limit: number;
  over: boolean;
}

export function wordCountState(words: number, limit: number): WordCountState {
  return { words, limit, over: words > limit };
}

/**
 * Words of a translation: the same blocks as the original's count (paragraphs and headings,
 * not footnotes), each taken from its segment; untranslated rows count nothing.
 */
export function translationWordCount(original: PMDoc, segments: ReadonlyMap<string, PMBlock | null>): number {
  let words = 0;
  // Read defensively: a room's content is whatever clients wrote (a forged block may lack attrs).
  const visit = (blocks: readonly PMBlock[] | undefined) => {
    for (const block of blocks ?? []) {
      if (block.type === 'bulletList' || block.type === 'orderedList') for (const item of block.content ?? []) visit(item?.content);
      else if (block.type !== 'footnote') {
        const pid: unknown = block.attrs?.pid;
        const segment = typeof pid === 'string' ? segments.get(pid) : undefined;
        if (segment) words += blockWords(segment);
      }
    }
  };
  visit(original.content);
  return words;
}
