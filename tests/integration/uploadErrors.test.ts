/**
 * Every upload refused says what the file is and what the import accepts, as a 400 with
 * `{error: {code: 'invalid_import', message}}`, and harms nothing: the report import
 * (`POST /api/import/report`, .docx/.txt/.md, read and returned, never written) and the
 * translation import (`POST /api/reports/:id/import`, .docx/.txt/.xliff), including XLIFF that
 * is broken or lacks what the format requires. Real server, real files (a .docx from our own
 * export, a zip from JSZip).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { startServer, signUp, createReport, api, type TestServer } from '../helpers/server';

const SAMPLE_EN = readFileSync(new URL('../../server/samples/ctoc-cop-2012-wg-report.en.txt', import.meta.url), 'utf8');

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function upload(path: string, body: Buffer | string, token: string | null, contentType = 'application/octet-stream') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; format?: string; content?: { body: { content: unknown[] }; meta: Record<string, string> } } };
}

const bytes = (...values: number[]) => Buffer.from(values);
const PNG = Buffer.concat([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), Buffer.alloc(64, 3)]);
const JPEG = Buffer.concat([bytes(0xff, 0xd8, 0xff, 0xe0), Buffer.alloc(64, 1)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 0)]);
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const OLD_DOC = Buffer.concat([bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), Buffer.alloc(64, 0)]);
const BINARY = bytes(0x31, 0x2e, 0x20, 0x00, 0x01, 0x02, 0x03, 0x0a);
const UTF16 = Buffer.concat([bytes(0xff, 0xfe), Buffer.from('1. Text', 'utf16le')]);
const DAMAGED_ZIP = Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.alloc(40, 7)]);

const REPORT_ACCEPTS = 'import accepts .docx, .txt and .md files.';
const TRANSLATION_ACCEPTS = 'import accepts .docx, .txt and .xliff (.xlf) files.';

describe('upload errors say what the file is and what is accepted', () => {
  it('the report import reads .docx, .txt and .md, and refuses everything else by what it is', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN });
    const docx = await fetch(`${server.url}/api/reports/${id}/export?format=docx`, { headers: { authorization: `Bearer ${owner.token}` } });
    const docxBytes = Buffer.from(await docx.arrayBuffer());

    const fromDocx = await upload('/api/import/report?name=report.docx', docxBytes, owner.token);
    expect(fromDocx.status).toBe(200);
    expect(fromDocx.body.format).toBe('docx');
    expect(JSON.stringify(fromDocx.body.content!.body)).toContain('In its resolution 5/3');
    // The name does not decide: a .docx called .txt is still read as Word.
    expect((await upload('/api/import/report?name=renamed.txt', docxBytes, owner.token)).body.format).toBe('docx');
    const fromTxt = await upload('/api/import/report?name=report.txt', SAMPLE_EN, owner.token, 'text/plain');
    expect(fromTxt.body.format).toBe('txt');
    expect(fromTxt.body.content!.meta.session).toBe('Sixth session');
    const fromMd = await upload('/api/import/report?name=notes.md', '# Heading\n\n1. A numbered paragraph.\n', owner.token, 'text/markdown');
    expect(fromMd.body.format).toBe('md');
    expect(JSON.stringify(fromMd.body.content!.body)).toContain('A numbered paragraph.');

    const notDocx = new JSZip();
    notDocx.file('photo.txt', 'hello');
    const zip = await notDocx.generateAsync({ type: 'nodebuffer' });
    const cases: [string, Buffer | string, string][] = [
      ['diagram.png', PNG, 'This is a PNG image; '],
      ['photo.jpg', JPEG, 'This is a JPEG image; '],
      ['anim.gif', GIF, 'This is a GIF image; '],
      ['report.pdf', PDF, 'This is a PDF document; '],
      ['report.doc', OLD_DOC, 'This is an old-format Word or Excel file (.doc, .xls); save it as .docx first; '],
      ['archive.zip', zip, 'This is a ZIP archive, not a Word document; '],
      ['broken.docx', DAMAGED_ZIP, 'This is a damaged Word document or ZIP archive (it cannot be opened); '],
      ['data.bin', BINARY, 'This is a binary file, not text; '],
      ['wide.txt', UTF16, 'This is UTF-16 text; save it as UTF-8 first; '],
      ['fr.xlf', '<?xml version="1.0"?><xliff version="1.2"><file source-language="en"></file></xliff>', 'This is an XLIFF translation file; '],
    ];
    for (const [name, body, start] of cases) {
      const res = await upload(`/api/import/report?name=${name}`, body, owner.token);
      expect(res.status, name).toBe(400);
      expect(res.body.error!.code, name).toBe('invalid_import');
      expect(res.body.error!.message, name).toBe(start + REPORT_ACCEPTS);
    }
    const empty = await upload('/api/import/report?name=empty.txt', Buffer.alloc(0), owner.token);
    expect(empty.status).toBe(400);
    expect(empty.body.error!.message).toBe(`The file is empty; ${REPORT_ACCEPTS}`);
    // A bad line in a text report still names its line.
    const misnumbered = await upload('/api/import/report?name=r.txt', '1. One\n\n3. Three\n', owner.token, 'text/plain');
    expect(misnumbered.status).toBe(400);
    expect(misnumbered.body.error!.message).toMatch(/^line 3: /);
    // Signed-in users only.
    expect((await upload('/api/import/report?name=r.txt', SAMPLE_EN, null)).status).toBe(401);
    // Nothing was written: the report is as it was.
    const txt = await api(server.url, 'GET', `/api/reports/${id}/export?format=txt`, undefined, owner.token);
    expect(txt.body).toContain('In its resolution 5/3');
  });

  it('the translation import refuses images, PDFs and binaries by what they are, and broken XLIFF plainly', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages: ['fr'] });
    const path = `/api/reports/${id}/import?lang=fr`;
    for (const [body, start] of [
      [PNG, 'This is a PNG image; '],
      [PDF, 'This is a PDF document; '],
      [JPEG, 'This is a JPEG image; '],
      [BINARY, 'This is a binary file, not text; '],
    ] as const) {
      // Whatever the browser claims the type is.
      const res = await upload(path, body, owner.token, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.status).toBe(400);
      expect(res.body.error!.message).toBe(start + TRANSLATION_ACCEPTS);
    }
    const xliffCases: [string, RegExp][] = [
      // No <file>: the xliff package used to fail with "Cannot read properties of undefined (reading 'source-language')".
      ['<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n</xliff>', /^line 1: this XLIFF 1\.2 file is incomplete: there is no <file> element/],
      ['<?xml version="1.0"?>\n<xliff version="1.2">\n<file original="x" target-language="fr">\n<body></body></file></xliff>', /^line 3: this XLIFF 1\.2 file is incomplete: a <file> element has no source-language/],
      ['<?xml version="1.0"?>\n<xliff version="2.0" trgLang="fr">\n<file id="f"></file></xliff>', /^line 2: this XLIFF 2\.0 file is incomplete: the <xliff> element has no srcLang/],
      ['<?xml version="1.0"?>\n<xliff version="1.2">\n<file source-language="en">\n<body><trans-unit id="a"><source>x</source></body>', /^line 4: malformed XLIFF \(the XML is broken\): /],
    ];
    for (const [xml, expected] of xliffCases) {
      const res = await upload(path, xml, owner.token, 'application/xliff+xml');
      expect(res.status, xml).toBe(400);
      expect(res.body.error!.message, xml).toMatch(expected);
      expect(res.body.error!.message).not.toMatch(/Cannot read properties|undefined/);
    }
    // Nothing was imported.
    const detail = await api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token);
    expect(detail.body.progress.fr.translated).toBe(0);
  });
});
