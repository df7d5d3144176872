/**
 * Markdown export and import of a report.
 *
 * Export: the masthead as one block of lines (backslash hard breaks), the title as `#`,
 * headings as `##`, numbered paragraphs as `N\. text` — the escaped dot keeps renderers from
 * turning them into a list that renumbers itself — bold, italic, `<sup>`/`<sub>`, footnotes as
 * `[^m]` references with `[^m]: text` definitions at the end (a `*` marker stays `*`).
 *
 * Import reads the subset of CommonMark/GFM that reports use: ATX and setext headings,
 * paragraphs, `N\.` numbered paragraphs, lists (a loose `1.` list, one paragraph per item, is
 * the usual way to write numbered paragraphs, so it becomes them), emphasis, links, footnotes,
 * `<sup>`/`<sub>`/`<br>`; other HTML tags are dropped and their text kept.
 *
 * Invariant: a link is kept, on export and import alike, only when `isSafeHref` accepts it.
 */
import { ImportError } from '../errors';
import { footnoteMarkers, listBlocks } from '../model/blocks';
import { newPid } from '../model/pid';
import type { BlockInfo, MarkType, PMBlock, PMFootnote, PMInline, PMListItem, PMMark, ReportContent, ReportMeta } from '../model/schema';
import { isSafeHref } from './html';
import { appendText, mastheadAnchor, parseInlineMarkup, readMasthead, serializeInlineMarkup } from './plainText';

// ---------------------------------------------------------------------------------------------
// Export

const MARK_ORDER: readonly MarkType[] = ['link', 'bold', 'italic', 'superscript', 'subscript'];

interface OpenMark {
  type: MarkType;
  href?: string;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Keeps a line of text from starting a heading, quote, list, rule or code block. */
function escapeLineStart(line: string): string {
  const text = line.replace(/^\s+/, '');
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1].length)}`;
  return /^[#>+\-=|~`]/.test(text) ? `\\${text}` : text;
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
  return out.sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
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

const escapeLines = (text: string) => text.split('\n').map(escapeLineStart).join('\n');

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

// ---------------------------------------------------------------------------------------------
// Import: inline

interface Line {
  text: string;
  no: number;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const TAG_MARKS: Readonly<Record<string, MarkType>> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', sup: 'superscript', sub: 'subscript' };
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[!-/:-@[-`{-~]/.test(c);

function decodeEntity(src: string, i: number): [string, number] | null {
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/.exec(src.slice(i, i + 12));
  if (!m) return null;
  const code = m[1] ? Number(m[1]) : m[2] ? parseInt(m[2], 16) : undefined;
  if (code !== undefined) return code > 0 && code <= 0x10ffff ? [String.fromCodePoint(code), m[0].length] : null;
  const named = ENTITIES[m[3].toLowerCase()];
  return named ? [named, m[0].length] : null;
}

/** Longest link text looked at, which bounds the work on text full of unmatched `[`. */
const MAX_LINK_TEXT = 2000;

/** Index of the `]` closing a `[` at `open`, or -1. */
function closingBracket(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length && j - open <= MAX_LINK_TEXT; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '[') depth++;
    else if (src[j] === ']' && --depth === 0) return j;
  }
  return -1;
}

const LINK_TITLE_RE = /\s*(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\))?\s*\)/y;

/** `(href "title")` after a link text: the href and the index after `)`, or null. */
function linkDestination(src: string, open: number): { href: string; end: number } | null {
  if (src[open] !== '(') return null;
  let j = open + 1;
  while (src[j] === ' ') j++;
  let href = '';
  if (src[j] === '<') {
    // A bracketed destination ends at `>` on the same line, with no `<` inside.
    let close = j + 1;
    while (close < src.length && !'<>\n'.includes(src[close])) close++;
    if (src[close] !== '>') return null;
    href = src.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    for (; j < src.length && !isSpace(src[j]); j++) {
      if (src[j] === '\\' && isPunct(src[j + 1])) href += src[++j];
      else if (src[j] === '(') { depth++; href += '('; }
      else if (src[j] === ')') { if (depth-- === 0) break; href += ')'; }
      else href += src[j];
    }
  }
  LINK_TITLE_RE.lastIndex = j;
  const rest = LINK_TITLE_RE.exec(src);
  return rest ? { href, end: j + rest[0].length } : null;
}

function findEmphasisClose(src: string, from: number, delim: string): number {
  for (let j = from; j < src.length; j++) {
    if (src[j] === '\\') { j++; continue; }
    if (src[j] === '`') {
      const close = src.indexOf('`', j + 1);
      if (close > 0) { j = close; continue; }
    }
    if (delim.length === 1 && src.startsWith(delim + delim, j)) { j++; continue; }
    if (src.startsWith(delim, j) && j > from && !isSpace(src[j - 1]) && !(delim[0] === '_' && isWordChar(src[j + delim.length]))) return j;
  }
  return -1;
}

