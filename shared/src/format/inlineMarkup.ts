/**
 * The inline markup of the plain-text format, which is also how meta strings are stored
 * ("1^{er}"): every renderer and importer reads and writes it through here.
 *
 * Markup is `**bold**`, `_italic_` (or `*italic*`), `^{sup}`, `_{sub}` and `\` escapes; a lone
 * `*` stays text, since it is the usual footnote marker.
 */
import type { MarkType, PMInline, PMMark } from '../model/schema';
import { closerSearch, isSpace, isWordChar } from './delimiters';
import { MARK_ORDER, appendText, sortMarks } from './nodes';

const ESCAPABLE = '\\*_^{}';

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
  const search = closerSearch();
  const braces = closingBraces(src);
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
    } else if (node.type === 'paragraphRef') {
      // Exports resolve references to their numbers first (shared/src/references); a stray one reads "¶".
      appendText(out, '¶', []);
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
