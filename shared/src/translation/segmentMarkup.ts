/**
 * A translated segment as the translation memory keeps it: the plain-text format's inline
 * markup (format/inlineMarkup.ts), so bold, italic, superscript ("1^{er}") and subscript
 * survive the trip through the memory, TMX files and pre-translation. Footnote references are
 * not kept: they point into one report.
 */
import type * as Y from 'yjs';
import type { PMInline } from '../model/schema';
import { readBlock } from '../model/yBody';
import { parseInlineMarkup, serializeInlineMarkup } from '../format/inlineMarkup';

/** Inline content without footnote references (what a memory entry can carry elsewhere). */
function portable(content: readonly PMInline[] | undefined): PMInline[] {
  return (content ?? []).filter((n) => n.type !== 'footnoteRef');
}

const MARKUP_CHARS = /[\\*_^{}]/;

/** The text of inline content, formatting aside (hard breaks as newlines). */
export function inlineText(content: readonly PMInline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === 'text' ? n.text : n.type === 'hardBreak' ? '\n' : '')).join('');
}

/** The markup of inline content. */
export function inlineToMarkup(content: readonly PMInline[] | undefined): string {
  const nodes = portable(content);
  // Unformatted text with no markup character reads back as itself: the common case, and a
  // 100,000-unit TMX import spends its time here.
  if (nodes.every((n) => n.type === 'text' && !n.marks?.length)) {
    const text = inlineText(nodes);
    if (!MARKUP_CHARS.test(text)) return text;
  }
  return serializeInlineMarkup(nodes);
}

/** The markup of a segment fragment's block ('' when it has none). */
export function segmentMarkup(fragment: Y.XmlFragment | undefined): string {
  if (!fragment) return '';
  const block = readBlock(fragment);
  if (!block || block.type === 'bulletList' || block.type === 'orderedList') return '';
  return inlineToMarkup(block.content);
}

/** The plain text a markup string shows (hard breaks as newlines). */
export function markupText(markup: string): string {
  return MARKUP_CHARS.test(markup) ? inlineText(parseInlineMarkup(markup)) : markup;
}

export { parseInlineMarkup as markupInline };