interface InlineContext {
  /** Footnote label → pid of its footnote block. */
  footnotes: ReadonlyMap<string, string>;
}

function withMark(marks: readonly PMMark[], mark: PMMark): PMMark[] {
  const rest = marks.filter((m) => m.type !== mark.type);
  return [...rest, mark].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

const AUTOLINK_RE = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const TAG_RE = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s[^<>]*)?)\/?>/y;
const NOTE_REF_RE = /\[\^([^\]\s]+)\]/y;
const BACKTICKS_RE = /`+/y;

/** Runs a sticky regex at `index`. */
function matchAt(re: RegExp, src: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(src);
}

function parseInlineInto(src: string, marks: readonly PMMark[], out: PMInline[], ctx: InlineContext): void {
  let buf = '';
  const flush = () => {
    if (buf) appendText(out, buf, marks);
    buf = '';
  };
  const nested = (inner: string, mark: PMMark | null) => {
    flush();
    parseInlineInto(inner, mark ? withMark(marks, mark) : marks, out, ctx);
  };
  // A search for a closer that failed from some point fails from any later point too:
  // remembering it keeps text full of unmatched delimiters linear.
  const failedFrom = new Map<string, number>();
  const search = (key: string, from: number, find: () => number) => {
    const failed = failedFrom.get(key);
    if (failed !== undefined && from >= failed) return -1;
    const found = find();
    if (found < 0) failedFrom.set(key, Math.min(failed ?? from, from));
    return found;
  };
  let lower: string | null = null;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && src[i + 1] === '\n') {
      flush();
      out.push({ type: 'hardBreak' });
      i += 2;
      continue;
    }
    if (c === '\\' && isPunct(src[i + 1])) {
      buf += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      // Two trailing spaces make a hard break; otherwise a line break is a space. The spaces
      // are counted in the source and the text flushed line by line, so this stays linear.
      let blanks = 0;
      while (i - blanks > 0 && (src[i - blanks - 1] === ' ' || src[i - blanks - 1] === '\t')) blanks++;
      buf = buf.slice(0, Math.max(0, buf.length - blanks));
      flush();
      if (blanks >= 2) out.push({ type: 'hardBreak' });
      else buf = ' ';
      i++;
      while (src[i] === ' ' || src[i] === '\t') i++;
      continue;
    }
    if (c === '`') {
      const run = matchAt(BACKTICKS_RE, src, i)![0];
      const close = search(run, i + run.length, () => src.indexOf(run, i + run.length));
      if (close > 0) {
        buf += src.slice(i + run.length, close).replace(/\n/g, ' ').replace(/^ (.*) $/, '$1');
        i = close + run.length;
      } else {
        buf += run;
        i += run.length;
      }
      continue;
    }
    if (c === '<') {
      const autolink = matchAt(AUTOLINK_RE, src, i);
      if (autolink) {
        nested(escapeMarkdown(autolink[1]), isSafeHref(autolink[1]) ? { type: 'link', attrs: { href: autolink[1] } } : null);
        i += autolink[0].length;
        continue;
      }
      if (src.startsWith('<!--', i)) {
        const close = search('-->', i + 4, () => src.indexOf('-->', i + 4));
        if (close >= 0) {
          i = close + 3;
          continue;
        }
      }
      const tag = matchAt(TAG_RE, src, i);
      if (tag) {
        const name = tag[2].toLowerCase();
        i += tag[0].length;
        if (name === 'br') {
          flush();
          out.push({ type: 'hardBreak' });
          continue;
        }
        if (!tag[1] && (TAG_MARKS[name] || name === 'a')) {
          lower ??= src.toLowerCase();
          const text = lower;
          const from = i;
          const close = search(`</${name}>`, from, () => text.indexOf(`</${name}>`, from));
          if (close >= 0) {
            const href = name === 'a' ? /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(tag[3]) : null;
            const target = href ? (href[1] ?? href[2] ?? href[3]) : undefined;
            const mark: PMMark | null = TAG_MARKS[name] ? { type: TAG_MARKS[name] } : isSafeHref(target) ? { type: 'link', attrs: { href: target!.trim() } } : null;
            nested(src.slice(i, close), mark);
            i = close + name.length + 3;
          }
        }
        // Any other tag is dropped; the text around and inside it stays.
        continue;
      }
    }
    if (c === '&') {
      const entity = decodeEntity(src, i);
      if (entity) {
        buf += entity[0];
        i += entity[1];
        continue;
      }
    }
    if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const open = c === '!' ? i + 1 : i;
      const note = matchAt(NOTE_REF_RE, src, open);
      if (c === '[' && note && ctx.footnotes.has(note[1])) {
        flush();
        out.push({ type: 'footnoteRef', attrs: { target: ctx.footnotes.get(note[1])! } });
        i += note[0].length;
        continue;
      }
      const close = search(']', open, () => closingBracket(src, open));
      const dest = close > 0 ? linkDestination(src, close + 1) : null;
      if (dest) {
        const label = src.slice(open + 1, close);
        // An image keeps only its alternative text.
        nested(label, c === '[' && isSafeHref(dest.href) ? { type: 'link', attrs: { href: dest.href.trim() } } : null);
        i = dest.end;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      const double = src[i + 1] === c;
      const delim = double ? c + c : c;
      const from = i + delim.length;
      const canOpen = (c === '*' || !isWordChar(src[i - 1])) && !isSpace(src[from]);
      const close = canOpen ? search(delim, from, () => findEmphasisClose(src, from, delim)) : -1;
      if (close > 0) {
        nested(src.slice(from, close), { type: double ? 'bold' : 'italic' });
        i = close + delim.length;
        continue;
      }
      buf += delim;
      i += delim.length;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
}

