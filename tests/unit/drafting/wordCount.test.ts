/** Word counts as UN limits apply them: body text only, references as words, CJK by character. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyWordCount, countWords, translationWordCount } from '../../../shared/src/model/wordCount';
import { parsePlainText } from '../../../shared/src/format/plainText';
import type { PMBlock, PMDoc } from '../../../shared/src/model/schema';

const SAMPLE_EN = readFileSync(new URL('../../../server/samples/ctoc-cop-2012-wg-report.en.txt', import.meta.url), 'utf8');

describe('word count', () => {
  it('counts words as word processors do', () => {
    expect(countWords('The open-ended Working Group, in 2012 — met.')).toBe(7);
    expect(countWords('  ')).toBe(0);
    expect(countWords('CTOC/COP/2012/1 (c)')).toBe(2);
    expect(countWords('工作组 举行了会议')).toBe(8);
    expect(countWords('Группа провела 1-ю сессию')).toBe(4);
  });

  it('counts the body of the sample without its masthead and footnotes', () => {
    const report = parsePlainText(SAMPLE_EN);
    const bodyParagraphs = SAMPLE_EN.split('\n').filter((l) => /^\d+\. /.test(l));
    const expected = bodyParagraphs.reduce((n, l) => n + countWords(l.replace(/^\d+\. /, '')), 0);
    const headings = report.body.content.filter((b) => b.type === 'heading' || (b.type === 'paragraph' && !b.attrs.numbered));
    const headingWords = headings.reduce((n, b) => n + ('content' in b ? countWords((b.content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('')) : 0), 0);
    expect(bodyWordCount(report.body)).toBe(expected + headingWords);
    // The footnote "* CTOC/COP/2012/1." and the title are not body words.
    expect(bodyWordCount(report.body)).toBeGreaterThan(150);
  });

  it('counts a paragraph reference as one word and skips footnotes', () => {
    const doc: PMDoc = {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { pid: 'a', numbered: true }, content: [{ type: 'text', text: 'as stated in paragraph ' }, { type: 'paragraphRef', attrs: { target: 'b' } }, { type: 'text', text: ' above' }] },
        { type: 'paragraph', attrs: { pid: 'b', numbered: true }, content: [{ type: 'text', text: 'Two words' }] },
        { type: 'footnote', attrs: { pid: 'f', marker: '' }, content: [{ type: 'text', text: 'not counted at all' }] },
      ],
    };
    expect(bodyWordCount(doc)).toBe(8);
    const segments = new Map<string, PMBlock | null>([
      ['a', { type: 'paragraph', attrs: { pid: 'a', numbered: true }, content: [{ type: 'text', text: 'comme indiqué au paragraphe ' }, { type: 'paragraphRef', attrs: { target: 'b' } }] }],
      ['f', { type: 'footnote', attrs: { pid: 'f', marker: '' }, content: [{ type: 'text', text: 'pas compté' }] }],
    ]);
    expect(translationWordCount(doc, segments)).toBe(5);
  });
});
