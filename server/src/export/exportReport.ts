/** One entry point for every export format of one language version of a report. */
import { serializePlainText } from '../../../shared/src/format/plainText';
import { serializeMarkdown } from '../../../shared/src/format/markdown';
import { renderReportHtml } from '../../../shared/src/format/html';
import { isRtl } from '../../../shared/src/rooms';
import type { ReportRecord } from '../storage/types';
import type { ReportService } from '../reports/service';
import { renderReportDocx } from './docx';

export const EXPORT_FORMATS = ['txt', 'md', 'html', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  body: string | Buffer;
  contentType: string;
  extension: string;
}

export async function exportReport(reports: ReportService, report: ReportRecord, lang: string, format: ExportFormat): Promise<ExportResult> {
  if (lang !== report.originalLanguage) {
    // Translations are exported once the translation workspace exists (issue 5).
    throw new Error('translation export is not available yet');
  }
  const content = await reports.readOriginal(report);
  switch (format) {
    case 'txt':
      return { body: serializePlainText(content), contentType: 'text/plain; charset=utf-8', extension: 'txt' };
    case 'md':
      return { body: serializeMarkdown(content), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'html':
      return { body: renderReportHtml(content, { lang, dir: isRtl(lang) ? 'rtl' : 'ltr' }), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'docx':
      return {
        body: await renderReportDocx(content, { lang }),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
  }
}
