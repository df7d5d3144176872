/**
 * A partly translated Arabic version exports its English fallback left to right, in every
 * format: the HTML export is laid out by Chromium and each block's computed direction read;
 * the DOCX's document.xml is parsed (paragraph w:bidi, run w:rtl); plain text and Markdown
 * wrap each fallback line in LRI … PDI and leave Arabic lines alone; XLIFF carries no isolates.
 */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { createReport, signUp } from '../helpers/server';
import { newPage, SAMPLE_EN } from './harness';
import { browserSuite } from './suite';
import { readFileSync } from 'node:fs';

const LRI = '\u2066';
const PDI = '\u2069';
const ARABIC_P1 = 'في قرارها 5/3، المعنون "تنفيذ بروتوكول مكافحة تهريب المهاجرين"، رحَّب المؤتمر بنتائج المشاورات.';
const ARABIC_TITLE = 'استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية';

async function send(base: string, path: string, token: string, body: string, contentType: string) {
  const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function download(base: string, path: string, token: string): Promise<Buffer> {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

interface DocxParagraph {
  text: string;
  bidi: boolean;
  rtlRuns: number;
  runs: number;
}

/** The paragraphs of a document.xml: their text, paragraph bidi and how many runs are rtl. */
function docxParagraphs(xml: string): DocxParagraph[] {
  const parser = new SaxesParser();
  const out: DocxParagraph[] = [];
  let current: DocxParagraph | null = null;
  let inText = false;
  const on = (value: string | undefined) => value === undefined || !['0', 'false', 'off'].includes(value);
  parser.on('opentag', (tag) => {
    const val = typeof tag.attributes['w:val'] === 'string' ? (tag.attributes['w:val'] as string) : undefined;
    if (tag.name === 'w:p') current = { text: '', bidi: false, rtlRuns: 0, runs: 0 };
    else if (tag.name === 'w:bidi' && current) current.bidi = on(val);
    else if (tag.name === 'w:r' && current) current.runs++;
    else if (tag.name === 'w:rtl' && current && on(val)) current.rtlRuns++;
    else if (tag.name === 'w:t') inText = true;
  });
  parser.on('text', (text) => {
    if (inText && current) current.text += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    if (tag.name === 'w:p' && current) {
      out.push(current);
      current = null;
    }
  });
  parser.write(xml).close();
  return out;
}

describe('fallback direction in exports of a partly translated Arabic version', () => {
  const suite = browserSuite();

  it('keeps English fallback left to right in html, docx, txt and md; xliff is unaffected', async () => {
    const { server, browser, log } = suite;
    const owner = await signUp(server.url, 'Rania Exporter');
    const { id } = await createReport(server.url, owner.token, { title: '', text: readFileSync(SAMPLE_EN, 'utf8'), languages: ['ar'] });
    // Translate paragraph 1 and the title through an XLIFF (ids from our own export).
    const xliff = (await download(server.url, `/api/reports/${id}/export?lang=ar&format=xliff`, owner.token)).toString('utf8');
    const p1 = /<trans-unit id="(p[0-9a-z]{12})"[^>]*>\s*<source>In its resolution 5\/3/.exec(xliff)![1];
    const translated = xliff
      .replace(new RegExp(`(<trans-unit id="${p1}"[^>]*>\\s*<source>[^<]*</source>)`), `$1<target state="translated">${ARABIC_P1}</target>`)
      .replace(/(<trans-unit id="meta\.title"[^>]*>\s*<source>[^<]*<\/source>)/, `$1<target state="translated">${ARABIC_TITLE}</target>`);
    const imported = await send(server.url, `/api/reports/${id}/import?lang=ar`, owner.token, translated, 'application/xliff+xml');
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(1); // the paragraph; masthead fields are not counted as rows

    // HTML, laid out by Chromium: fallback blocks and fields are ltr (and lang en), Arabic is rtl.
    const html = (await download(server.url, `/api/reports/${id}/export?lang=ar&format=html`, owner.token)).toString('utf8');
    const { page } = await newPage(browser, log, 'html-export');
    await page.setContent(html);
    const blocks = await page.evaluate(() =>
      [...document.querySelectorAll('.para, .heading, .footnote, .title, .agenda-item, .organ')].map((el) => ({
        text: el.textContent ?? '',
        dir: getComputedStyle(el).direction,
        lang: el.closest('[lang]')?.getAttribute('lang') ?? '',
      })),
    );
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const arabicBlock = blocks.find((b) => b.text.includes(ARABIC_P1))!;
    expect(arabicBlock).toMatchObject({ dir: 'rtl', lang: 'ar' });
    expect(blocks.find((b) => b.text.includes(ARABIC_TITLE))).toMatchObject({ dir: 'rtl', lang: 'ar' });
    const fallback = blocks.filter((b) => b.text.includes('[EN]'));
    expect(fallback.length).toBeGreaterThanOrEqual(5); // paragraphs 2-3, the heading, the footnote, the agenda item…
    for (const b of fallback) expect(b, b.text).toMatchObject({ dir: 'ltr', lang: 'en' });
    expect(blocks.find((b) => b.text.includes('Item 2 (c)'))).toMatchObject({ dir: 'ltr' });

    // DOCX: fallback paragraphs have no w:bidi and no rtl runs; the Arabic paragraph has both.
    const docx = await JSZip.loadAsync(await download(server.url, `/api/reports/${id}/export?lang=ar&format=docx`, owner.token));
    const paragraphs = docxParagraphs(await docx.file('word/document.xml')!.async('string'));
    const arabicParagraph = paragraphs.find((p) => p.text.includes(ARABIC_P1))!;
    expect(arabicParagraph.bidi).toBe(true);
    expect(arabicParagraph.rtlRuns).toBe(arabicParagraph.runs);
    const docxFallback = paragraphs.filter((p) => p.text.includes('[EN]'));
    expect(docxFallback.length).toBeGreaterThanOrEqual(5);
    for (const p of docxFallback) expect({ text: p.text, bidi: p.bidi, rtlRuns: p.rtlRuns }).toEqual({ text: p.text, bidi: false, rtlRuns: 0 });
    const footnotesXml = await docx.file('word/footnotes.xml')?.async('string');
    for (const p of footnotesXml ? docxParagraphs(footnotesXml).filter((n) => n.text.includes('[EN]')) : []) expect(p.bidi).toBe(false);

    // Plain text and Markdown: every line holding fallback text isolates it, Arabic lines do not.
    for (const format of ['txt', 'md']) {
      const text = (await download(server.url, `/api/reports/${id}/export?lang=ar&format=${format}`, owner.token)).toString('utf8');
      const lines = text.split('\n');
      // Markdown escapes the brackets and ends masthead lines with a hard break (`\`).
      const mark = format === 'md' ? '\\[EN\\]' : '[EN]';
      const fallbackLines = lines.filter((l) => l.includes(mark));
      expect(fallbackLines.length, format).toBeGreaterThanOrEqual(8);
      for (const l of fallbackLines) {
        const open = l.indexOf(LRI);
        expect(open, `${format}: ${l}`).toBeGreaterThanOrEqual(0);
        expect(l.indexOf(mark), l).toBe(open + 1);
        expect(l.replace(/\\$/, '').endsWith(PDI), l).toBe(true);
      }
      const arabicLine = lines.find((l) => l.includes(ARABIC_P1))!;
      expect(arabicLine).not.toMatch(/[\u2066-\u2069]/);
    }
    // A re-import of the plain-text export still recognises the fallback and skips it.
    const txt = (await download(server.url, `/api/reports/${id}/export?lang=ar&format=txt`, owner.token)).toString('utf8');
    const again = await send(server.url, `/api/reports/${id}/import?lang=ar`, owner.token, txt, 'text/plain; charset=utf-8');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, unmatched: [] });
    expect(again.body.skipped).toBeGreaterThanOrEqual(4);

    // XLIFF is unaffected: sources and targets carry no isolates.
    const xlf = (await download(server.url, `/api/reports/${id}/export?lang=ar&format=xliff`, owner.token)).toString('utf8');
    expect(xlf).not.toMatch(/[\u2066-\u2069]/);
    expect(xlf).toContain(ARABIC_P1.slice(0, 20)); // (quotes further on are escaped)
    expect(log.errors).toEqual([]);
  }, 60_000);
});
