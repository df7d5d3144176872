/**
 * Writing a report in the samples' plain-text layout. The format has little syntax, so most
 * of the work is protecting lines with a leading `\` wherever they would read back as
 * something else (a number, heading, list item, footnote or front matter).
 */
import { footnoteMarkers, listBlocks } from '../../model/blocks';
import type { BlockInfo, PMBlock, PMParagraph, ReportContent, ReportMeta } from '../../model/schema';
import { serializeInlineMarkup } from '../inlineMarkup';
import { mastheadAnchor } from '../masthead';
import { headingLevelOf, isNumericFootnote, lineKind } from './lineShapes';

/** The masthead as groups of lines, laid out as in the samples. */
function mastheadGroups(meta: ReportMeta): string[][] {
  const lines = (...values: (string | undefined)[]) => values.flatMap((v) => (v ? v.split('\n') : []));
  const groups = [lines(meta.symbol), lines(meta.organ)];
  // The English sample sets "Original:" apart; translations print the language line in one block.
  if (meta.languageLine) groups.push(lines(meta.distribution, meta.date, meta.languageLine, meta.originalLine));
  else groups.push(lines(meta.distribution, meta.date), lines(meta.originalLine));
  groups.push(lines(meta.session), lines(meta.place), lines(meta.agendaItem));
  return groups.filter((g) => g.length > 0);
}

/** `(a)`, `(b)`, … `(z)`, `(aa)`, `(bb)`: the lettering of UN subparagraphs. */
function letterLabel(index: number): string {
  return String.fromCharCode(97 + (index % 26)).repeat(1 + Math.floor(index / 26));
}

/** Prefixes `\` to a line that would read back as something other than text. */
function protectLine(line: string, trailing: boolean): string {
  if (line === '' || lineKind(line) !== 'plain' || (trailing && isNumericFootnote(line))) return `\\${line}`;
  return line;
}

interface SerializeContext {
  markers: ReadonlyMap<string, string>;
  infos: BlockInfo[];
  cursor: number;
  /** Without a title, leading lines that look like a masthead or a title would read as one. */
  noTitle: boolean;
  /** True until the first numbered paragraph. */
  leading: boolean;
  /**
   * True for the first body block where its first line would be read as front matter: the
   * subtitle after a title without one, or the date or place after a masthead without title.
   */
  frontSlot: boolean;
  /** True when only footnotes follow, where `1 text` would read as a footnote. */
  trailing: boolean;
}

/** Protects the lines of a block; `first` says whether line 0 is the block's own first line. */
function protectLines(lines: readonly string[], ctx: SerializeContext, first: boolean): string[] {
  return lines.map((line, i) => {
    const out = protectLine(line, ctx.trailing);
    if (out !== line) return out;
    const frontMatter = (first && i === 0 && ctx.frontSlot) || (ctx.leading && ctx.noTitle && (line.startsWith('**') || mastheadAnchor(line) !== null));
    return frontMatter ? `\\${line}` : line;
  });
}

function paragraphLines(block: PMParagraph, info: BlockInfo, ctx: SerializeContext): string[] {
  const lines = serializeInlineMarkup(block.content, ctx.markers).split('\n');
  if (info.number !== null) return [`${info.number}. ${lines[0]}`.trimEnd(), ...protectLines(lines.slice(1), ctx, false)];
  const out = protectLines(lines, ctx, true);
  if (lines.length === 1 && headingLevelOf(lines[0]) > 0 && !out[0].startsWith('\\')) out[0] = `\\${out[0]}`;
  return out;
}

/**
 * A list as groups of lines. Bullet items share a group (`- ` starts a block by itself);
 * ordered items are written lettered, UN style, each in its own group, and read back as
 * paragraphs: the plain-text format has no ordered lists of its own.
 */
function listGroups(block: PMBlock, depth: number, ctx: SerializeContext): string[][] {
  const indent = '  '.repeat(depth);
  if (block.type !== 'bulletList' && block.type !== 'orderedList') {
    return blockGroups(block, ctx).map((g) => g.map((l) => indent + l));
  }
  const start = block.type === 'orderedList' ? Math.max(1, block.attrs?.start ?? 1) : 1;
  const groups: string[][] = [];
  block.content.forEach((item, i) => {
    const prefix = block.type === 'bulletList' ? '- ' : `(${letterLabel(start - 1 + i)}) `;
    item.content.forEach((child, c) => {
      if (c > 0 || child.type === 'bulletList' || child.type === 'orderedList') {
        groups.push(...listGroups(child, depth + 1, ctx));
        return;
      }
      // The item prefix already keeps the text from reading as anything else.
      const [first, ...rest] = blockGroups(child, ctx).flat();
      const lines = [indent + prefix + first.replace(/^\\/, ''), ...rest.map((l) => indent + l)];
      const previous = groups[groups.length - 1];
      if (block.type === 'bulletList' && i > 0 && previous) previous.push(...lines);
      else groups.push(lines);
    });
  });
  return groups;
}

function blockGroups(block: PMBlock, ctx: SerializeContext): string[][] {
  switch (block.type) {
    case 'paragraph':
      return [paragraphLines(block, ctx.infos[ctx.cursor++], ctx)];
    case 'heading': {
      ctx.cursor++;
      const text = serializeInlineMarkup(block.content, ctx.markers);
      const plain = block.attrs.level === 2 && !text.includes('\n') && headingLevelOf(text) === 2 && protectLines([text], ctx, true)[0] === text;
      if (plain) return [[text]];
      const [first, ...rest] = text.split('\n');
      const hashes = '#'.repeat(Math.min(6, Math.max(1, block.attrs.level)));
      return [[`${hashes} ${first}`.trimEnd(), ...protectLines(rest, ctx, false)]];
    }
    case 'footnote': {
      const info = ctx.infos[ctx.cursor++];
      const [first, ...rest] = serializeInlineMarkup(block.content, ctx.markers).split('\n');
      return [[`${info.marker} ${first}`.trimEnd(), ...rest.map((l) => protectLine(l, true))]];
    }
    case 'bulletList':
    case 'orderedList':
      return listGroups(block, 0, ctx);
  }
}

/** Writes a report in the samples' layout: one group of lines per field or block, blank lines between. */
export function serializePlainText(content: ReportContent): string {
  const { meta, body } = content;
  const groups = mastheadGroups(meta);
  if (meta.title) {
    const lines = meta.title.split('\n');
    lines[0] = `**${lines[0]}`;
    lines[lines.length - 1] += '**';
    groups.push(lines);
  }
  if (meta.subtitle) groups.push(meta.subtitle.split('\n'));
  const ctx: SerializeContext = {
    markers: footnoteMarkers(body),
    infos: listBlocks(body),
    cursor: 0,
    noTitle: !meta.title,
    leading: true,
    frontSlot: meta.title ? !meta.subtitle : groups.length > 0,
    trailing: false,
  };
  let lastOther = body.content.length - 1;
  while (lastOther >= 0 && body.content[lastOther].type === 'footnote') lastOther--;
  body.content.forEach((block, k) => {
    ctx.trailing = k >= lastOther;
    groups.push(...blockGroups(block, ctx));
    if (block.type === 'paragraph' && block.attrs.numbered) ctx.leading = false;
    ctx.frontSlot = false;
  });
  return groups.map((g) => g.join('\n')).join('\n\n') + '\n';
}
