/**
 * A report as one print-ready HTML document in the layout of a UN report: the masthead (issuing
 * body on the left; symbol, distribution, date, language and original on the right; then
 * session, place and agenda item), a centred bold title, numbered paragraphs with their
 * numbers hanging in the margin, and footnotes at the foot after a short rule. A4 pages.
 *
 * Invariants: the content is untrusted. Every text goes through `escapeHtml`; the only
 * attribute built from content is a link's href, and only when `isSafeHref` accepts it;
 * ids and classes are computed here, never taken from pids or marks. Source-language fallback
 * blocks and fields of a translation carry their own `dir` and `lang`.
 */
import { footnoteMarkers, listBlocks } from '../model/blocks';
import type { BlockInfo, PMBlock, PMInline, PMMark, ReportContent, ReportMeta } from '../model/schema';
import { isRtl } from '../rooms';
import { parseInlineMarkup } from './inlineMarkup';
import type { Fallback } from '../translation/compose';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Only absolute http, https and mailto URLs. Browsers ignore tabs, newlines and control
 * characters inside a scheme ("java\tscript:"), so any of those, or white space, refuses it.
 */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  const value = href.trim();
  if (value.length === 0 || value.length > 2048 || /[\s\u0000-\u001F\u007F]/.test(value)) return false;
  return /^(?:https?:\/\/[^/?#\\]|mailto:[^/\\])/i.test(value);
}

export interface HtmlRenderOptions {
  /** BCP 47 tag of this language version. */
  lang: string;
  /** Defaults from the language: right-to-left for Arabic and the like. */
  dir?: 'ltr' | 'rtl';
  /** Source-language fallback blocks and fields: they keep their own `dir` and `lang`. */
  fallback?: Fallback;
}

/** ` dir="ltr" lang="en"` on a fallback element, '' elsewhere. */
function fallbackAttrs(fallback: Fallback | undefined, isFallback: boolean): string {
  if (!fallback || !isFallback) return '';
  return ` dir="${fallback.dir === 'rtl' ? 'rtl' : 'ltr'}" lang="${languageTag(fallback.lang)}"`;
}

const MARK_TAGS: Partial<Record<PMMark['type'], string>> = { bold: 'strong', italic: 'em', superscript: 'sup', subscript: 'sub' };

function textWithMarks(text: string, marks: readonly PMMark[] | undefined): string {
  let html = escapeHtml(text);
  for (const mark of marks ?? []) {
    const tag = MARK_TAGS[mark.type];
    if (tag) html = `<${tag}>${html}</${tag}>`;
    else if (mark.type === 'link' && isSafeHref(mark.attrs?.href)) {
      html = `<a href="${escapeHtml((mark.attrs!.href as string).trim())}" rel="noopener noreferrer">${html}</a>`;
    }
  }
  return html;
}

interface RenderContext {
  markers: ReadonlyMap<string, string>;
  /** Footnote pid → the id of its rendered note (`fn-1`, `fn-2`, …). */
  anchors: ReadonlyMap<string, string>;
  infos: BlockInfo[];
  cursor: number;
  fallback?: Fallback;
}

function inlineHtml(content: readonly PMInline[] | undefined, ctx: Pick<RenderContext, 'markers' | 'anchors'>): string {
  let html = '';
  for (const node of content ?? []) {
    if (node.type === 'text') html += textWithMarks(node.text, node.marks);
    else if (node.type === 'hardBreak') html += '<br>';
    else {
      const marker = escapeHtml(ctx.markers.get(node.attrs.target) ?? '?');
      const anchor = ctx.anchors.get(node.attrs.target);
      html += anchor ? `<sup class="fnref"><a href="#${anchor}">${marker}</a></sup>` : `<sup class="fnref">${marker}</sup>`;
    }
  }
  return html;
}

/** A meta string: plain-text markup ("1^{er}") with `\n` line breaks. */
function metaHtml(text: string): string {
  return inlineHtml(parseInlineMarkup(text), { markers: new Map(), anchors: new Map() });
}

function blockHtml(block: PMBlock, ctx: RenderContext): string {
  const own = block.type === 'bulletList' || block.type === 'orderedList' ? '' : fallbackAttrs(ctx.fallback, ctx.fallback?.blocks.has(block.attrs.pid) === true);
  switch (block.type) {
    case 'paragraph': {
      const info = ctx.infos[ctx.cursor++];
      const text = inlineHtml(block.content, ctx);
      if (info.number === null) return `<p class="para"${own}>${text}</p>`;
      return `<p class="para numbered"${own}><span class="para-number">${info.number}.</span>${text}</p>`;
    }
    case 'heading': {
      ctx.cursor++;
      const level = Math.min(6, Math.max(2, Math.trunc(Number(block.attrs.level)) || 2));
      return `<h${level} class="heading"${own}>${inlineHtml(block.content, ctx)}</h${level}>`;
    }
    case 'footnote': {
      const info = ctx.infos[ctx.cursor++];
      const id = ctx.anchors.get(info.pid)!;
      return `<p class="footnote" id="${id}"${own}><span class="fn-marker">${escapeHtml(info.marker ?? '')}</span>${inlineHtml(block.content, ctx)}</p>`;
    }
    case 'bulletList':
    case 'orderedList': {
      const tag = block.type === 'bulletList' ? 'ul' : 'ol';
      const start = block.type === 'orderedList' && Number.isInteger(block.attrs?.start) && block.attrs!.start !== 1 ? ` start="${block.attrs!.start}"` : '';
      const type = block.type === 'orderedList' ? ' type="a"' : '';
      const items = block.content.map((item) => `<li>${item.content.map((child) => blockHtml(child, ctx)).join('')}</li>`).join('');
      return `<${tag} class="list"${type}${start}>${items}</${tag}>`;
    }
  }
}

function mastheadHtml(meta: ReportMeta, fallback: Fallback | undefined): string {
  const own = (key: keyof ReportMeta) => fallbackAttrs(fallback, fallback?.meta.has(key) === true);
  const line = (cls: string, key: keyof ReportMeta) => (meta[key] ? `<div class="${cls}"${own(key)}>${metaHtml(meta[key]!)}</div>` : '');
  const right = [line('symbol', 'symbol'), line('distribution', 'distribution'), line('date', 'date'), line('language', 'languageLine'), line('original', 'originalLine')].join('');
  const below = [line('session', 'session'), line('place', 'place'), line('agenda-item', 'agendaItem')].join('');
  if (!meta.organ && !right && !below) return '';
  return `<header class="masthead"><div class="masthead-top"><div class="organ"${own('organ')}>${meta.organ ? metaHtml(meta.organ) : ''}</div><div class="masthead-right">${right}</div></div>${below ? `<div class="masthead-session">${below}</div>` : ''}</header>`;
}

const FONT_STACK = [
  '"Times New Roman"', 'Times', '"Liberation Serif"', '"Noto Serif"', '"DejaVu Serif"',
  '"Traditional Arabic"', '"Simplified Arabic"', 'Amiri', '"Noto Naskh Arabic"',
  'SimSun', '"Songti SC"', '"Noto Serif CJK SC"', '"Source Han Serif SC"', 'serif',
].join(', ');

const STYLE = `
@page { size: A4; margin: 2.5cm 2.2cm 2.5cm 2.2cm; }
html { font-family: ${FONT_STACK}; font-size: 10pt; line-height: 1.25; color: #000; background: #fff; }
body { margin: 0; }
.report { max-width: 16.6cm; margin: 0 auto; padding: 1.5cm 1cm; }
@media print { .report { max-width: none; padding: 0; } }
.masthead-top { display: flex; justify-content: space-between; gap: 1cm; border-bottom: 1.5pt solid #000; padding-bottom: 0.3cm; }
.organ { font-size: 12pt; max-width: 55%; }
.masthead-right { text-align: end; }
.symbol { font-size: 14pt; font-weight: bold; }
.masthead-session { margin-top: 0.4cm; }
.session { font-weight: bold; }
.agenda-item { margin-top: 0.3cm; }
.title { text-align: center; font-weight: bold; font-size: 13pt; margin: 0.8cm 1.25cm 0.4cm; }
.subtitle { text-align: center; font-weight: bold; margin: 0 1.25cm 0.6cm; }
.body { margin-inline: 1.25cm; }
.heading { font-size: 11pt; font-weight: bold; margin: 0.5cm 0 0.25cm; }
.para { margin: 0 0 0.25cm; text-align: justify; }
.para.numbered { margin-inline-start: 0; }
.para-number { display: inline-block; width: 1cm; margin-inline-start: -1cm; }
.list { margin: 0 0 0.25cm; padding-inline-start: 1cm; }
.fnref a { color: inherit; text-decoration: none; }
.footnotes { margin-top: 0.8cm; font-size: 9pt; }
.footnote-rule { width: 30%; margin-inline: 0 auto; border: 0; border-top: 0.75pt solid #000; }
.footnote { margin: 0 0 0.1cm; padding-inline-start: 1.25cm; text-indent: -0.6cm; }
.fn-marker { display: inline-block; min-width: 0.6cm; }
a { color: inherit; }
`;

/** Normalises a language tag; anything else becomes `und` rather than reach an attribute. */
function languageTag(lang: string): string {
  return /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : 'und';
}

/** The report as a complete HTML document, ready to print. */
export function renderReportHtml(content: ReportContent, opts: HtmlRenderOptions): string {
  const { meta, body } = content;
  const lang = languageTag(opts.lang);
  const dir = opts.dir === 'rtl' || opts.dir === 'ltr' ? opts.dir : isRtl(lang.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
  const infos = listBlocks(body);
  const anchors = new Map<string, string>();
  infos.filter((b) => b.type === 'footnote').forEach((b, i) => anchors.set(b.pid, `fn-${i + 1}`));
  const { fallback } = opts;
  const ctx: RenderContext = { markers: footnoteMarkers(body), anchors, infos, cursor: 0, fallback };

  const main: string[] = [];
  const notes: string[] = [];
  for (const block of body.content) (block.type === 'footnote' ? notes : main).push(blockHtml(block, ctx));

  const docTitle = meta.symbol || meta.title?.replace(/\n/g, ' ') || 'Report';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(docTitle)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<article class="report">',
    mastheadHtml(meta, fallback),
    meta.title ? `<h1 class="title"${fallbackAttrs(fallback, fallback?.meta.has('title') === true)}>${metaHtml(meta.title)}</h1>` : '',
    meta.subtitle ? `<p class="subtitle"${fallbackAttrs(fallback, fallback?.meta.has('subtitle') === true)}>${metaHtml(meta.subtitle)}</p>` : '',
    `<main class="body">${main.join('\n')}</main>`,
    notes.length ? `<footer class="footnotes"><hr class="footnote-rule">${notes.join('\n')}</footer>` : '',
    '</article>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
