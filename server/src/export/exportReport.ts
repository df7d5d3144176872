/**
 * One entry point for every export of one language version of a report.
 *
 * The original exports as it stands. A target language exports as the original's structure
 * with each block's content taken from its segment and the masthead from the language room
 * (shared/src/translation/compose.ts: untranslated blocks keep the source text behind an
 * `[EN] ` mark), rendered by the same serializers. `xliff` (1.2, or 2.0 with version=2) and
 * `bilingual` (html, docx) need a target language: they show source and translation side by
 * side, row by row. Fallback source text keeps its own direction in every format (compose.ts).
 */
import { PlenaryError } from '../../../shared/src/errors';
import { serializeInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { serializePlainText } from '../../../shared/src/format/plainText';
import { serializeMarkdown } from '../../../shared/src/format/markdown';
import { renderReportHtml } from '../../../shared/src/format/html';
import { footnoteMarkers, listBlocks } from '../../../shared/src/model/blocks';
import { META_KEYS, type ReportContent, type ReportMeta } from '../../../shared/src/model/schema';
import { rowInfo, type RowInfo } from '../../../shared/src/model/translation';
import { isRtl } from '../../../shared/src/rooms';
import { bilingualRows, composeTranslation, type BilingualRow, type Fallback } from '../../../shared/src/translation/compose';
import type { ReportRecord } from '../storage/types';
import type { ReportService } from '../reports/service';
import type { TranslationService, TranslationState } from '../translation/service';
import { writeXliff, type XliffUnit, type XliffVersion } from '../translation/xliff';
import { renderReportDocx } from './docx';
import { trackedVersion } from './trackedContent';
import { paragraphLabels, resolveReport, resolveTranslation } from '../../../shared/src/references/paragraphRefs';
import { frozenNumbering, printFrozen } from '../../../shared/src/numbering/frozen';
import { printSubparagraphs } from '../../../shared/src/numbering/subparagraphs';
import { applyBracketsToBlock, type BracketMode } from '../../../shared/src/format/brackets';
import { renderBilingualHtml } from './bilingualHtml';
import { renderBilingualDocx } from './bilingualDocx';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/src/api/reports';

export { EXPORT_FORMATS, type ExportFormat };

export interface ExportResult {
  body: string | Buffer;
  contentType: string;
  extension: string;
}

export interface ExportOptions {
  lang: string;
  format: ExportFormat;
  bilingual?: boolean;
  xliffVersion?: XliffVersion;
  /** DOCX with open suggestions as Word revisions and threads as Word comments (issue 13). */
  tracked?: boolean;
  /** Square-bracketed (not agreed) text: as it is, without the brackets, or left out. */
  brackets?: BracketMode;
}

export interface ExportDeps {
  reports: ReportService;
  translations: TranslationService;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function render(content: ReportContent, lang: string, format: Exclude<ExportFormat, 'xliff'>, fallback?: Fallback): Promise<ExportResult> {
  switch (format) {
    case 'txt':
      return { body: serializePlainText(content), contentType: 'text/plain; charset=utf-8', extension: 'txt' };
    case 'md':
      return { body: serializeMarkdown(content), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'html':
      return { body: renderReportHtml(content, { lang, dir: isRtl(lang) ? 'rtl' : 'ltr', fallback }), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'docx':
      return { body: await renderReportDocx(content, { lang, fallback }), contentType: DOCX_TYPE, extension: 'docx' };
  }
}

/** Row state by pid (untranslated, draft, translated, reviewed; stale). */
function rowStates(original: ReportContent, rows: readonly BilingualRow[], translation: TranslationState): Map<string, RowInfo> {
  const infos = listBlocks(original.body);
  return new Map(infos.map((info, i) => [info.pid, rowInfo(info, rows[i].targetText, translation.statuses.get(info.pid))]));
}

/** Masthead fields that differ by language, as XLIFF units `meta.<field>`. */
const TRANSLATABLE_META = META_KEYS.filter((k) => k !== 'symbol' && k !== 'originalLanguage');

function xliffUnits(original: ReportContent, rows: readonly BilingualRow[], states: ReadonlyMap<string, RowInfo>, meta: ReportMeta): XliffUnit[] {
  const markers = footnoteMarkers(original.body);
  const units: XliffUnit[] = [];
  for (const key of TRANSLATABLE_META) {
    const source = original.meta[key];
    const target = meta[key];
    if (!source && !target) continue;
    units.push({ id: `meta.${key}`, source: source ?? '', target, state: target ? 'translated' : 'untranslated', note: key });
  }
  for (const row of rows) {
    const info = states.get(row.pid);
    units.push({
      id: row.pid,
      source: serializeInlineMarkup(row.source.content, markers),
      target: row.target ? serializeInlineMarkup(row.target.content, markers) : undefined,
      state: info?.state ?? 'untranslated',
      stale: info?.stale,
      note: row.type === 'footnote' ? `footnote ${row.label}` : row.label ? `paragraph ${row.label}` : row.type,
    });
  }
  return units;
}

/**
 * Frozen labels are printed text ("3. [deleted]"), which the text format escapes ("\\3.") so that
 * an import would not number it; a frozen text is read as printed, so the escape goes.
 */
function unescapeFrozen(out: ExportResult, frozen: boolean): ExportResult {
  if (!frozen || out.extension !== 'txt' || typeof out.body !== 'string') return out;
  return { ...out, body: out.body.replace(/^\\(?=\d+\. )/gm, '') };
}

export async function exportReport(deps: ExportDeps, report: ReportRecord, options: ExportOptions): Promise<ExportResult> {
  const { lang, format } = options;
  const isOriginal = lang === report.originalLanguage;
  if (isOriginal && (format === 'xliff' || options.bilingual)) {
    throw new PlenaryError('bad_request', 'XLIFF and bilingual exports are made for a target language (lang=fr, …)');
  }
  if (options.tracked) {
    if (format !== 'docx' || options.bilingual) throw new PlenaryError('bad_request', 'tracked=1 is a DOCX export of one language version (format=docx, without bilingual)');
    const { content, comments } = await trackedVersion(deps.reports, report, lang);
    return { body: await renderReportDocx(content, { lang, comments }), contentType: DOCX_TYPE, extension: 'docx' };
  }
  // Paragraph references are written as the numbers they show now (shared/src/references).
  const brackets = options.brackets ?? 'keep';
  const read = await deps.reports.readOriginal(report);
  const stored = { ...read, body: { ...read.body, content: read.body.content.map((b) => applyBracketsToBlock(b, brackets)) } };
  const settings = await deps.reports.settings(report);
  const frozen = settings.frozen ? { numbers: settings.frozenNumbers, lang } : null;
  const labels = paragraphLabels(stored.body, frozen);
  const original = resolveReport(stored, labels);
  // While frozen, single-language exports print "12 bis." and "13. [deleted]" (shared/src/numbering/frozen.ts).
  const print = (content: ReportContent): ReportContent => {
    // Subparagraph letters in this language's style ("(a)", "a)"), then frozen labels.
    const body = printSubparagraphs(content.body, lang);
    return { ...content, body: frozen ? printFrozen(body, frozenNumbering(stored.body, frozen.numbers, lang)) : body };
  };
  if (isOriginal && format !== 'xliff') return unescapeFrozen(await render(print(original), lang, format), frozen !== null);

  const state = await deps.translations.read(report, lang);
  const segments = new Map([...state.segments].map(([pid, b]) => [pid, b ? applyBracketsToBlock(b, brackets) : null]));
  const translation = resolveTranslation({ ...state, segments }, labels);
  if (format === 'xliff' || options.bilingual) {
    const rows = bilingualRows(original.body, translation);
    const states = rowStates(original, rows, translation);
    const input = { original, meta: translation.meta, rows, states, sourceLang: report.originalLanguage, targetLang: lang };
    switch (format) {
      case 'xliff': {
        const version = options.xliffVersion ?? '1.2';
        const units = xliffUnits(original, rows, states, translation.meta);
        const body = writeXliff({ fileId: report.id, sourceLanguage: report.originalLanguage, targetLanguage: lang, units }, version);
        return { body, contentType: 'application/xliff+xml; charset=utf-8', extension: 'xlf' };
      }
      case 'html':
        return { body: renderBilingualHtml(input), contentType: 'text/html; charset=utf-8', extension: 'html' };
      case 'docx':
        return { body: await renderBilingualDocx(input), contentType: DOCX_TYPE, extension: 'docx' };
      default:
        throw new PlenaryError('bad_request', 'a bilingual export is made as html, docx or xliff');
    }
  }
  // Plain text and Markdown carry fallback direction in the text itself (Unicode isolates);
  // HTML and DOCX set it on the fallback elements.
  const isolate = format === 'txt' || format === 'md';
  const composed = composeTranslation(original, translation, report.originalLanguage, { targetLanguage: lang, isolate });
  return unescapeFrozen(await render(print(composed), lang, format, isolate ? undefined : composed.fallback), frozen !== null);
}
