/**
 * A language version as a whole report: the original's structure (block order, numbering,
 * footnotes, lists) with every block's content taken from its translation segment, and the
 * masthead from the language room's meta. What translation exports render.
 *
 * Untranslated content: a block without a segment (or with an empty one) keeps its source
 * text, prefixed with the untranslated mark (`[EN] ` for an English original), and so does a
 * masthead field the language room lacks; the document symbol and the original language are
 * the same in every version and never marked. Stale segments (source changed since) are
 * exported as they are: they are translations, the grid flags them.
 * Importing such an export again skips marked blocks and fields (align.ts), so a round trip
 * never turns source text into a "translation".
 */
import { inlineText, listBlocks } from '../model/blocks';
import type { PMBlock, PMDoc, PMInline, PMTextBlock, ReportContent, ReportMeta } from '../model/schema';
import { META_KEYS } from '../model/schema';
import { segmentFor, textBlocks } from './align';

/** The prefix of source text standing in for a missing translation. */
export function untranslatedMark(originalLanguage: string): string {
  return `[${originalLanguage.toUpperCase()}] `;
}

export interface TranslationContent {
  /** pid → the translated block, as read from `segments` (null or absent: untranslated). */
  segments: ReadonlyMap<string, PMBlock | null>;
  /** The language room's meta. */
  meta: ReportMeta;
}

function hasContent(block: PMBlock | null | undefined): block is PMTextBlock {
  if (!block || block.type === 'bulletList' || block.type === 'orderedList') return false;
  return (block.content ?? []).some((n) => n.type === 'footnoteRef' || n.type === 'paragraphRef' || (n.type === 'text' && n.text.trim() !== ''));
}

function marked(content: readonly PMInline[] | undefined, mark: string): PMInline[] {
  return [{ type: 'text', text: mark }, ...(content ?? [])];
}

const LANGUAGE_NEUTRAL: ReadonlySet<keyof ReportMeta> = new Set(['symbol', 'originalLanguage']);

export function composeMeta(original: ReportMeta, translated: ReportMeta, mark: string): ReportMeta {
  const meta: ReportMeta = {};
  for (const key of META_KEYS) {
    const own = translated[key];
    const fallback = original[key];
    if (LANGUAGE_NEUTRAL.has(key)) {
      const value = fallback ?? own;
      if (value !== undefined) meta[key] = value;
    } else if (own !== undefined && own !== '') meta[key] = own;
    else if (fallback !== undefined && fallback !== '') meta[key] = mark + fallback;
  }
  return meta;
}

export function composeTranslation(original: ReportContent, translation: TranslationContent, originalLanguage: string): ReportContent {
  const mark = untranslatedMark(originalLanguage);
  const swap = (block: PMTextBlock): PMTextBlock => {
    const segment = translation.segments.get(block.attrs.pid);
    return hasContent(segment) ? segmentFor(block, segment.content ?? []) : segmentFor(block, marked(block.content, mark));
  };
  const visit = (blocks: readonly PMBlock[]): PMBlock[] =>
    blocks.map((block) => {
      switch (block.type) {
        case 'bulletList':
          return { ...block, content: block.content.map((item) => ({ ...item, content: visit(item.content) })) };
        case 'orderedList':
          return { ...block, content: block.content.map((item) => ({ ...item, content: visit(item.content) })) };
        default:
          return swap(block);
      }
    });
  const body: PMDoc = { type: 'doc', content: visit(original.body.content) };
  return { meta: composeMeta(original.meta, translation.meta, mark), body };
}

/** One row of a side-by-side view: the source block beside its translation. */
export interface BilingualRow {
  pid: string;
  type: PMTextBlock['type'];
  /** "1." for numbered paragraphs, the marker for footnotes, '' otherwise. */
  label: string;
  source: PMTextBlock;
  /** The translated block, or null when the row is untranslated. */
  target: PMTextBlock | null;
  sourceText: string;
  targetText: string;
}

export function bilingualRows(original: PMDoc, translation: TranslationContent): BilingualRow[] {
  const infos = listBlocks(original);
  const blocks = textBlocks(original);
  return infos.map((info, i) => {
    const segment = translation.segments.get(info.pid);
    const target = hasContent(segment) ? segmentFor(blocks[i], segment.content ?? []) : null;
    const label = info.number !== null ? `${info.number}.` : info.type === 'footnote' ? (info.marker ?? '') : '';
    return {
      pid: info.pid, type: info.type, label, source: blocks[i], target,
      sourceText: info.text, targetText: target ? inlineText(target.content) : '',
    };
  });
}
