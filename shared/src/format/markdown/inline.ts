/**
 * Markdown inline content read into the report model: emphasis, links (kept only when
 * `isSafeHref` accepts them), footnote references, code spans as text, entities, and the few
 * HTML tags reports use (`<sup>`, `<sub>`, `<br>`, …); any other tag is dropped, its text kept.
 */
import type { MarkType, PMInline, PMMark } from '../../model/schema';
import { closerSearch, isSpace, isWordChar } from '../delimiters';
import { isSafeHref } from '../html';
import { appendText, sortMarks } from '../nodes';
import { escapeMarkdown } from './escape';
import { closingBracket, decodeEntity, findEmphasisClose, isPunct, linkDestination, matchAt } from './inlineSyntax';

const TAG_MARKS: Readonly<Record<string, MarkType>> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', sup: 'superscript', sub: 'subscript' };

export interface InlineContext {
  /** Footnote label → pid of its footnote block. */
  footnotes: ReadonlyMap<string, string>;
}

/** `marks` with `mark` added, or replacing one of its type (a link inside a link takes the inner href). */
function withMark(marks: readonly PMMark[], mark: PMMark): PMMark[] {
  return sortMarks([...marks.filter((m) => m.type !== mark.type), mark]);
}

const AUTOLINK_RE = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const TAG_RE = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s[^<>]*)?)\/?>/y;
const NOTE_REF_RE = /\[\^([^\]\s]+)\]/y;
const BACKTICKS_RE = /`+/y;

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
  const search = closerSearch();
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

/** The inline content of one block; trailing hard breaks, which show nothing, are dropped. */
export function parseInline(text: string, ctx: InlineContext): PMInline[] {
  const out: PMInline[] = [];
  parseInlineInto(text.trim(), [], out, ctx);
  while (out[out.length - 1]?.type === 'hardBreak') out.pop();
  return out;
}
