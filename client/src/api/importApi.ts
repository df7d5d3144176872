/**
 * The server's reading of a report file (POST /api/import/report): its format told by its bytes
 * and its content, or an ApiError saying what the file is and what is accepted. Used by the
 * in-report Import and, to check a file before creating a report from it, by New report.
 */
import type { ReportContent } from '../../../shared/src/model/schema';
import { request } from './http';

export interface ReadReportFile {
  format: 'docx' | 'txt' | 'md';
  content: ReportContent;
}

export function readReportFile(file: File): Promise<ReadReportFile> {
  return request<ReadReportFile>('POST', `/api/import/report?${new URLSearchParams({ name: file.name })}`, {
    body: file,
    contentType: 'application/octet-stream',
  });
}
