/**
 * The front matter of a Markdown report: masthead paragraphs before a level-1 title, the title,
 * and the subtitle after it. Without a title, a first paragraph is the masthead only when one
 * of its lines shows it is (see `showsMasthead`). Meta strings are stored as plain-text markup.
 */
import type { PMInline, ReportMeta } from '../../model/schema';
import { serializeInlineMarkup } from '../inlineMarkup';
import { readMasthead, showsMasthead } from '../masthead';
import type { MdBlock } from './blocks';
import { parseInline, type InlineContext } from './inline';

export interface FrontMatter {
  meta: ReportMeta;
  /** Index of the first block of the body. */
  start: number;
}

/** Inline content as a meta string: plain-text markup, footnote references as their label. */
function metaString(text: string, ctx: InlineContext, labels: ReadonlyMap<string, string>): string {
  const content = parseInline(text, ctx).map((n): PMInline => (n.type === 'footnoteRef' ? { type: 'text', text: labels.get(n.attrs.target) ?? '' } : n));
  return serializeInlineMarkup(content);
}

/** `labels` maps a footnote's pid to its label, which references in meta strings become. */
export function readFrontMatter(blocks: readonly MdBlock[], ctx: InlineContext, labels: ReadonlyMap<string, string>): FrontMatter {
  const meta: ReportMeta = {};
  let start = 0;
  const titleAt = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const first = blocks[0];
  if (titleAt < 0 && first?.kind === 'paragraph' && !first.numbered && blocks.length > 1) {
    const lines = first.text.split('\n').map((l) => metaString(l.replace(/\\$/, ''), ctx, labels));
    if (lines.some(showsMasthead)) {
      Object.assign(meta, readMasthead(lines));
      start = 1;
    }
  }
  if (titleAt >= 0 && blocks.slice(0, titleAt).every((b) => b.kind === 'paragraph' && !b.numbered)) {
    const mastheadLines = blocks.slice(0, titleAt).flatMap((b) => (b.kind === 'paragraph' ? b.text.split('\n') : []));
    Object.assign(meta, readMasthead(mastheadLines.map((l) => metaString(l.replace(/\\$/, ''), ctx, labels))));
    const title = blocks[titleAt];
    meta.title = metaString(title.kind === 'heading' ? title.text : '', ctx, labels);
    start = titleAt + 1;
    const next = blocks[start];
    if (next?.kind === 'paragraph' && !next.numbered && blocks[start + 1]) {
      meta.subtitle = metaString(next.text, ctx, labels);
      start++;
    }
  }
  return { meta, start };
}
