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
 *
 * Fallback text keeps its own direction (English in an Arabic version reads left to right):
 * the result names the fallback blocks and fields (`fallback`) for renderers that set a
 * direction per element (HTML `dir`, DOCX bidi), and with `isolate` — for plain text and
 * Markdown, which have no elements — wraps each fallback line in Unicode isolates (LRI or RLI
 * … PDI) when the two languages' directions differ.
 */
import { inlineText, listBlocks } from '../model/blocks';
import type { PMBlock, PMDoc, PMInline, PMTextBlock, ReportContent, ReportMeta } from '../model/schema';
import { META_KEYS } from '../model/schema';
import { isRtl } from '../rooms';
import { segmentFor, textBlocks } from './align';

/** Unicode directional isolates: left-to-right, right-to-left, and their end. */
export const LRI = '\u2066';
export const RLI = '\u2067';
export const PDI = '\u2069';

/** Which blocks and masthead fields of a composed version are source-language fallback. */
export interface Fallback {
  lang: string;
  dir: 'ltr' | 'rtl';
  blocks: ReadonlySet<string>;
  meta: ReadonlySet<keyof ReportMeta>;
}

export interface ComposedTranslation extends ReportContent {
  fallback: Fallback;
}

export interface ComposeOptions {
  /** The version's language: with `isolate`, fallback lines are isolated when directions differ. */
  targetLanguage?: string;
  /** Wrap fallback text in Unicode isolates (plain text, Markdown). */
  isolate?: boolean;
}

/** Wraps each line of `text` in the isolate `open` … PDI (an isolate ends at a line break). */
function isolateLines(text: string, open: string): string {
  return text
    .split('\n')
    .map((line) => (line ? open + line + PDI : line))
    .join('\n');
}

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

function marked(content: readonly PMInline[] | undefined, mark: string, open: string | null): PMInline[] {
  if (!open) return [{ type: 'text', text: mark }, ...(content ?? [])];
  // Closed before each line break and opened again after it: an isolate ends with its line.
  const out: PMInline[] = [{ type: 'text', text: open + mark }];
  for (const node of content ?? []) {
    if (node.type === 'hardBreak') out.push({ type: 'text', text: PDI }, node, { type: 'text', text: open });
    else out.push(node);
  }
  out.push({ type: 'text', text: PDI });
  return out;
}

const LANGUAGE_NEUTRAL: ReadonlySet<keyof ReportMeta> = new Set(['symbol', 'originalLanguage']);

export function composeMeta(original: ReportMeta, translated: ReportMeta, mark: string, open: string | null = null, fallbackKeys?: Set<keyof ReportMeta>): ReportMeta {
  const meta: ReportMeta = {};
  for (const key of META_KEYS) {
    const own = translated[key];
    const fallback = original[key];
    if (LANGUAGE_NEUTRAL.has(key)) {
      const value = fallback ?? own;
      if (value !== undefined) meta[key] = value;
    } else if (own !== undefined && own !== '') meta[key] = own;
    else if (fallback !== undefined && fallback !== '') {
      meta[key] = open ? isolateLines(mark + fallback, open) : mark + fallback;
      fallbackKeys?.add(key);
    }
  }
  return meta;
}

export function composeTranslation(original: ReportContent, translation: TranslationContent, originalLanguage: string, options: ComposeOptions = {}): ComposedTranslation {
  const mark = untranslatedMark(originalLanguage);
  const sourceRtl = isRtl(originalLanguage);
  const directionsDiffer = options.targetLanguage !== undefined && isRtl(options.targetLanguage) !== sourceRtl;
  const open = options.isolate && directionsDiffer ? (sourceRtl ? RLI : LRI) : null;
  const fallbackBlocks = new Set<string>();
  const fallbackMeta = new Set<keyof ReportMeta>();
  const swap = (block: PMTextBlock): PMTextBlock => {
    const segment = translation.segments.get(block.attrs.pid);
    if (hasContent(segment)) return segmentFor(block, segment.content ?? []);
    fallbackBlocks.add(block.attrs.pid);
    return segmentFor(block, marked(block.content, mark, open));
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
  const meta = composeMeta(original.meta, translation.meta, mark, open, fallbackMeta);
  return { meta, body, fallback: { lang: originalLanguage, dir: sourceRtl ? 'rtl' : 'ltr', blocks: fallbackBlocks, meta: fallbackMeta } };
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