function parseInline(text: string, ctx: InlineContext): PMInline[] {
  const out: PMInline[] = [];
  parseInlineInto(text.trim(), [], out, ctx);
  while (out[out.length - 1]?.type === 'hardBreak') out.pop();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Import: blocks

type MdBlock =
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

const isBlank = (l: Line) => l.text.trim() === '';

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

function parseBlocks(lines: readonly Line[], depth = 0): MdBlock[] {
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

// ---------------------------------------------------------------------------------------------
// Import: to the report model

const FOOTNOTE_DEF_RE = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/;

interface FootnoteDef {
  label: string;
  pid: string;
  lines: string[];
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
  if (block.kind === 'heading') {
    const content = parseInline(block.text, ctx);
    return { type: 'heading', attrs: { pid: newPid(), level: block.level }, ...(content.length ? { content } : {}) };
  }
  const content: PMInline[] = [];
  if (block.kind === 'code') appendText(content, block.text, []);
  else content.push(...parseInline(block.kind === 'paragraph' ? block.text : '', ctx));
  return { type: 'paragraph', attrs: { pid: newPid(), numbered }, ...(content.length ? { content } : {}) };
}

function listItem(blocks: MdBlock[], ctx: InlineContext): PMListItem {
  const content = blocks.flatMap((b) => toModel(b, ctx, false));
  return { type: 'listItem', content: content.length ? content : [{ type: 'paragraph', attrs: { pid: newPid(), numbered: false } }] };
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

/** Inline content as a meta string: plain-text markup, footnote references as their label. */
function metaString(text: string, ctx: InlineContext, labels: ReadonlyMap<string, string>): string {
  const content = parseInline(text, ctx).map((n): PMInline => (n.type === 'footnoteRef' ? { type: 'text', text: labels.get(n.attrs.target) ?? '' } : n));
  return serializeInlineMarkup(content);
}

/** Reads a Markdown report. Throws ImportError for empty or binary input. */
export function parseMarkdown(md: string): ReportContent {
  const all = md
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((text, i) => {
      if (/[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/.test(text)) throw new ImportError('binary data', i + 1);
      // Trailing white space matters only as two spaces, a hard break.
      const line = text.replace(/\t/g, '    ');
      const trimmed = line.trimEnd();
      return { text: line.startsWith('  ', trimmed.length) ? `${trimmed}  ` : trimmed, no: i + 1 };
    });
  if (all.every(isBlank)) throw new ImportError('the document is empty', 1);
  const { rest, defs } = extractFootnotes(all);
  const ctx: InlineContext = { footnotes: new Map(defs.map((d) => [d.label, d.pid])) };
  const labels = new Map(defs.map((d) => [d.pid, d.label]));
  const blocks = parseBlocks(rest);

  // Front matter: masthead paragraphs before a level-1 title, then the subtitle after it.
  // Without a title, a first paragraph with a "Distr." or "Original:" line is the masthead.
  const meta: ReportMeta = {};
  let start = 0;
  const titleAt = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const first = blocks[0];
  if (titleAt < 0 && first?.kind === 'paragraph' && !first.numbered && blocks.length > 1) {
    const lines = first.text.split('\n').map((l) => metaString(l.replace(/\\$/, ''), ctx, labels));
    if (lines.some((l) => ['distribution', 'originalLine', 'symbol'].includes(mastheadAnchor(l) ?? ''))) {
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
  const content = blocks.slice(start).flatMap((b) => toModel(b, ctx, true));
  const footnotes = defs.map((d): PMFootnote => {
    const inline = parseInline(d.lines.join('\n'), ctx);
    // `*`-style labels stay markers; other labels are numbered again from document order.
    const marker = /^[*†‡]+$/.test(d.label) ? d.label : '';
    return { type: 'footnote', attrs: { pid: d.pid, marker }, ...(inline.length ? { content: inline } : {}) };
  });
  if (content.length === 0 && footnotes.length === 0) content.push({ type: 'paragraph', attrs: { pid: newPid(), numbered: false } });
  return { meta, body: { type: 'doc', content: [...content, ...footnotes] } };
}
