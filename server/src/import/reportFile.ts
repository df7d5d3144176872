/**
 * A file imported into a report's original, read on the server so that every format has one
 * path and every refusal one voice: `.docx` (mammoth), the samples' plain text and Markdown
 * (chosen by the file name, since both are just text). Anything else is refused by what it is
 * (fileKind.ts). Nothing is written here: the client replaces the body with the result, as one
 * Yjs transaction every collaborator receives.
 */
import { PlenaryError } from '../../../shared/src/errors';
import { parseMarkdown } from '../../../shared/src/format/markdown';
import { parsePlainText } from '../../../shared/src/format/plainText';
import type { ReportContent } from '../../../shared/src/model/schema';
import { parseDocx } from './docx';
import { sniffFile, unreadableDocx, unsupportedFile } from './fileKind';

export const REPORT_IMPORT_ACCEPTS = '.docx, .txt and .md files';

export type ReportFileFormat = 'docx' | 'txt' | 'md';

export interface ParsedReportFile {
  format: ReportFileFormat;
  content: ReportContent;
}

/** A .docx through mammoth; its failures say what the file is, not what mammoth tripped on. */
export async function readDocx(body: Buffer, accepts: string): Promise<ReportContent> {
  try {
    return await parseDocx(body);
  } catch (err) {
    if (err instanceof PlenaryError && err.message === 'not a readable .docx file') throw unreadableDocx(accepts);
    throw err;
  }
}

export async function parseReportFile(body: Buffer, fileName: string): Promise<ParsedReportFile> {
  if (body.length === 0) throw new PlenaryError('invalid_import', `The file is empty; import accepts ${REPORT_IMPORT_ACCEPTS}.`);
  const kind = await sniffFile(body);
  let parsed: ParsedReportFile;
  switch (kind) {
    case 'docx':
      parsed = { format: 'docx', content: await readDocx(body, REPORT_IMPORT_ACCEPTS) };
      break;
    case 'text': {
      const text = new TextDecoder('utf-8').decode(body);
      parsed = /\.(md|markdown)$/i.test(fileName) ? { format: 'md', content: parseMarkdown(text) } : { format: 'txt', content: parsePlainText(text) };
      break;
    }
    default:
      throw unsupportedFile(kind, REPORT_IMPORT_ACCEPTS);
  }
  if (parsed.content.body.content.length === 0) throw new PlenaryError('invalid_import', 'The file has no paragraphs.');
  return parsed;
}
