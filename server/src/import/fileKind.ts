/**
 * What an uploaded file is, told by its first bytes (magic numbers), not by its name: every
 * import refuses what it cannot read with a message that says what the file is and what the
 * import accepts ("This is a PNG image; import accepts .docx, .txt and .md files."), never a
 * parser's complaint about character U+FFFD. Text must be UTF-8 (a BOM is fine).
 */
import JSZip from 'jszip';
import { PlenaryError } from '../../../shared/src/errors';

export type FileKind = 'docx' | 'zip' | 'damagedZip' | 'doc' | 'png' | 'jpeg' | 'gif' | 'pdf' | 'utf16' | 'binary' | 'xliff' | 'text';

const MAGIC: readonly [FileKind, number[]][] = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['doc', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['utf16', [0xff, 0xfe]],
  ['utf16', [0xfe, 0xff]],
];
const ZIP_MAGIC = [0x50, 0x4b];

const startsWith = (body: Buffer, bytes: readonly number[]) => body.length >= bytes.length && bytes.every((b, i) => body[i] === b);

/** Control characters no text file holds (tab, line feed, form feed and carriage return aside). */
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F]/;

function isUtf8Text(body: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, 64 * 1024 + 3));
    return !BINARY_CONTROL.test(text);
  } catch {
    // A cut in the middle of a character at the 64 KB boundary is not an error of the file.
    if (body.length <= 64 * 1024 + 3) return false;
    const loose = new TextDecoder('utf-8').decode(body.subarray(0, 64 * 1024));
    return !loose.slice(0, -1).includes('\uFFFD') && !BINARY_CONTROL.test(loose);
  }
}

export async function sniffFile(body: Buffer): Promise<FileKind> {
  if (startsWith(body, ZIP_MAGIC)) {
    try {
      const zip = await JSZip.loadAsync(body);
      return zip.file('word/document.xml') ? 'docx' : 'zip';
    } catch {
      return 'damagedZip';
    }
  }
  for (const [kind, bytes] of MAGIC) if (startsWith(body, bytes)) return kind;
  if (!isUtf8Text(body)) return 'binary';
  return /<xliff[\s>]/.test(body.subarray(0, 4096).toString('utf8')) ? 'xliff' : 'text';
}

const DESCRIPTIONS: Record<FileKind, string> = {
  docx: 'a Word document (.docx)',
  zip: 'a ZIP archive, not a Word document',
  damagedZip: 'a damaged Word document or ZIP archive (it cannot be opened)',
  doc: 'an old-format Word or Excel file (.doc, .xls); save it as .docx first',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  utf16: 'UTF-16 text; save it as UTF-8 first',
  binary: 'a binary file, not text',
  xliff: 'an XLIFF translation file',
  text: 'a text file',
};

export function describeFile(kind: FileKind): string {
  return DESCRIPTIONS[kind];
}

/** The 400 for a file this import cannot take: what it is, and what is accepted. */
export function unsupportedFile(kind: FileKind, accepts: string): PlenaryError {
  return new PlenaryError('invalid_import', `This is ${describeFile(kind)}; import accepts ${accepts}.`, { kind });
}

/** A .docx that mammoth could not read, said plainly. */
export function unreadableDocx(accepts: string): PlenaryError {
  return new PlenaryError('invalid_import', `This Word document (.docx) could not be read: it may be damaged or password-protected; import accepts ${accepts}.`, { kind: 'docx' });
}
