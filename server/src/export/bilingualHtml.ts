/**
 * A language version side by side with the original, as one HTML table: paragraph number (or
 * footnote marker) | source | translation, masthead fields first, then one row per block in
 * the original's order. Each cell carries its own `lang` and `dir`, so an Arabic column reads
 * right to left beside an English one. Untranslated rows have an empty, marked target cell.
 *
 * Content is untrusted: every text goes through `escapeHtml`; only safe hrefs become links.
 */
import { escapeHtml, isSafeHref } from '../../../shared/src/format/html';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { footnoteMarkers } from '../../../shared/src/model/blocks';
import type { PMInline, ReportContent, ReportMeta } from '../../../shared/src/model/schema';
import { isRtl, languageName } from '../../../shared/src/rooms';
import type { BilingualRow } from '../../../shared/src/translation/compose';

const MARK_TAGS: Record<string, string> = { bold: 'strong', italic: 'em', superscript: 'sup', subscript: 'sub' };

export function inlineToHtml(content: readonly PMInline[] | undefined, markers: ReadonlyMap<string, string>): string {
  let html = '';
  for (const node of content ?? []) {
    if (node.type === 'hardBreak') html += '<br>';
    else if (node.type === 'paragraphRef') html += '¶'; // exports resolve references first
    else if (node.type === 'footnoteRef') html += `<sup class="fnref">${escapeHtml(markers.get(node.attrs.target) ?? '?')}</sup>`;
    else {
      let text = escapeHtml(node.text);
      for (const mark of node.marks ?? []) {
        const tag = MARK_TAGS[mark.type];
        if (tag) text = `<${tag}>${text}</${tag}>`;
        else if (mark.type === 'link' && isSafeHref(mark.attrs?.href)) text = `<a href="${escapeHtml(String(mark.attrs!.href).trim())}" rel="noopener noreferrer">${text}</a>`;
      }
      html += text;
    }
  }
  return html;
}

const META_ROWS: readonly (keyof ReportMeta)[] = [
  'symbol', 'organ', 'distribution', 'date', 'languageLine', 'originalLine', 'session', 'place', 'agendaItem', 'title', 'subtitle',
];

const STYLE = `
html { font-family: "Times New Roman", Times, "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif; font-size: 10pt; }
body { margin: 1.5cm; }
h1 { font-size: 13pt; }
table.bilingual { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.bilingual th, table.bilingual td { border: 0.5pt solid #999; padding: 4pt 6pt; vertical-align: top; }
table.bilingual col.num { width: 3em; }
tr.meta td { color: #333; font-size: 9pt; }
tr.heading td { font-weight: bold; }
td.untranslated { background: #fff4e0; }
tr.stale td.target { background: #fdecea; }
.fnref { font-size: 75%; }
`;

function cell(lang: string, cls: string, html: string): string {
  return `<td class="${cls}" lang="${escapeHtml(lang)}" dir="${isRtl(lang) ? 'rtl' : 'ltr'}">${html}</td>`;
}

export interface BilingualHtmlInput {
  original: ReportContent;
  /** The language room's own meta (empty fields stay empty cells). */
  meta: ReportMeta;
  rows: readonly BilingualRow[];
  /** pid → row state, for classes. */
  states: ReadonlyMap<string, { state: string; stale: boolean }>;
  sourceLang: string;
  targetLang: string;
}

export function renderBilingualHtml(input: BilingualHtmlInput): string {
  const { original, meta, rows, states, sourceLang, targetLang } = input;
  const markers = footnoteMarkers(original.body);
  const metaHtml = (text: string | undefined) => (text ? inlineToHtml(parseInlineMarkup(text), new Map()) : '');
  const body: string[] = [];
  for (const key of META_ROWS) {
    if (!original.meta[key] && !meta[key]) continue;
    body.push(`<tr class="meta" data-field="${key}"><td class="num"></td>${cell(sourceLang, 'source', metaHtml(original.meta[key]))}${cell(targetLang, 'target', key === 'symbol' ? metaHtml(original.meta.symbol) : metaHtml(meta[key]))}</tr>`);
  }
  for (const row of rows) {
    const info = states.get(row.pid) ?? { state: 'untranslated', stale: false };
    const classes = [row.type, info.state, info.stale ? 'stale' : ''].filter(Boolean).join(' ');
    const target = row.target ? cell(targetLang, 'target', inlineToHtml(row.target.content, markers)) : cell(targetLang, 'target untranslated', '');
    body.push(`<tr class="${classes}" data-pid="${escapeHtml(row.pid)}"><td class="num">${escapeHtml(row.label)}</td>${cell(sourceLang, 'source', inlineToHtml(row.source.content, markers))}${target}</tr>`);
  }
  const title = (meta.title ?? original.meta.title ?? 'Report').replace(/\n/g, ' ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(targetLang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — ${escapeHtml(languageName(sourceLang))} / ${escapeHtml(languageName(targetLang))}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    `<h1>${escapeHtml(original.meta.symbol ?? title)}</h1>`,
    '<table class="bilingual">',
    '<colgroup><col class="num"><col><col></colgroup>',
    `<thead><tr><th>#</th><th lang="${escapeHtml(sourceLang)}">${escapeHtml(languageName(sourceLang))}</th><th lang="${escapeHtml(targetLang)}">${escapeHtml(languageName(targetLang))}</th></tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
    '</body>',
    '</html>',
  ].join('\n');
}
