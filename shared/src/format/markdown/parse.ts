/**
 * Reading a Markdown report into the report model. Footnote definitions are taken out first,
 * so references anywhere can be bound to them; a loose `1.` list of single paragraphs, the
 * usual way to write numbered paragraphs in Markdown, becomes numbered paragraphs.
 */
import { ImportError } from '../../errors';
import { newPid } from '../../model/pid';
import type { PMBlock, PMInline, PMListItem, ReportContent } from '../../model/schema';
import { appendText, footnoteNode, headingNode, paragraphNode } from '../nodes';
import { binaryCharacter, splitLines, type Line } from '../sourceLines';
import { isBlank, parseBlocks, type MdBlock } from './blocks';
import { readFrontMatter } from './frontMatter';
import { parseInline, type InlineContext } from './inline';

const FOOTNOTE_DEF_RE = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/;

interface FootnoteDef {
  label: string;
  pid: string;
  lines: string[];
}

function readLines(md: string): Line[] {
  return splitLines(md).map((text, i) => {
    if (binaryCharacter(text)) throw new ImportError('binary data', i + 1);
    // Trailing white space matters only as two spaces, a hard break.
    const line = text.replace(/\t/g, '    ');
    const trimmed = line.trimEnd();
    return { text: line.startsWith('  ', trimmed.length) ? `${trimmed}  ` : trimmed, no: i + 1 };
  });
}

/** Takes `[^label]: text` definitions (and their indented continuation lines) out of the text. */
function extractFootnotes(lines: readonly Line[]): { rest: Line[]; defs: FootnoteDef[] } {
  const rest: Line[] = [];
  const defs: FootnoteDef[] = [];
  const labels = new Set<string>();
  let current: FootnoteDef | null = null;
  for (const line of lines) {
    const def = FOOTNOTE_DEF_RE.exec(line.text);
    if (def && !labels.has(def[1])) {
      labels.add(def[1]);
      defs.push((current = { label: def[1], pid: newPid(), lines: [def[2]] }));
    } else if (current && /^( {2,}|\t)\S/.test(line.text)) {
      current.lines.push(line.text.trim());
    } else {
      if (!isBlank(line)) current = null;
      rest.push(line);
    }
  }
  return { rest, defs };
}

function textBlock(block: MdBlock, ctx: InlineContext, numbered: boolean): PMBlock {
  if (block.kind === 'heading') return headingNode(parseInline(block.text, ctx), block.level);
  const content: PMInline[] = [];
  if (block.kind === 'code') appendText(content, block.text, []);
  else content.push(...parseInline(block.kind === 'paragraph' ? block.text : '', ctx));
  return paragraphNode(content, numbered);
}

function listItem(blocks: MdBlock[], ctx: InlineContext): PMListItem {
  const content = blocks.flatMap((b) => toModel(b, ctx, false));
  return { type: 'listItem', content: content.length ? content : [paragraphNode([], false)] };
}

function toModel(block: MdBlock, ctx: InlineContext, topLevel: boolean): PMBlock[] {
  switch (block.kind) {
    case 'heading':
      return [textBlock(block, ctx, false)];
    case 'code':
      return [textBlock(block, ctx, false)];
    case 'paragraph':
      return [textBlock(block, ctx, topLevel && block.numbered)];
    case 'list': {
      const paragraphsOnly = block.items.every((item) => item.length === 1 && item[0].kind === 'paragraph');
      if (topLevel && block.ordered && (block.loose || block.items.length === 1) && paragraphsOnly) {
        return block.items.map((item) => textBlock(item[0], ctx, true));
      }
      const content = block.items.map((item) => listItem(item, ctx));
      if (!block.ordered) return [{ type: 'bulletList', content }];
      return [{ type: 'orderedList', ...(block.start !== 1 ? { attrs: { start: block.start } } : {}), content }];
    }
  }
}

/** Reads a Markdown report. Throws ImportError for empty or binary input. */
export function parseMarkdown(md: string): ReportContent {
  const all = readLines(md);
  if (all.every(isBlank)) throw new ImportError('the document is empty', 1);
  const { rest, defs } = extractFootnotes(all);
  const ctx: InlineContext = { footnotes: new Map(defs.map((d) => [d.label, d.pid])) };
  const blocks = parseBlocks(rest);
  const { meta, start } = readFrontMatter(blocks, ctx, new Map(defs.map((d) => [d.pid, d.label])));
  const content = blocks.slice(start).flatMap((b) => toModel(b, ctx, true));
  const footnotes = defs.map((d) => {
    // `*`-style labels stay markers; other labels are numbered again from document order.
    const marker = /^[*†‡]+$/.test(d.label) ? d.label : '';
    return footnoteNode(parseInline(d.lines.join('\n'), ctx), marker, d.pid);
  });
  if (content.length === 0 && footnotes.length === 0) content.push(paragraphNode([], false));
  return { meta, body: { type: 'doc', content: [...content, ...footnotes] } };
}
