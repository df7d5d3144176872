/**
 * The block structure of a Markdown report, before it becomes report blocks: headings,
 * paragraphs (`N\.` numbered ones apart), code and lists, the subset of CommonMark/GFM that
 * reports use. Quotes are read through; nesting is capped so hostile input cannot recurse deep.
 */
import type { Line } from '../sourceLines';

export type MdBlock =
  | { kind: 'heading'; level: number; text: string; no: number }
  | { kind: 'paragraph'; text: string; numbered: boolean; no: number }
  | { kind: 'code'; text: string; no: number }
  | { kind: 'list'; ordered: boolean; start: number; loose: boolean; items: MdBlock[][]; no: number };

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_RE = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const RULE_RE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE_RE = /^ {0,3}> ?/;
const NUMBERED_RE = /^ {0,3}(\d{1,9})\\\.[ \t]+(.*)$/;
const ITEM_RE = /^( {0,3})([-*+]|(\d{1,9})([.)]))(?:([ \t]+)(.*))?$/;

export const isBlank = (l: Line) => l.text.trim() === '';

/** Lines that end a paragraph without a blank line before them. */
function interruptsParagraph(text: string): boolean {
  if (FENCE_RE.test(text) || ATX_RE.test(text) || RULE_RE.test(text) || QUOTE_RE.test(text) || NUMBERED_RE.test(text)) return true;
  const item = ITEM_RE.exec(text);
  return Boolean(item && item[6] && (!item[3] || item[3] === '1'));
}

/** An ATX heading's level and text, without the optional closing `#`s. */
function atxHeading(text: string): { level: number; text: string } | null {
  const open = ATX_RE.exec(text);
  if (!open) return null;
  let body = text.slice(open[0].length).trim();
  const closing = /(?:^|[ \t])#+$/.exec(body.slice(-64));
  if (closing) body = body.slice(0, body.length - closing[0].length).trim();
  return { level: open[1].length, text: body };
}

/** Lists and quotes nest no deeper than this; deeper markers read as text. */
const MAX_DEPTH = 16;

function parseList(lines: readonly Line[], at: number, depth: number): { block: MdBlock; next: number } {
  const first = ITEM_RE.exec(lines[at].text)!;
  const ordered = Boolean(first[3]);
  const kindOf = (m: RegExpExecArray) => (m[3] ? `o${m[4]}` : `b${m[2]}`);
  const kind = kindOf(first);
  const items: Line[][] = [];
  let loose = false;
  let i = at;
  while (i < lines.length) {
    const m = ITEM_RE.exec(lines[i].text);
    if (!m || kindOf(m) !== kind) break;
    const content = m[1].length + m[2].length + Math.min(4, m[5]?.length ?? 1);
    const itemLines: Line[] = [{ text: m[6] ?? '', no: lines[i].no }];
    i++;
    let sawBlank = false;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        sawBlank = true;
        itemLines.push({ text: '', no: line.no });
        i++;
        continue;
      }
      const indent = /^ */.exec(line.text)![0].length;
      if (indent >= content) itemLines.push({ text: line.text.slice(content), no: line.no });
      else if (!sawBlank && !ITEM_RE.test(line.text) && !interruptsParagraph(line.text)) itemLines.push({ text: line.text.trim(), no: line.no });
      else break;
      if (sawBlank) loose = true;
      sawBlank = false;
      i++;
    }
    while (itemLines.length > 1 && itemLines[itemLines.length - 1].text === '') itemLines.pop();
    items.push(itemLines);
    if (sawBlank && i < lines.length && ITEM_RE.test(lines[i].text)) loose = true;
  }
  const block: MdBlock = { kind: 'list', ordered, start: ordered ? Number(first[3]) : 1, loose, items: items.map((item) => parseBlocks(item, depth + 1)), no: lines[at].no };
  return { block, next: i };
}

/** The blocks of `lines`; `depth` counts the lists and quotes around them. */
export function parseBlocks(lines: readonly Line[], depth = 0): MdBlock[] {
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const text = line.text;
    if (isBlank(line) || RULE_RE.test(text)) {
      i++;
      continue;
    }
    const fence = FENCE_RE.exec(text);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].text.trim().startsWith(fence[1])) body.push(lines[i++].text);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n'), no: line.no });
      continue;
    }
    const atx = atxHeading(text);
    if (atx) {
      blocks.push({ kind: 'heading', level: atx.level, text: atx.text, no: line.no });
      i++;
      continue;
    }
    if (QUOTE_RE.test(text) && depth < MAX_DEPTH) {
      const quoted: Line[] = [];
      while (i < lines.length && !isBlank(lines[i])) quoted.push({ text: lines[i].text.replace(QUOTE_RE, ''), no: lines[i++].no });
      blocks.push(...parseBlocks(quoted, depth + 1));
      continue;
    }
    if (depth < MAX_DEPTH && (ITEM_RE.exec(text)?.[6] !== undefined || /^ {0,3}([-*+]|\d{1,9}[.)])$/.test(text))) {
      const { block, next } = parseList(lines, i, depth);
      blocks.push(block);
      i = next;
      continue;
    }
    const numbered = NUMBERED_RE.exec(text);
    const paragraph: string[] = [numbered ? numbered[2] : text];
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !interruptsParagraph(lines[i].text)) {
      const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(lines[i].text);
      if (underline && !numbered) {
        blocks.push({ kind: 'heading', level: underline[1][0] === '=' ? 1 : 2, text: paragraph.join('\n'), no: line.no });
        paragraph.length = 0;
        i++;
        break;
      }
      paragraph.push(lines[i++].text);
    }
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join('\n'), numbered: Boolean(numbered), no: line.no });
  }
  return blocks;
}
