/**
 * DOCX export and import: the export is a Word file mammoth can read, with the computed
 * numbers, and importing it gives the numbered paragraphs, title, masthead and footnotes back.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { renderReportDocx } from '../../../server/src/export/docx';
import { parseDocx } from '../../../server/src/import/docx';
import { parsePlainText } from '../../../shared/src/format/plainText';
import { PlenaryError } from '../../../shared/src/errors';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { PMBlock, ReportContent } from '../../../shared/src/model/schema';

const sample = (lang: 'en' | 'fr') => parsePlainText(readFileSync(new URL(`../../../server/samples/ctoc-cop-2012-wg-report.${lang}.txt`, import.meta.url), 'utf8'));

/** One file of a zip archive, read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} not in the archive`);
}

const paragraphTexts = (content: ReportContent) => listBlocks(content.body).filter((b) => b.type === 'paragraph');

describe('renderReportDocx', () => {
  it('writes a zip that mammoth reads, with paragraph 1 and its number', async () => {
    const content = sample('en');
    const docx = await renderReportDocx(content, { lang: 'en' });
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer: docx });
    const first = paragraphTexts(content)[0].text;
    expect(value).toContain(`1.\t${first}`);
    expect(value).toContain('3.\tThe Working Group on the Smuggling of Migrants held its first meeting');
    expect(value).toContain('Distr.: General');
    expect(value).toContain('*\tCTOC/COP/2012/1.');
  });

  it('writes the title bold and centred, and superscripts as such', async () => {
    const docx = await renderReportDocx(sample('fr'), { lang: 'fr' });
    const { value } = await mammoth.convertToHtml({ buffer: docx });
    expect(value).toContain("<p><strong>Examen de l'application de la Convention des Nations Unies</strong><br /><strong>contre la criminalité");
    expect(value).toContain('du 30 mai au 1<sup>er</sup> juin 2012');
    expect(value).toContain('<h2>');
    const xml = zipEntry(docx, 'word/document.xml');
    expect(xml).toContain('<w:jc w:val="center"/>');
    expect(xml).toMatch(/<w:ind [^>]*w:hanging="567"/);
  });

  it('lays Arabic out right to left', async () => {
    const xml = zipEntry(await renderReportDocx(sample('en'), { lang: 'ar' }), 'word/document.xml');
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:rtl/>');
    const ltr = zipEntry(await renderReportDocx(sample('en'), { lang: 'en' }), 'word/document.xml');
    expect(ltr).not.toContain('<w:bidi/>');
  });

  it('writes numbered footnotes as Word footnotes and drops unsafe links', async () => {
    const content: ReportContent = {
      meta: { title: 'T' },
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            attrs: { pid: 'a', numbered: true },
            content: [
              { type: 'text', text: 'See ' },
              { type: 'text', text: 'the site', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
              { type: 'text', text: ' and ' },
              { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
              { type: 'text', text: '.' },
              { type: 'footnoteRef', attrs: { target: 'n' } },
            ],
          },
          { type: 'footnote', attrs: { pid: 'n', marker: '' }, content: [{ type: 'text', text: 'A real footnote.' }] },
        ],
      },
    };
    const docx = await renderReportDocx(content, { lang: 'en' });
    expect(zipEntry(docx, 'word/footnotes.xml')).toContain('A real footnote.');
    const rels = zipEntry(docx, 'word/_rels/document.xml.rels');
    expect(rels).toContain('https://example.org');
    expect(rels).not.toContain('javascript');

    const back = await parseDocx(docx);
    const notes = back.body.content.filter((b) => b.type === 'footnote');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ attrs: { marker: '' }, content: [{ type: 'text', text: 'A real footnote.' }] });
    const para = back.body.content[0] as Extract<PMBlock, { type: 'paragraph' }>;
    expect(para.attrs.numbered).toBe(true);
    expect(para.content).toContainEqual({ type: 'footnoteRef', attrs: { target: notes[0].attrs.pid } });
    expect(para.content).toContainEqual({ type: 'text', text: 'the site', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] });
  });
});

describe('parseDocx', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`${lang}: reads our export back: masthead, title, heading, numbered paragraphs, * footnote`, async () => {
      const content = sample(lang);
      const back = await parseDocx(await renderReportDocx(content, { lang }));
      expect(back.meta).toEqual(content.meta);
      expect(back.body.content.map((b) => b.type)).toEqual(content.body.content.map((b) => b.type));
      expect(paragraphTexts(back).map((p) => [p.number, p.text])).toEqual(paragraphTexts(content).map((p) => [p.number, p.text]));
      expect(back.body.content[0]).toMatchObject({ type: 'heading', attrs: { level: 2 } });
      expect(back.body.content[back.body.content.length - 1]).toMatchObject({ type: 'footnote', attrs: { marker: '*' }, content: [{ type: 'text', text: 'CTOC/COP/2012/1.' }] });
      const pids = listBlocks(back.body).map((b) => b.pid);
      expect(new Set(pids).size).toBe(pids.length);
    });
  }

  it('keeps superscripts', async () => {
    const back = await parseDocx(await renderReportDocx(sample('fr'), { lang: 'fr' }));
    const third = back.body.content.filter((b) => b.type === 'paragraph')[2] as Extract<PMBlock, { type: 'paragraph' }>;
    expect(third.content).toContainEqual({ type: 'text', text: 'er', marks: [{ type: 'superscript' }] });
  });

  it('refuses what is not a .docx file', async () => {
    await expect(parseDocx(Buffer.from('plain text, not a zip'))).rejects.toBeInstanceOf(PlenaryError);
    await expect(parseDocx(Buffer.from('plain text, not a zip'))).rejects.toMatchObject({ code: 'invalid_import' });
  });
});
