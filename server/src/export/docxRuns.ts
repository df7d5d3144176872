/**
 * The runs of a Word paragraph (docx.ts): text with its marks, links, footnote references,
 * tracked changes and comment ranges of the `tracked=1` export; and the masthead's
 * paragraphs, one per field, each in its own direction.
 */
import { AlignmentType, ExternalHyperlink, FootnoteReferenceRun, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { PMInline, PMMark, ReportMeta } from '../../../shared/src/model/schema';
import { isSafeHref } from '../../../shared/src/format/html';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { CommentRanges, textRun } from './revisionRuns';

export interface RunStyle {
  bold?: boolean;
  rtl: boolean;
}

/** Footnote markers by pid, and footnote pid → Word footnote id (the footnotes Word numbers). */
export interface RunNotes {
  markers: ReadonlyMap<string, string>;
  wordNotes: ReadonlyMap<string, number>;
}

function hasMark(marks: readonly PMMark[] | undefined, type: PMMark['type']): boolean {
  return Boolean(marks?.some((m) => m.type === type));
}

export function runsFor(content: readonly PMInline[] | undefined, ctx: RunNotes, style: RunStyle): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const comments = new CommentRanges();
  for (const node of content ?? []) {
    if (node.type === 'hardBreak') {
      out.push(new TextRun({ break: 1 }));
      continue;
    }
    if (node.type === 'paragraphRef') {
      out.push(new TextRun({ text: '¶', rightToLeft: style.rtl })); // exports resolve references first
      continue;
    }
    if (node.type === 'footnoteRef') {
      const id = ctx.wordNotes.get(node.attrs.target);
      out.push(id !== undefined ? new FootnoteReferenceRun(id) : new TextRun({ text: ctx.markers.get(node.attrs.target) ?? '', superScript: true, rightToLeft: style.rtl }));
      continue;
    }
    out.push(...comments.before(node.marks));
    // A plain TextRun, or a tracked insertion/deletion in the `tracked=1` export.
    const run = textRun(node.marks, {
      text: node.text,
      bold: style.bold || hasMark(node.marks, 'bold'),
      italics: hasMark(node.marks, 'italic'),
      superScript: hasMark(node.marks, 'superscript'),
      subScript: hasMark(node.marks, 'subscript'),
      rightToLeft: style.rtl,
    });
    const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href;
    out.push(isSafeHref(href) && run instanceof TextRun ? new ExternalHyperlink({ link: href.trim(), children: [run] }) : run);
  }
  out.push(...comments.close());
  return out;
}

export function metaRuns(text: string, style: RunStyle): ParagraphChild[] {
  return runsFor(parseInlineMarkup(text), { markers: new Map(), wordNotes: new Map() }, style);
}

export function mastheadParagraphs(meta: ReportMeta, rtlOf: (key: keyof ReportMeta) => boolean): Paragraph[] {
  const para = (key: keyof ReportMeta, options: { end?: boolean; size?: number; bold?: boolean; spaceBefore?: number } = {}) => {
    const text = meta[key];
    const rtl = rtlOf(key);
    return text
      ? [
          new Paragraph({
            bidirectional: rtl,
            alignment: options.end ? AlignmentType.END : AlignmentType.START,
            spacing: { before: options.spaceBefore ?? 0, after: 0 },
            run: options.size ? { size: options.size } : undefined,
            children: metaRuns(text, { rtl, bold: options.bold }),
          }),
        ]
      : [];
  };
  return [
    ...para('symbol', { end: true, size: 28 }),
    ...para('organ', { size: 24 }),
    ...para('distribution', { end: true, spaceBefore: 120 }),
    ...para('date', { end: true }),
    ...para('languageLine', { end: true }),
    ...para('originalLine', { end: true, spaceBefore: 120 }),
    ...para('session', { spaceBefore: 240 }),
    ...para('place'),
    ...para('agendaItem', { spaceBefore: 120 }),
  ];
}
