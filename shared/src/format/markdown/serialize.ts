/**
 * Writing a report as Markdown: the masthead as one block of lines, the title as `#`, headings
 * as `##`, numbered paragraphs as `N\. text`, marks as emphasis or `<sup>`/`<sub>`, and
 * footnotes as `[^m]` references defined at the end.
 */
import { footnoteMarkers, listBlocks } from '../../model/blocks';
import type { BlockInfo, MarkType, PMBlock, PMInline, PMMark, ReportContent, ReportMeta } from '../../model/schema';
import { isSafeHref } from '../html';
import { parseInlineMarkup } from '../inlineMarkup';
import { sortMarks } from '../nodes';
import { escapeLineStart, escapeLines, escapeMarkdown } from './escape';

interface OpenMark {
  type: MarkType;
  href?: string;
}

function openMark(mark: OpenMark): string {
  switch (mark.type) {
    case 'link': return '[';
    case 'bold': return '**';
    case 'italic': return '*';
    case 'superscript': return '<sup>';
    case 'subscript': return '<sub>';
  }
}

function closeMark(mark: OpenMark): string {
  switch (mark.type) {
    case 'link': return `](${mark.href!.replace(/[()\\]/g, '\\$&')})`;
    case 'bold': return '**';
    case 'italic': return '*';
    case 'superscript': return '</sup>';
    case 'subscript': return '</sub>';
  }
}

function wantedMarks(marks: readonly PMMark[] | undefined): OpenMark[] {
  const out: OpenMark[] = [];
  for (const mark of marks ?? []) {
    if (mark.type !== 'link') out.push({ type: mark.type });
    else if (isSafeHref(mark.attrs?.href)) out.push({ type: 'link', href: (mark.attrs!.href as string).trim() });
  }
  return sortMarks(out);
}

/** Inline content as Markdown; `lineBreak` is how a hard break is written where it is allowed. */
function inlineMarkdown(content: readonly PMInline[] | undefined, markers: ReadonlyMap<string, string>, lineBreak = '\\\n'): string {
  let out = '';
  const open: OpenMark[] = [];
  const setMarks = (wanted: OpenMark[]) => {
    let keep = 0;
    while (keep < open.length && keep < wanted.length && open[keep].type === wanted[keep].type && open[keep].href === wanted[keep].href) keep++;
    while (open.length > keep) out += closeMark(open.pop()!);
    for (const mark of wanted.slice(keep)) {
      out += openMark(mark);
      open.push(mark);
    }
  };
  for (const node of content ?? []) {
    if (node.type === 'text') {
      setMarks(wantedMarks(node.marks));
      out += escapeMarkdown(node.text);
    } else if (node.type === 'hardBreak') out += lineBreak;
    else out += `[^${markers.get(node.attrs.target) ?? '?'}]`;
  }
  setMarks([]);
  return out;
}

/** A meta string (plain-text markup, `\n` line breaks) as Markdown. */
function metaMarkdown(text: string, lineBreak: string): string {
  return inlineMarkdown(parseInlineMarkup(text), new Map(), lineBreak);
}

function mastheadMarkdown(meta: ReportMeta, starMarkers: ReadonlySet<string>): string {
  const fields = [meta.symbol, meta.organ, meta.distribution, meta.date, meta.languageLine, meta.originalLine, meta.session, meta.place];
  const lines = fields.flatMap((v) => (v ? v.split('\n') : [])).map((l) => escapeLineStart(metaMarkdown(l, ' ')));
  if (meta.agendaItem) {
    // The agenda item's trailing marker becomes a reference to the footnote it announces.
    const marker = /([*†‡]+)$/.exec(meta.agendaItem)?.[1];
    const bound = marker && starMarkers.has(marker);
    const text = bound ? meta.agendaItem.slice(0, -marker.length) : meta.agendaItem;
    lines.push(escapeLineStart(metaMarkdown(text, ' ')) + (bound ? `[^${marker}]` : ''));
  }
  return lines.join('\\\n');
}

interface ExportContext {
  markers: ReadonlyMap<string, string>;
  infos: BlockInfo[];
  cursor: number;
}

function indentRest(text: string, indent: string): string {
  return text.split('\n').map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
}

function blockMarkdown(block: PMBlock, ctx: ExportContext): string {
  switch (block.type) {
    case 'paragraph': {
      const info = ctx.infos[ctx.cursor++];
      const text = escapeLines(inlineMarkdown(block.content, ctx.markers));
      return info.number !== null ? `${info.number}\\. ${text}` : text;
    }
    case 'heading': {
      ctx.cursor++;
      // A trailing `#` would read as the optional closing sequence of the heading.
      const text = inlineMarkdown(block.content, ctx.markers, '<br>').replace(/#$/, '\\#');
      return `${'#'.repeat(Math.min(6, Math.max(2, block.attrs.level)))} ${text}`;
    }
    case 'footnote': {
      const info = ctx.infos[ctx.cursor++];
      return `[^${info.marker}]: ${indentRest(inlineMarkdown(block.content, ctx.markers), '    ')}`;
    }
    case 'bulletList':
    case 'orderedList': {
      const start = block.type === 'orderedList' ? (block.attrs?.start ?? 1) : 1;
      return block.content
        .map((item, i) => {
          const bullet = block.type === 'bulletList' ? '- ' : `${start + i}. `;
          const indent = ' '.repeat(bullet.length);
          const body = item.content.map((child) => blockMarkdown(child, ctx)).join('\n\n');
          return bullet + indentRest(body, indent);
        })
        .join('\n');
    }
  }
}

/** The report as Markdown; numbers computed in document order, footnotes defined at the end. */
export function serializeMarkdown(content: ReportContent): string {
  const { meta, body } = content;
  const markers = footnoteMarkers(body);
  const parts: string[] = [];
  const masthead = mastheadMarkdown(meta, new Set(markers.values()));
  if (masthead) parts.push(masthead);
  if (meta.title) parts.push(`# ${metaMarkdown(meta.title, '<br>').replace(/#$/, '\\#')}`);
  if (meta.subtitle) parts.push(escapeLines(metaMarkdown(meta.subtitle, '\\\n')));
  const ctx: ExportContext = { markers, infos: listBlocks(body), cursor: 0 };
  const footnotes: string[] = [];
  for (const block of body.content) {
    const text = blockMarkdown(block, ctx);
    (block.type === 'footnote' ? footnotes : parts).push(text);
  }
  if (footnotes.length) parts.push(footnotes.join('\n'));
  return parts.join('\n\n') + '\n';
}

