/**
 * Imports a translation file into a language version: the samples' plain text, a .docx
 * report (both aligned with the original block by block, align.ts) or XLIFF 1.2/2.0 (units
 * keyed by pid, as our XLIFF export writes them). The format is told by the content (magic
 * bytes, import/fileKind.ts): a Word document, an `<xliff` root, or UTF-8 text; an image, a
 * PDF or any other binary is refused by what it is, with what the import accepts.
 *
 * Everything here is untrusted input: bad bytes, malformed XML and misnumbered paragraphs are
 * ImportErrors naming the line, before anything is written. Rows come out `translated`
 * against the current source (service.ts); blocks marked untranslated by our own exports are
 * skipped; what finds no place is returned as `unmatched`, with its line where there is one.
 */
import { ImportError, PlenaryError } from '../../../shared/src/errors';
import { normalizeText } from '../../../shared/src/hash';
import { footnoteMarkers, listBlocks } from '../../../shared/src/model/blocks';
import { META_KEYS, type PMInline, type PMTextBlock, type ReportContent, type ReportMeta } from '../../../shared/src/model/schema';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { parsePlainText } from '../../../shared/src/format/plainText';
import { alignTranslation, segmentFor, textBlocks } from '../../../shared/src/translation/align';
import { untranslatedMark } from '../../../shared/src/translation/compose';
import type { ImportFormat, ImportResult } from '../../../shared/src/translation/importResult';
import { sniffFile, unsupportedFile } from '../import/fileKind';
import { readDocx } from '../import/reportFile';
import type { ReportRecord } from '../storage/types';
import type { TranslationService } from './service';
import { readXliff, unitLine } from './xliff';

/** What the translation import takes, as its refusals say. */
export const TRANSLATION_IMPORT_ACCEPTS = '.docx, .txt and .xliff (.xlf) files';

interface Translated {
  segments: Map<string, PMTextBlock>;
  meta: ReportMeta;
  unmatched: { line: number | null; text: string }[];
  skipped: number;
}

/** UTF-8 text, or an ImportError at the line of the first byte that is not. */
function decodeText(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const loose = new TextDecoder('utf-8').decode(body);
    const at = loose.indexOf('\uFFFD');
    throw new ImportError('the file is not UTF-8 text', loose.slice(0, Math.max(0, at)).split('\n').length);
  }
}

/** The import format told by the file's bytes; anything else is refused by what it is. */
export async function detectFormat(body: Buffer): Promise<ImportFormat> {
  const kind = await sniffFile(body);
  switch (kind) {
    case 'docx':
      return 'docx';
    case 'xliff':
      return 'xliff';
    case 'text':
      return 'txt';
    default:
      throw unsupportedFile(kind, TRANSLATION_IMPORT_ACCEPTS);
  }
}

/** Finds the line where a block's text starts: compares letters and digits only (markup differs). */
function lineFinder(text: string): (blockText: string) => number | null {
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const lines = text.split(/\r\n|\r|\n/).map(key);
  return (blockText) => {
    const probe = key(blockText.split('\n')[0]).slice(0, 40);
    if (!probe) return null;
    const at = lines.findIndex((l) => l.includes(probe));
    return at < 0 ? null : at + 1;
  };
}

async function fromReport(original: ReportContent, report: ReportRecord, format: 'txt' | 'docx', body: Buffer): Promise<Translated> {
  const text = format === 'txt' ? decodeText(body) : '';
  const content = format === 'docx' ? await readDocx(body, TRANSLATION_IMPORT_ACCEPTS) : parsePlainText(text);
  const aligned = alignTranslation(original.body, content, { untranslatedMark: untranslatedMark(report.originalLanguage) });
  const lineOf = format === 'txt' ? lineFinder(text) : () => null;
  return {
    segments: aligned.segments,
    meta: aligned.meta,
    unmatched: aligned.unmatched.map((u) => ({ line: lineOf(u.text), text: u.text })),
    skipped: aligned.skipped,
  };
}

/** Superscript text equal to the marker of a footnote the source block refers to becomes that reference. */
function bindRefs(content: PMInline[], source: PMTextBlock, markers: ReadonlyMap<string, string>): PMInline[] {
  const byMarker = new Map<string, string>();
  for (const n of source.content ?? []) if (n.type === 'footnoteRef') byMarker.set(markers.get(n.attrs.target) ?? '', n.attrs.target);
  if (byMarker.size === 0) return content;
  return content.map((n) => {
    const target = n.type === 'text' && n.marks?.some((m) => m.type === 'superscript') ? byMarker.get(n.text) : undefined;
    return target ? { type: 'footnoteRef', attrs: { target } } : n;
  });
}

const primaryTag = (tag: string) => tag.split(/[-_]/)[0].toLowerCase();

async function fromXliff(original: ReportContent, report: ReportRecord, lang: string, body: Buffer): Promise<Translated> {
  const text = decodeText(body);
  const doc = await readXliff(text);
  if (doc.targetLanguage && primaryTag(doc.targetLanguage) !== lang) {
    throw new PlenaryError('bad_request', `this XLIFF translates into "${doc.targetLanguage}", not "${lang}"`);
  }
  if (doc.sourceLanguage && primaryTag(doc.sourceLanguage) !== report.originalLanguage) {
    throw new PlenaryError('bad_request', `this XLIFF translates from "${doc.sourceLanguage}", but the original is "${report.originalLanguage}"`);
  }
  const blocks = textBlocks(original.body);
  const byPid = new Map(listBlocks(original.body).map((info, i) => [info.pid, blocks[i]]));
  const markers = footnoteMarkers(original.body);
  const mark = untranslatedMark(report.originalLanguage);
  const out: Translated = { segments: new Map(), meta: {}, unmatched: [], skipped: 0 };
  for (const unit of doc.units) {
    const target = unit.target ?? '';
    const empty = normalizeText(target) === '';
    const metaKey = unit.id.startsWith('meta.') ? (META_KEYS as readonly string[]).find((k) => `meta.${k}` === unit.id) : undefined;
    const block = byPid.get(unit.id);
    if (!block && (!metaKey || metaKey === 'originalLanguage')) {
      out.unmatched.push({ line: unitLine(text, unit.id), text: empty ? unit.source : target });
      continue;
    }
    if (empty) continue;
    if (target.startsWith(mark)) {
      out.skipped++;
      continue;
    }
    if (metaKey) out.meta[metaKey as keyof ReportMeta] = target;
    else if (block) out.segments.set(unit.id, segmentFor(block, bindRefs(parseInlineMarkup(target), block, markers)));
  }
  return out;
}

export async function importTranslation(
  service: TranslationService,
  report: ReportRecord,
  lang: string,
  userName: string,
  body: Buffer,
  // Unused: the bytes tell the format, not a browser's guess from the file name.
  _contentType?: string,
): Promise<ImportResult> {
  if (body.length === 0) throw new ImportError('the file is empty', 1);
  const format = await detectFormat(body);
  const original = await service.reports.readOriginal(report);
  const translated = format === 'xliff' ? await fromXliff(original, report, lang, body) : await fromReport(original, report, format, body);
  const { written, unchanged } = await service.write(report, lang, userName, translated.segments, translated.meta, original);
  const total = listBlocks(original.body).length;
  return {
    format,
    imported: written,
    unchanged,
    unmatched: translated.unmatched,
    missing: Math.max(0, total - translated.segments.size),
    skipped: translated.skipped,
  };
}
