/**
 * The plain-text report format of `samples/*.txt`: masthead lines, a `**bold**` title (which
 * may span lines), a subtitle, then the body — `N. text` numbered paragraphs, short unnumbered
 * lines as headings, other lines as paragraphs, `- ` bullet lists, and footnotes (`* text`,
 * or `1 text` when the body has a matching `^{1}`) at the end. Lettered subparagraphs
 * ("(a) …") stay paragraphs with their letter as text, so they come back exactly as written.
 *
 * Invariants:
 * - serialize(parse(sample)) has the sample's non-empty lines in the same order, and
 *   parse(serialize(parse(x))) equals parse(x) apart from pids;
 * - paragraph numbers are checked on import (1, 2, 3 … without gaps), never stored;
 * - inline markup is `**bold**`, `_italic_` (or `*italic*`), `^{sup}`, `_{sub}` and `\`
 *   escapes; a lone `*` stays text, since it is the usual footnote marker. Meta strings keep
 *   that markup raw ("1^{er}") and renderers read them with `parseInlineMarkup`;
 * - a line starting with `\` is always ordinary text: the serializer uses it to protect a
 *   paragraph that would otherwise read back as a number, heading, list item or footnote.
 */
import { ImportError } from '../errors';
import { footnoteMarkers, listBlocks } from '../model/blocks';
import { newPid } from '../model/pid';
import type {
  BlockInfo, MarkType, PMBlock, PMDoc, PMFootnote, PMInline, PMListItem, PMMark, PMParagraph,
  ReportContent, ReportMeta,
} from '../model/schema';

interface Line {
  text: string;
  /** 1-based line number in the input. */
  no: number;
}

// ---------------------------------------------------------------------------------------------
// Line shapes

