/** XLIFF 1.2 / 2.0: what we write reads back the same; malformed input names its line. */
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../shared/src/errors';
import { escapeXml, looksLikeXliff, readXliff, unitLine, writeXliff, type XliffDocument } from '../../../server/src/translation/xliff';

const doc: XliffDocument = {
  fileId: 'report-1',
  sourceLanguage: 'en',
  targetLanguage: 'fr',
  units: [
    { id: 'meta.title', source: 'Line one\nline & two', target: 'Ligne un\nligne & deux', state: 'translated', note: 'title' },
    { id: 'p1', source: 'A <b>tag</b> "quoted" \'single\' 1^{st}', target: 'Une <b>balise</b> « citée » 1^{er}', state: 'reviewed', note: 'paragraph 1.' },
    { id: 'p2', source: '  spaced  ', target: 'draft\u0007 text', state: 'draft' },
    { id: 'p3', source: 'Untranslated', state: 'untranslated' },
    { id: 'p4', source: 'Changed', target: 'Changé', state: 'translated', stale: true },
  ],
};

describe('XLIFF', () => {
  for (const version of ['1.2', '2.0'] as const) {
    it(`writes and reads back ${version}`, async () => {
      const xml = writeXliff(doc, version);
      expect(looksLikeXliff(xml)).toBe(true);
      const back = await readXliff(xml);
      expect(back).toMatchObject({ fileId: 'report-1', sourceLanguage: 'en', targetLanguage: 'fr' });
      expect(back.units.map((u) => [u.id, u.source, u.target])).toEqual([
        ['meta.title', 'Line one\nline & two', 'Ligne un\nligne & deux'],
        ['p1', 'A <b>tag</b> "quoted" \'single\' 1^{st}', 'Une <b>balise</b> « citée » 1^{er}'],
        ['p2', '  spaced  ', 'draft text'],
        ['p3', 'Untranslated', undefined],
        ['p4', 'Changed', 'Changé'],
      ]);
      expect(unitLine(xml, 'p2')).toBe(xml.split('\n').findIndex((l) => l.includes('id="p2"')) + 1);
    });
  }

  it('keeps each state where the standard puts it', () => {
    const v12 = writeXliff(doc, '1.2');
    expect(v12).toContain('<trans-unit id="p1" approved="yes"');
    expect(v12).toMatch(/<target state="signed-off">Une/);
    expect(v12).toMatch(/<target state="new">draft/);
    expect(v12).toMatch(/<target state="needs-review-translation">Changé/);
    const v20 = writeXliff(doc, '2.0');
    expect(v20).toMatch(/<segment state="reviewed">\s*<source>A &lt;b&gt;/);
    expect(v20).toMatch(/<segment state="translated" subState="plenary:source-changed">/);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });

  it('refuses malformed XML with its 1-based line, and non-XLIFF', async () => {
    const bad = '<?xml version="1.0"?>\n<xliff version="1.2">\n<file original="x">\n<body>\n<trans-unit id="a"><source>a</sourc>';
    const error = await readXliff(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).line).toBe(5);
    await expect(readXliff('<html></html>')).rejects.toThrow(/no <xliff> element/);
    await expect(readXliff('<xliff version="1.2"><file original="x"><body><trans-unit id="a"><source>&bogus;</source></trans-unit></body></file></xliff>')).rejects.toThrow(/line 1/);
  });
});
