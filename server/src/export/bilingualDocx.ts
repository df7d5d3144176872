/**
 * A language version side by side with the original as a Word table (number | source |
 * translation), landscape A4, masthead fields first, then one row per block in the original's
 * order; the header row repeats on every page. Right-to-left columns get bidirectional
 * paragraphs and runs. Untranslated rows have a shaded, empty target cell.
 */
import {
  Document, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, PageOrientation,
  type ParagraphChild,
} from 'docx';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { footnoteMarkers } from '../../../shared/src/model/blocks';
import type { PMInline } from '../../../shared/src/model/schema';
import { isRtl, languageName } from '../../../shared/src/rooms';
import type { BilingualHtmlInput } from './bilingualHtml';

const has = (node: PMInline, type: string) => node.type === 'text' && Boolean(node.marks?.some((m) => m.type === type));

function runs(content: readonly PMInline[] | undefined, markers: ReadonlyMap<string, string>, rtl: boolean, bold = false): ParagraphChild[] {
  return (content ?? []).map((node) => {
    if (node.type === 'hardBreak') return new TextRun({ break: 1 });
    // References arrive resolved to their numbers (shared/src/references); a stray one reads "¶".
    if (node.type === 'paragraphRef') return new TextRun({ text: '¶', rightToLeft: rtl });
    if (node.type === 'footnoteRef') return new TextRun({ text: markers.get(node.attrs.target) ?? '', superScript: true, rightToLeft: rtl });
    return new TextRun({
      text: node.text,
      bold: bold || has(node, 'bold'),
      italics: has(node, 'italic'),
      superScript: has(node, 'superscript'),
      subScript: has(node, 'subscript'),
      rightToLeft: rtl,
    });
  });
}

/** Column widths in twips for landscape A4 with 2 cm margins. */
const WIDTHS = [700, 6900, 6900];

function cell(children: ParagraphChild[], lang: string, width: number, shaded = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: shaded ? { type: ShadingType.CLEAR, fill: 'FFF4E0', color: 'auto' } : undefined,
    children: [new Paragraph({ bidirectional: isRtl(lang), children })],
  });
}

export async function renderBilingualDocx(input: BilingualHtmlInput): Promise<Buffer> {
  const { original, meta, rows, sourceLang, targetLang } = input;
  const markers = footnoteMarkers(original.body);
  const srcRtl = isRtl(sourceLang);
  const tgtRtl = isRtl(targetLang);
  const metaRuns = (text: string | undefined, rtl: boolean) => (text ? runs(parseInlineMarkup(text), new Map(), rtl) : []);

  const header = new TableRow({
    tableHeader: true,
    children: [
      cell([new TextRun({ text: '#', bold: true })], sourceLang, WIDTHS[0]),
      cell([new TextRun({ text: languageName(sourceLang), bold: true })], sourceLang, WIDTHS[1]),
      cell([new TextRun({ text: languageName(targetLang), bold: true })], targetLang, WIDTHS[2]),
    ],
  });
  const tableRows = [header];
  const metaKeys = ['symbol', 'organ', 'distribution', 'date', 'languageLine', 'originalLine', 'session', 'place', 'agendaItem', 'title', 'subtitle'] as const;
  for (const key of metaKeys) {
    if (!original.meta[key] && !meta[key]) continue;
    const target = key === 'symbol' ? original.meta.symbol : meta[key];
    tableRows.push(new TableRow({
      children: [cell([], sourceLang, WIDTHS[0]), cell(metaRuns(original.meta[key], srcRtl), sourceLang, WIDTHS[1]), cell(metaRuns(target, tgtRtl), targetLang, WIDTHS[2], !target)],
    }));
  }
  for (const row of rows) {
    const bold = row.type === 'heading';
    tableRows.push(new TableRow({
      children: [
        cell([new TextRun({ text: row.label })], sourceLang, WIDTHS[0]),
        cell(runs(row.source.content, markers, srcRtl, bold), sourceLang, WIDTHS[1]),
        cell(row.target ? runs(row.target.content, markers, tgtRtl, bold) : [], targetLang, WIDTHS[2], !row.target),
      ],
    }));
  }

  const doc = new Document({
    creator: 'Plenary',
    title: `${(meta.title ?? original.meta.title ?? 'Report').replace(/\n/g, ' ')} (${sourceLang}/${targetLang})`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: [new Table({ rows: tableRows, columnWidths: WIDTHS, layout: TableLayoutType.FIXED, width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA } })],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
