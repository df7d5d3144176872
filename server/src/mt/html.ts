/**
 * Inline markup ↔ the little HTML machine-translation engines preserve: `<b>`, `<i>`,
 * `<sup>`, `<sub>`, `<br>`. The engine's answer is read with saxes as an XML fragment (HTML
 * entities first turned into characters), so no tag of its output reaches a segment as text;
 * an answer that does not parse loses its formatting, never its words.
 */
import { SaxesParser } from 'saxes';
import type { MarkType, PMInline, PMMark } from '../../../shared/src/model/schema';
import { parseInlineMarkup, serializeInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { appendText, sortMarks } from '../../../shared/src/format/nodes';
import { escapeXml } from '../translation/xliff';

const TAG: Partial<Record<MarkType, string>> = { bold: 'b', italic: 'i', superscript: 'sup', subscript: 'sub' };
const MARK: Record<string, MarkType> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', sup: 'superscript', sub: 'subscript' };

export function markupToHtml(markup: string): string {
  return parseInlineMarkup(markup)
    .map((n) => {
      if (n.type === 'hardBreak') return '<br/>';
      if (n.type !== 'text') return '';
      const tags = (n.marks ?? []).map((m) => TAG[m.type]).filter((t): t is string => !!t);
      return tags.map((t) => `<${t}>`).join('') + escapeXml(n.text) + [...tags].reverse().map((t) => `</${t}>`).join('');
    })
    .join('');
}

const ENTITIES: Record<string, string> = { nbsp: '\u00a0', laquo: '«', raquo: '»', hellip: '…', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

export function htmlToMarkup(html: string): string {
  const text = html.replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? (['amp', 'lt', 'gt', 'quot', 'apos'].includes(name) ? whole : ''));
  const out: PMInline[] = [];
  const stack: string[] = [];
  const marks = (): PMMark[] => sortMarks([...new Set(stack.map((t) => MARK[t]).filter(Boolean))].map((type) => ({ type })));
  const parser = new SaxesParser({ fragment: true });
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    if (name === 'br') appendText(out, '\n', []);
    else stack.push(name);
  });
  parser.on('closetag', (tag) => {
    if (tag.name.toLowerCase() !== 'br') stack.pop();
  });
  parser.on('text', (t) => appendText(out, t, marks()));
  try {
    parser.write(text).close();
  } catch {
    return serializeInlineMarkup(parseInlineMarkup(text.replace(/<[^>]*>/g, '')));
  }
  return serializeInlineMarkup(out);
}