const NUMBERED_RE = /^(\d{1,4})\.(?:[ \t]+(.*))?$/;
const EXPLICIT_HEADING_RE = /^(#{1,6})[ \t]+(.*)$/;
const STAR_FOOTNOTE_RE = /^(\*{1,3}|[†‡]{1,3})[ \t]+(\S.*)$/;
const NUMERIC_FOOTNOTE_RE = /^(\d{1,3})[ \t]+(\S.*)$/;
const BULLET_RE = /^[-•][ \t]+(.*)$/;

const SYMBOL_RE = /^[A-Z][A-Z0-9]*(?:\/[A-Za-z0-9.()-]+)+$/;
const DISTR_RE = /^Distr\b/i;
const ORIGINAL_RE = /^(?:Original|Оригинал|الأصل|原文)\s*[:：]\s*(.*)$/iu;
const SESSION_RE = /\bsession\b|\bsesiones\b|сесси|الدورة|届会/iu;
const AGENDA_RE = /agenda|ordre du jour|\bprograma\b|повестк|جدول الأعمال|议程/iu;

/** Control characters other than tab, line breaks, vertical tab and form feed mean binary input. */
const BINARY_RE = /[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/;

type LineKind = 'escaped' | 'numbered' | 'heading' | 'bullet' | 'star' | 'plain';

function lineKind(text: string): LineKind {
  if (text.startsWith('\\')) return 'escaped';
  if (NUMBERED_RE.test(text)) return 'numbered';
  if (EXPLICIT_HEADING_RE.test(text)) return 'heading';
  if (BULLET_RE.test(text)) return 'bullet';
  if (STAR_FOOTNOTE_RE.test(text)) return 'star';
  return 'plain';
}

/** A line that starts a block of its own even without a blank line before it. */
function startsBlock(kind: LineKind): boolean {
  return kind !== 'plain' && kind !== 'escaped';
}

/**
 * Heading level a single unnumbered line reads as (0: not a heading): short, no closing
 * punctuation, one sentence, starting with a capital or an uncased letter.
 */
function headingLevelOf(text: string): number {
  if (text.length === 0 || text.length > 100) return 0;
  if (/[.,;:!?。，；：！？…"'»”)\]*}]$/u.test(text)) return 0;
  if (/[.!?]\s/.test(text) || text.includes('**')) return 0;
  return /^[\p{Lu}\p{Lo}]/u.test(text) ? 2 : 0;
}

/** `(a)`, `(b)`, … `(z)`, `(aa)`, `(bb)`: the lettering of UN subparagraphs. */
function letterLabel(index: number): string {
  return String.fromCharCode(97 + (index % 26)).repeat(1 + Math.floor(index / 26));
}

// ---------------------------------------------------------------------------------------------
// Inline markup

const ESCAPABLE = '\\*_^{}';
const MARK_ORDER: readonly MarkType[] = ['link', 'bold', 'italic', 'superscript', 'subscript'];

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && (c < '\u0080' ? /[A-Za-z0-9]/.test(c) : /[\p{L}\p{N}]/u.test(c));

function sortMarks(marks: PMMark[]): PMMark[] {
  return [...marks].sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

function sameMarks(a: readonly PMMark[] | undefined, b: readonly PMMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Appends text, merging with the previous node when the marks match; `\n` is a hard break. */
export function appendText(out: PMInline[], text: string, marks: readonly PMMark[]): void {
  text.split('\n').forEach((part, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    if (part === '') return;
    const last = out[out.length - 1];
    if (last?.type === 'text' && sameMarks(last.marks, marks)) last.text += part;
    else out.push(marks.length ? { type: 'text', text: part, marks: [...marks] } : { type: 'text', text: part });
  });
}

/**
 * For every position, the index of the next unescaped `}` on the same line, or -1: where a
 * `^{`/`_{` group opened there would close. Computed once per text, so that text full of
 * unclosed groups stays linear.
 */
function closingBraces(src: string): Int32Array {
  const escaped = new Uint8Array(src.length);
  for (let j = 0; j < src.length; j++) if (src[j] === '\\' && ESCAPABLE.includes(src[j + 1] ?? '')) escaped[++j] = 1;
  const next = new Int32Array(src.length + 1).fill(-1);
  for (let j = src.length - 1; j >= 0; j--) next[j] = src[j] === '\n' ? -1 : src[j] === '}' && !escaped[j] ? j : next[j + 1];
  return next;
}

/** Index of the delimiter closing emphasis whose content starts at `from`, or -1. */
function findClosing(src: string, braces: Int32Array, from: number, delim: '**' | '*' | '_'): number {
  for (let j = from; j < src.length; j++) {
    const c = src[j];
    if (c === '\\' && ESCAPABLE.includes(src[j + 1] ?? '')) { j++; continue; }
    if ((c === '^' || c === '_') && src[j + 1] === '{') {
      const end = braces[j + 2] ?? -1;
      if (end > 0) { j = end; continue; }
    }
    if (delim === '**') {
      if (src.startsWith('**', j) && j > from && !isSpace(src[j - 1])) return j;
      continue;
    }
    if (delim === '*' && src.startsWith('**', j)) { j++; continue; }
    if (c === delim && j > from && !isSpace(src[j - 1]) && !isWordChar(src[j + 1])) return j;
  }
  return -1;
}

function parseMarkupInto(src: string, marks: readonly PMMark[], out: PMInline[]): void {
  let buf = '';
  const flush = () => {
    if (buf) appendText(out, buf, marks);
    buf = '';
  };
  const nested = (content: string, type: MarkType) => {
    flush();
    const inner = marks.some((m) => m.type === type) ? marks : sortMarks([...marks, { type }]);
    parseMarkupInto(content, inner, out);
  };
  // A search that found no closer from some point will find none from further on: remembering
  // that keeps text full of unmatched delimiters linear instead of quadratic.
  const failedFrom = new Map<string, number>();
  const braces = closingBraces(src);
  const search = (key: string, from: number, find: () => number) => {
    const failed = failedFrom.get(key);
    if (failed !== undefined && from >= failed) return -1;
    const found = find();
    if (found < 0) failedFrom.set(key, Math.min(failed ?? from, from));
    return found;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && ESCAPABLE.includes(src[i + 1] ?? '') && i + 1 < src.length) {
      buf += src[i + 1];
      i += 2;
      continue;
    }
    if ((c === '^' || c === '_') && src[i + 1] === '{') {
      const end = braces[i + 2] ?? -1;
      if (end > i + 2) {
        nested(src.slice(i + 2, end), c === '^' ? 'superscript' : 'subscript');
        i = end + 1;
        continue;
      }
    }
    if (c === '*' && src[i + 1] === '*') {
      const end = isSpace(src[i + 2]) ? -1 : search('**', i + 2, () => findClosing(src, braces, i + 2, '**'));
      if (end > 0) {
        nested(src.slice(i + 2, end), 'bold');
        i = end + 2;
      } else {
        buf += '**';
        i += 2;
      }
      continue;
    }
    if ((c === '*' || c === '_') && !isWordChar(src[i - 1])) {
      const end = isSpace(src[i + 1]) ? -1 : search(c, i + 1, () => findClosing(src, braces, i + 1, c));
      if (end > 0) {
        nested(src.slice(i + 1, end), 'italic');
        i = end + 1;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
}

/** Reads the inline markup of one block or meta string; `\n` becomes a hard break. */
export function parseInlineMarkup(text: string): PMInline[] {
  const out: PMInline[] = [];
  parseMarkupInto(text, [], out);
  return out;
}

const DELIMITERS: Partial<Record<MarkType, [string, string]>> = {
  bold: ['**', '**'],
  italic: ['_', '_'],
  superscript: ['^{', '}'],
  subscript: ['_{', '}'],
};

const markTypes = (node: PMInline | undefined): MarkType[] =>
  node?.type === 'text' ? (node.marks ?? []).map((m) => m.type).filter((t) => DELIMITERS[t]) : [];

/**
 * Inline content as it is written: links as their text, a footnote reference as its marker in
 * superscript. The reference takes the marks around it (`**a ^{*} b**` keeps the bold open), or
 * those before it, which is what a reference at the end of a bold run needs (`**a ^{*}**`).
 */
function displayedInline(content: readonly PMInline[] | undefined, markers: ReadonlyMap<string, string>, inherit: 'around' | 'before'): PMInline[] {
  const out: PMInline[] = [];
  const nodes = content ?? [];
  nodes.forEach((node, i) => {
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.type === 'footnoteRef') {
      const before = markTypes(nodes[i - 1]);
      const after = inherit === 'around' ? markTypes(nodes[i + 1]) : before;
      const around = before.filter((t) => after.includes(t) && t !== 'superscript');
      appendText(out, markers.get(node.attrs.target) ?? '', sortMarks([...around, 'superscript' as const].map((type) => ({ type }))));
    } else appendText(out, node.text, sortMarks(markTypes(node).map((type) => ({ type }))));
  });
  return out;
}

/** How many text nodes from `from` on carry mark `type`, up to a line break. */
function markRun(content: readonly PMInline[], from: number, type: MarkType): number {
  let n = 0;
  while (content[from + n]?.type === 'text' && markTypes(content[from + n]).includes(type)) n++;
  return n;
}

/**
 * Writes delimiters as a stack: a mark stays open while the following nodes keep it, and of
 * marks opening together the longest-running goes outside. That reproduces the nesting the
 * parser read (`_a **b** c_`), where closing and reopening would leave a delimiter next to a
 * space, which does not count as one.
 */
function writeMarkup(content: readonly PMInline[], escape: boolean): string {
  let out = '';
  const open: MarkType[] = [];
  const closeFrom = (depth: number) => {
    while (open.length > depth) out += DELIMITERS[open.pop()!]![1];
  };
  content.forEach((node, i) => {
    if (node.type === 'hardBreak') {
      // A delimiter must not start the next line: a closer after white space does not close.
      closeFrom(0);
      out += '\n';
      return;
    }
    if (node.type !== 'text') return;
    const wanted = markTypes(node);
    let keep = 0;
    while (keep < open.length && wanted.includes(open[keep])) keep++;
    closeFrom(keep);
    const opening = wanted
      .filter((t) => !open.includes(t))
      .sort((a, b) => markRun(content, i, b) - markRun(content, i, a) || MARK_ORDER.indexOf(a) - MARK_ORDER.indexOf(b));
    for (const type of opening) {
      out += DELIMITERS[type]![0];
      open.push(type);
    }
    out += escape ? node.text.replace(/[\\*_^{}]/g, '\\$&') : node.text;
  });
  closeFrom(0);
  return out;
}

/**
 * Writes inline content as markup: unescaped when that reads back the same (the common case,
 * and what the samples look like), otherwise with every markup character escaped.
 */
export function serializeInlineMarkup(content: readonly PMInline[] | undefined, markers: ReadonlyMap<string, string> = new Map()): string {
  for (const escape of [false, true]) {
    for (const inherit of ['around', 'before'] as const) {
      const shown = displayedInline(content, markers, inherit);
      const text = writeMarkup(shown, escape);
      if (JSON.stringify(parseInlineMarkup(text)) === JSON.stringify(shown)) return text;
    }
  }
  return writeMarkup(displayedInline(content, markers, 'around'), true);
}

// ---------------------------------------------------------------------------------------------
// Masthead

const LANGUAGE_WORDS: Readonly<Record<string, string>> = {
  english: 'en', anglais: 'en', inglés: 'en', ingles: 'en', английский: 'en', 英文: 'en', الإنكليزية: 'en', الإنجليزية: 'en',
  french: 'fr', français: 'fr', francais: 'fr', francés: 'fr', французский: 'fr', 法文: 'fr', الفرنسية: 'fr',
  spanish: 'es', espagnol: 'es', español: 'es', испанский: 'es', 西班牙文: 'es', الإسبانية: 'es',
  russian: 'ru', russe: 'ru', ruso: 'ru', русский: 'ru', 俄文: 'ru', الروسية: 'ru',
  chinese: 'zh', chinois: 'zh', chino: 'zh', китайский: 'zh', 中文: 'zh', الصينية: 'zh',
  arabic: 'ar', arabe: 'ar', árabe: 'ar', арабский: 'ar', 阿拉伯文: 'ar', العربية: 'ar',
};

function languageOfOriginalLine(line: string): string | undefined {
  const word = (ORIGINAL_RE.exec(line)?.[1] ?? '').trim().replace(/[.。]$/, '').toLowerCase();
  // Arabic writes "بالإنكليزية" ("in English").
  return LANGUAGE_WORDS[word] ?? (word.startsWith('ب') ? LANGUAGE_WORDS[word.slice(1)] : undefined);
}

export type MastheadField = Exclude<keyof ReportMeta, 'title' | 'subtitle' | 'originalLanguage'>;

/** The masthead field a line announces by its shape ("Distr.", "Original:", "… session"), if any. */
export function mastheadAnchor(line: string): MastheadField | null {
  if (SYMBOL_RE.test(line)) return 'symbol';
  if (DISTR_RE.test(line)) return 'distribution';
  if (ORIGINAL_RE.test(line)) return 'originalLine';
  if (AGENDA_RE.test(line)) return 'agendaItem';
  if (SESSION_RE.test(line)) return 'session';
  return null;
}

/**
 * Assigns masthead lines to fields. Lines with a recognisable shape (Distr., Original:,
 * session, agenda) go to their field; the others take their place from the line before them
 * (the date follows the distribution, the place follows the session); a line that fits
 * nowhere continues the previous field, so no line is ever lost.
 */
export function readMasthead(lines: readonly string[]): ReportMeta {
  const meta: ReportMeta = {};
  let last: MastheadField | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    let field = mastheadAnchor(line);
    if (field && meta[field] !== undefined) field = null;
    if (!field) {
      if (last === 'distribution' && meta.date === undefined) field = 'date';
      else if (last === 'date' && meta.languageLine === undefined && meta.originalLine === undefined) field = 'languageLine';
      else if (last === 'session' && meta.place === undefined) field = 'place';
      else if (meta.organ === undefined && (last === null || last === 'symbol' || last === 'originalLine' || last === 'agendaItem')) field = 'organ';
    }
    if (field) meta[field] = line;
    else if (last) meta[last] += `\n${line}`;
    last = field ?? last;
  }
  const language = meta.originalLine ? languageOfOriginalLine(meta.originalLine) : undefined;
  if (language) meta.originalLanguage = language;
  return meta;
}

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

// ---------------------------------------------------------------------------------------------
// Parsing

function readLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      const bad = BINARY_RE.exec(raw);
      if (bad) {
        const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw new ImportError(`binary data (character U+${code})`, i + 1);
      }
      return { text: raw.replace(/[\v\f]/g, ' ').trim(), no: i + 1 };
    });
}

/** The title opened by `**` on line `start`: its text and the index of its last line. */
function readTitle(lines: readonly Line[], start: number): { title: string; end: number } | null {
  const first = lines[start].text.slice(2);
  if (first === '' || isSpace(first[0]) || first.startsWith('*')) return null;
  const close = first.indexOf('**');
  if (close >= 0) return close === first.length - 2 ? { title: first.slice(0, close), end: start } : null;
  const parts = [first];
  for (let j = start + 1; j < lines.length && lines[j].text !== ''; j++) {
    const text = lines[j].text;
    const at = text.indexOf('**');
    if (at < 0) {
      parts.push(text);
      continue;
    }
    if (at === text.length - 2 && at > 0) return { title: [...parts, text.slice(0, at)].join('\n'), end: j };
    break;
  }
  throw new ImportError('the title opened with ** is not closed', lines[start].no);
}

/**
 * Without a title, a masthead is recognised only when the first lines hold a distribution,
 * "Original:" or document symbol line; it runs to the last recognisable masthead line (plus
 * the date or place that follows it).
 */
function mastheadEnd(lines: readonly Line[]): number {
  const leading: number[] = [];
  for (let j = 0; j < lines.length && leading.length < 15; j++) {
    if (lines[j].text === '') continue;
    if (lineKind(lines[j].text) !== 'plain') break;
    leading.push(j);
  }
  const fields = leading.map((j) => mastheadAnchor(lines[j].text));
  if (!fields.some((f) => f === 'distribution' || f === 'originalLine' || f === 'symbol')) return 0;
  let lastAt = -1;
  fields.forEach((f, k) => {
    if (f) lastAt = k;
  });
  if ((fields[lastAt] === 'distribution' || fields[lastAt] === 'session') && lastAt + 1 < leading.length) lastAt++;
  return leading[lastAt] + 1;
}

interface FrontMatter {
  meta: ReportMeta;
  bodyStart: number;
}

function readFrontMatter(lines: readonly Line[]): FrontMatter {
  let titleAt = -1;
  for (let j = 0; j < lines.length; j++) {
    const text = lines[j].text;
    if (text.startsWith('**')) {
      titleAt = j;
      break;
    }
    if (lineKind(text) !== 'plain') break;
  }
  const title = titleAt >= 0 ? readTitle(lines, titleAt) : null;
  if (!title) {
    const end = mastheadEnd(lines);
    return { meta: readMasthead(lines.slice(0, end).map((l) => l.text)), bodyStart: end };
  }
  const meta = readMasthead(lines.slice(0, titleAt).map((l) => l.text));
  meta.title = title.title;
  let next = title.end + 1;
  while (next < lines.length && lines[next].text === '') next++;
  const subtitle: string[] = [];
  let end = next;
  while (end < lines.length && lines[end].text !== '') subtitle.push(lines[end++].text);
  if (subtitle.length && subtitle.every((t) => lineKind(t) === 'plain')) {
    meta.subtitle = subtitle.join('\n');
    next = end;
  }
  return { meta, bodyStart: next };
}

const isNumericFootnote = (text: string) => NUMERIC_FOOTNOTE_RE.test(text);

/** A block of the body as written: its first line decides what it is. */
interface Unit {
  kind: LineKind;
  first: Line;
  /** The text of every line, line-start escapes removed. */
  texts: string[];
}

function readUnits(lines: readonly Line[], from: number): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  for (let j = from; j < lines.length; j++) {
    const line = lines[j];
    if (line.text === '') {
      current = null;
      continue;
    }
    const kind = lineKind(line.text);
    const text = kind === 'escaped' ? line.text.slice(1) : line.text;
    if (current && !startsBlock(kind)) current.texts.push(text);
    else units.push((current = { kind, first: line, texts: [text] }));
  }
  return units;
}

/** `N text` footnotes count only where the body refers to each with `^{N}`, numbered from 1. */
function footnoteRegionStart(units: readonly Unit[]): number {
  let start = units.length;
  while (start > 0) {
    const u = units[start - 1];
    if (u.kind === 'star' || (u.kind === 'plain' && isNumericFootnote(u.first.text))) start--;
    else break;
  }
  const referred = new Set<string>();
  for (const u of units.slice(0, start)) for (const text of u.texts) for (const m of text.matchAll(/\^\{(\d{1,3})\}/g)) referred.add(m[1]);
  let expected = 1;
  let lastNumeric = -1;
  for (let k = start; k < units.length; k++) {
    if (units[k].kind !== 'plain') continue;
    const n = NUMERIC_FOOTNOTE_RE.exec(units[k].first.text)![1];
    if (Number(n) !== expected++ || !referred.has(n)) lastNumeric = k;
  }
  if (lastNumeric < 0) return start;
  // Numbers that do not read as footnotes: only the star footnotes after them are footnotes.
  let k = units.length;
  while (k > lastNumeric + 1 && units[k - 1].kind === 'star') k--;
  return k;
}

function unitBody(unit: Unit, re: RegExp): string {
  const first = re.exec(unit.texts[0]);
  const head = first ? (first[first.length - 1] ?? '') : unit.texts[0];
  return [head, ...unit.texts.slice(1)].join('\n');
}

function paragraph(text: string, numbered: boolean): PMParagraph {
  const content = parseInlineMarkup(text);
  return content.length ? { type: 'paragraph', attrs: { pid: newPid(), numbered }, content } : { type: 'paragraph', attrs: { pid: newPid(), numbered } };
}

function listItem(text: string): PMListItem {
  return { type: 'listItem', content: [paragraph(text, false)] };
}

/** Superscript text equal to a footnote's marker is a reference to that footnote. */
function bindFootnoteRefs(blocks: PMBlock[], footnotes: readonly PMFootnote[]): void {
  const byMarker = new Map<string, string>();
  let auto = 0;
  for (const f of footnotes) byMarker.set(f.attrs.marker || String(++auto), f.attrs.pid);
  if (byMarker.size === 0) return;
  const bind = (content: PMInline[] | undefined) =>
    content?.map((node): PMInline => {
      if (node.type !== 'text' || !node.marks?.some((m) => m.type === 'superscript')) return node;
      const target = byMarker.get(node.text);
      return target ? { type: 'footnoteRef', attrs: { target } } : node;
    });
  const visit = (list: PMBlock[]) => {
    for (const block of list) {
      if (block.type === 'bulletList' || block.type === 'orderedList') block.content.forEach((item) => visit(item.content));
      else if (block.type !== 'footnote' && block.content) block.content = bind(block.content);
    }
  };
  visit(blocks);
}

function readBody(units: readonly Unit[]): PMBlock[] {
  const footnotesFrom = footnoteRegionStart(units);
  const blocks: PMBlock[] = [];
  let lastNumber = 0;
  for (let k = 0; k < footnotesFrom; k++) {
    const unit = units[k];
    switch (unit.kind) {
      case 'numbered': {
        const n = Number(NUMBERED_RE.exec(unit.texts[0])![1]);
        if (n !== lastNumber + 1) {
          const message = lastNumber === 0 ? `paragraph number ${n} comes first, expected 1` : `paragraph number ${n} follows ${lastNumber}`;
          throw new ImportError(message, unit.first.no);
        }
        lastNumber = n;
        blocks.push(paragraph(unitBody(unit, NUMBERED_RE), true));
        break;
      }
      case 'heading': {
        const level = EXPLICIT_HEADING_RE.exec(unit.texts[0])![1].length;
        const content = parseInlineMarkup(unitBody(unit, EXPLICIT_HEADING_RE));
        blocks.push({ type: 'heading', attrs: { pid: newPid(), level }, ...(content.length ? { content } : {}) });
        break;
      }
      case 'bullet': {
        const last = blocks[blocks.length - 1];
        const item = listItem(unitBody(unit, BULLET_RE));
        if (last?.type === 'bulletList' && units[k - 1]?.kind === 'bullet') last.content.push(item);
        else blocks.push({ type: 'bulletList', content: [item] });
        break;
      }
      case 'star':
      case 'escaped':
        blocks.push(paragraph(unit.texts.join('\n'), false));
        break;
      case 'plain': {
        const text = unit.texts.join('\n');
        const level = unit.texts.length === 1 ? headingLevelOf(text) : 0;
        if (level) blocks.push({ type: 'heading', attrs: { pid: newPid(), level }, content: parseInlineMarkup(text) });
        else blocks.push(paragraph(text, false));
        break;
      }
    }
  }
  const footnotes = units.slice(footnotesFrom).map((unit): PMFootnote => {
    const [, marker, first] = (unit.kind === 'star' ? STAR_FOOTNOTE_RE : NUMERIC_FOOTNOTE_RE).exec(unit.texts[0])!;
    const content = parseInlineMarkup([first, ...unit.texts.slice(1)].join('\n'));
    // Numbered footnotes are numbered again from document order, so their marker is left empty.
    return { type: 'footnote', attrs: { pid: newPid(), marker: unit.kind === 'star' ? marker : '' }, ...(content.length ? { content } : {}) };
  });
  bindFootnoteRefs(blocks, footnotes);
  return [...blocks, ...footnotes];
}

/** Reads a report in the samples' plain-text layout; throws ImportError with the line at fault. */
export function parsePlainText(text: string): ReportContent {
  const lines = readLines(text);
  if (lines.every((l) => l.text === '')) throw new ImportError('the document is empty', 1);
  const { meta, bodyStart } = readFrontMatter(lines);
  const body: PMDoc = { type: 'doc', content: readBody(readUnits(lines, bodyStart)) };
  return { meta, body };
}

// ---------------------------------------------------------------------------------------------
// Serialization

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
