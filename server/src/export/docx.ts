/**
 * A report as a Word document, laid out like a UN report: the masthead (issuing body; symbol,
 * distribution, date, language and original on the right; session, place, agenda item), a
 * centred bold title, numbered paragraphs with the number hanging before the text, headings,
 * and footnotes.
 *
 * Numbers are written as text ("1." and a tab), computed in document order, so the file reads
 * the same in every word processor and in our own DOCX import. A footnote with a numeric marker
 * that the body refers to becomes a real Word footnote (Word numbers those itself); a footnote
 * with a fixed marker such as `*`, which Word cannot number, is a paragraph at the end after a
 * rule. Arabic (and any right-to-left language) gets bidirectional paragraphs and runs; the
 * source-language fallback of a translation keeps its own direction (no bidi for English).
 */
import {
  type ICommentOptions,
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
} from 'docx';
import { footnoteMarkers, listBlocks } from '../../../shared/src/model/blocks';
import type { BlockInfo, PMBlock, PMBulletList, PMFootnote, PMOrderedList, ReportContent, ReportMeta } from '../../../shared/src/model/schema';
import { isRtl } from '../../../shared/src/rooms';
import type { Fallback } from '../../../shared/src/translation/compose';
import { mastheadParagraphs, metaRuns, runsFor } from './docxRuns';

export interface DocxRenderOptions {
  /** Language code of this version, e.g. `en`, `ar`. */
  lang: string;
  /** Source-language fallback blocks and fields: their paragraphs and runs keep its direction. */
  fallback?: Fallback;
  /** Word comments of the `tracked=1` export (their ranges are `cmt` marks in the content). */
  comments?: ICommentOptions[];
}

/** Twips: 567 to the centimetre. */
const CM = 567;
const BODY_INDENT = Math.round(2.2 * CM);
const NUMBER_HANG = CM;

const WORD_LANGUAGE: Readonly<Record<string, string>> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ru: 'ru-RU', zh: 'zh-CN', ar: 'ar-SA' };
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

interface Context {
  rtl: boolean;
  markers: ReadonlyMap<string, string>;
  /** Footnote pid → Word footnote id, for the footnotes Word numbers itself. */
  wordNotes: ReadonlyMap<string, number>;
  infos: BlockInfo[];
  cursor: number;
  /** Right to left for this block? (Fallback blocks keep their own language's direction.) */
  rtlOf: (pid: string) => boolean;
}

function blockParagraphs(block: PMBlock, ctx: Context, depth = 0): Paragraph[] {
  const rtl = block.type === 'bulletList' || block.type === 'orderedList' ? ctx.rtl : ctx.rtlOf(block.attrs.pid);
  const base = { bidirectional: rtl, spacing: { after: 120 } };
  switch (block.type) {
    case 'paragraph': {
      const info = ctx.infos[ctx.cursor++];
      const runs = runsFor(block.content, ctx, { rtl });
      const indent = BODY_INDENT + depth * CM;
      if (info.number === null) return [new Paragraph({ ...base, alignment: AlignmentType.BOTH, indent: { start: indent, end: BODY_INDENT }, children: runs })];
      return [
        new Paragraph({
          ...base,
          alignment: AlignmentType.BOTH,
          indent: { start: indent, end: BODY_INDENT, hanging: NUMBER_HANG },
          tabStops: [{ type: TabStopType.START, position: indent }],
          children: [new TextRun({ children: [`${info.number}.`, new Tab()], rightToLeft: rtl }), ...runs],
        }),
      ];
    }
    case 'heading': {
      ctx.cursor++;
      const level = Math.min(6, Math.max(1, Math.trunc(Number(block.attrs.level)) || 2));
      return [new Paragraph({ ...base, heading: HEADINGS[level - 1], indent: { start: BODY_INDENT - NUMBER_HANG }, children: runsFor(block.content, ctx, { rtl, bold: true }) })];
    }
    case 'footnote':
      ctx.cursor++;
      return [];
    case 'bulletList':
    case 'orderedList':
      return listParagraphs(block, ctx, depth);
  }
}

/** List items: the bullet or letter hangs before the item's first paragraph, as a number does. */
function listParagraphs(list: PMBulletList | PMOrderedList, ctx: Context, depth: number): Paragraph[] {
  const indent = BODY_INDENT + (depth + 1) * CM;
  const first = list.type === 'orderedList' ? Math.max(1, list.attrs?.start ?? 1) : 1;
  return list.content.flatMap((item, i) =>
    item.content.flatMap((child, c) => {
      if (c > 0 || (child.type !== 'paragraph' && child.type !== 'heading')) return blockParagraphs(child, ctx, depth + 1);
      ctx.cursor++;
      const label = list.type === 'bulletList' ? '•' : `(${String.fromCharCode(97 + ((first - 1 + i) % 26))})`;
      const rtl = ctx.rtlOf(child.attrs.pid);
      return [
        new Paragraph({
          bidirectional: rtl,
          spacing: { after: 120 },
          indent: { start: indent, end: BODY_INDENT, hanging: NUMBER_HANG },
          tabStops: [{ type: TabStopType.START, position: indent }],
          children: [new TextRun({ children: [label, new Tab()], rightToLeft: rtl }), ...runsFor(child.content, ctx, { rtl })],
        }),
      ];
    }),
  );
}

/** Footnotes Word can number itself: numeric marker, referred to from the body. */
function wordFootnotes(body: ReportContent['body'], infos: readonly BlockInfo[]): Map<string, number> {
  const referenced = new Set<string>();
  const visit = (blocks: readonly PMBlock[]) => {
    for (const b of blocks) {
      if (b.type === 'bulletList' || b.type === 'orderedList') b.content.forEach((item) => visit(item.content));
      else if (b.type !== 'footnote') for (const n of b.content ?? []) if (n.type === 'footnoteRef') referenced.add(n.attrs.target);
    }
  };
  visit(body.content);
  const ids = new Map<string, number>();
  for (const info of infos) {
    if (info.type === 'footnote' && /^\d+$/.test(info.marker ?? '') && referenced.has(info.pid) && !ids.has(info.pid)) ids.set(info.pid, ids.size + 1);
  }
  return ids;
}

function collectFootnotes(blocks: readonly PMBlock[]): PMFootnote[] {
  return blocks.filter((b): b is PMFootnote => b.type === 'footnote');
}

/** The report as a .docx file. */
export async function renderReportDocx(content: ReportContent, opts: DocxRenderOptions): Promise<Buffer> {
  const { meta, body } = content;
  const rtl = isRtl(opts.lang);
  const { fallback } = opts;
  const fallbackRtl = fallback?.dir === 'rtl';
  const rtlOf = (pid: string) => (fallback?.blocks.has(pid) ? fallbackRtl : rtl);
  const metaRtl = (key: keyof ReportMeta) => (fallback?.meta.has(key) ? fallbackRtl : rtl);
  const infos = listBlocks(body);
  const ctx: Context = { rtl, markers: footnoteMarkers(body), wordNotes: wordFootnotes(body, infos), infos, cursor: 0, rtlOf };

  const children: Paragraph[] = [...mastheadParagraphs(meta, metaRtl)];
  if (meta.title) {
    children.push(
      new Paragraph({
        bidirectional: metaRtl('title'),
        alignment: AlignmentType.CENTER,
        spacing: { before: 480, after: 240 },
        indent: { start: BODY_INDENT, end: BODY_INDENT },
        run: { size: 26 },
        children: metaRuns(meta.title, { rtl: metaRtl('title'), bold: true }),
      }),
    );
  }
  if (meta.subtitle) {
    children.push(
      new Paragraph({
        bidirectional: metaRtl('subtitle'),
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        indent: { start: BODY_INDENT, end: BODY_INDENT },
        children: metaRuns(meta.subtitle, { rtl: metaRtl('subtitle'), bold: true }),
      }),
    );
  }
  for (const block of body.content) children.push(...blockParagraphs(block, ctx));

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  const endNotes: Paragraph[] = [];
  for (const note of collectFootnotes(body.content)) {
    const id = ctx.wordNotes.get(note.attrs.pid);
    const noteRtl = rtlOf(note.attrs.pid);
    const runs = runsFor(note.content, ctx, { rtl: noteRtl });
    if (id !== undefined) {
      footnotes[id] = { children: [new Paragraph({ bidirectional: noteRtl, children: runs })] };
      continue;
    }
    endNotes.push(
      new Paragraph({
        bidirectional: noteRtl,
        spacing: { before: endNotes.length === 0 ? 360 : 0, after: 60 },
        indent: { start: BODY_INDENT, hanging: NUMBER_HANG },
        tabStops: [{ type: TabStopType.START, position: BODY_INDENT }],
        // A short rule above the first note, as at the foot of a UN page.
        border: endNotes.length === 0 ? { top: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 6 } } : undefined,
        run: { size: 18 },
        children: [new TextRun({ children: [ctx.markers.get(note.attrs.pid) ?? '', new Tab()], rightToLeft: noteRtl }), ...runs],
      }),
    );
  }
  children.push(...endNotes);

  const language = WORD_LANGUAGE[opts.lang] ?? (/^[a-z]{2,3}$/.test(opts.lang) ? opts.lang : 'en-GB');
  const doc = new Document({
    creator: 'Plenary',
    ...(opts.comments?.length ? { comments: { children: opts.comments } } : {}),
    title: meta.title?.replace(/\n/g, ' ') ?? meta.symbol ?? 'Report',
    footnotes,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' },
            size: 20,
            language: { value: language, eastAsia: 'zh-CN', bidirectional: 'ar-SA' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: Math.round(2.5 * CM), bottom: Math.round(2.5 * CM), left: Math.round(2.2 * CM), right: Math.round(2.2 * CM) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
