/**
 * Markdown export keeps the report's numbers, footnotes and marks; the importer reads it (and
 * ordinary Markdown) back into the model, with safe links only.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMarkdown, serializeMarkdown } from '../../../shared/src/format/markdown';
import { parsePlainText } from '../../../shared/src/format/plainText';
import { ImportError } from '../../../shared/src/errors';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { PMBlock, PMInline, ReportContent } from '../../../shared/src/model/schema';

const sample = (lang: 'en' | 'fr') => readFileSync(new URL(`../../../server/samples/ctoc-cop-2012-wg-report.${lang}.txt`, import.meta.url), 'utf8');

function withoutPids(content: ReportContent): unknown {
  const ids = new Map<string, string>();
  const id = (pid: string) => {
    if (!ids.has(pid)) ids.set(pid, `#${ids.size}`);
    return ids.get(pid)!;
  };
  for (const b of listBlocks(content.body)) if (b.type === 'footnote') id(b.pid);
  return JSON.parse(JSON.stringify(content), (key, value) => (key === 'pid' || key === 'target' ? id(value as string) : value));
}

const text = (content: PMInline[] | undefined) => (content ?? []).map((n) => (n.type === 'text' ? n.text : '')).join('');
const doc = (...content: PMBlock[]): ReportContent => ({ meta: {}, body: { type: 'doc', content } });

describe('serializeMarkdown', () => {
  it('writes the English sample with masthead, title, heading, escaped numbers and the * footnote', () => {
    const md = serializeMarkdown(parsePlainText(sample('en')));
    const lines = md.split('\n');
    expect(lines[0]).toBe('Conference of the Parties to the United Nations Convention against Transnational Organized Crime\\');
    expect(lines).toContain('Item 2 (c) of the provisional agenda[^*]');
    expect(lines).toContain('# Review of the implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto: Protocol against the Smuggling of Migrants by Land, Sea and Air');
    expect(lines).toContain('## Note by the Secretariat');
    expect(lines.filter((l) => /^\d+\\\. /.test(l)).map((l) => l.slice(0, 3))).toEqual(['1\\.', '2\\.', '3\\.']);
    expect(lines).toContain('[^*]: CTOC/COP/2012/1.');
  });

  it('writes superscripts as <sup> and keeps the French title lines', () => {
    const md = serializeMarkdown(parsePlainText(sample('fr')));
    expect(md).toContain('du 30 mai au 1<sup>er</sup> juin 2012. Conformément');
    expect(md).toContain("# Examen de l'application de la Convention des Nations Unies<br>contre la criminalité");
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`${lang}: reads its own export back to the same report`, () => {
      const content = parsePlainText(sample(lang));
      expect(withoutPids(parseMarkdown(serializeMarkdown(content)))).toEqual(withoutPids(content));
    });
  }

  it('writes bold, italic, numbered footnotes and escapes Markdown in the text', () => {
    const content = doc(
      {
        type: 'paragraph',
        attrs: { pid: 'a', numbered: true },
        content: [
          { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' with *stars* and [brackets] <b>' },
          { type: 'footnoteRef', attrs: { target: 'n' } },
        ],
      },
      { type: 'paragraph', attrs: { pid: 'b', numbered: false }, content: [{ type: 'text', text: '# not a heading' }] },
      { type: 'footnote', attrs: { pid: 'n', marker: '' }, content: [{ type: 'text', text: 'A note.' }] },
    );
    const md = serializeMarkdown(content);
    expect(md).toContain('1\\. **Bold** and *italic* with \\*stars\\* and \\[brackets\\] \\<b\\>[^1]');
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('[^1]: A note.');
    expect(withoutPids(parseMarkdown(md))).toEqual(withoutPids(content));
  });

  it('keeps safe links and drops unsafe ones', () => {
    const link = (href: string): PMInline => ({ type: 'text', text: 'here', marks: [{ type: 'link', attrs: { href } }] });
    const md = serializeMarkdown(
      doc({ type: 'paragraph', attrs: { pid: 'a', numbered: false }, content: [link('https://undocs.org/CTOC/COP/2012/1'), { type: 'text', text: ' ' }, link('javascript:alert(1)'), { type: 'text', text: ' ' }, link('mailto:a@b.org')] }),
    );
    expect(md).toContain('[here](https://undocs.org/CTOC/COP/2012/1)');
    expect(md).toContain('[here](mailto:a@b.org)');
    expect(md).not.toContain('javascript');
  });
});

describe('parseMarkdown', () => {
  it('reads headings, numbered paragraphs, lists and marks, each block with a pid', () => {
    const { meta, body } = parseMarkdown(
      [
        'Title',
        '=====',
        '',
        '## Introduction',
        '',
        '1. The **first** paragraph, with *emphasis* and <sup>er</sup>.',
        '',
        '2. The second, spread',
        'over two lines.',
        '',
        '- a bullet',
        '- another, with [a link](https://example.org) and [a trap](javascript:alert(1))',
        '',
        'Steps:',
        '',
        '1. one',
        '2. two',
        '',
        '3\\. A numbered paragraph written the way our export writes it.',
      ].join('\n'),
    );
    expect(meta).toEqual({ title: 'Title' });
    expect(body.content.map((b) => b.type)).toEqual(['heading', 'paragraph', 'paragraph', 'bulletList', 'paragraph', 'orderedList', 'paragraph']);
    const blocks = listBlocks(body);
    expect(new Set(blocks.map((b) => b.pid)).size).toBe(blocks.length);
    expect(blocks.filter((b) => b.number !== null).map((b) => [b.number, b.text])).toEqual([
      [1, 'The first paragraph, with emphasis and er.'],
      [2, 'The second, spread over two lines.'],
      [3, 'A numbered paragraph written the way our export writes it.'],
    ]);
    const first = body.content[1] as Extract<PMBlock, { type: 'paragraph' }>;
    expect(first.content).toContainEqual({ type: 'text', text: 'first', marks: [{ type: 'bold' }] });
    expect(first.content).toContainEqual({ type: 'text', text: 'emphasis', marks: [{ type: 'italic' }] });
    expect(first.content).toContainEqual({ type: 'text', text: 'er', marks: [{ type: 'superscript' }] });
    const bullets = body.content[3] as Extract<PMBlock, { type: 'bulletList' }>;
    const second = bullets.content[1].content[0] as Extract<PMBlock, { type: 'paragraph' }>;
    expect(second.content).toContainEqual({ type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] });
    expect(JSON.stringify(second)).not.toContain('javascript');
    expect(text(second.content)).toBe('another, with a link and a trap');
    const ordered = body.content[5] as Extract<PMBlock, { type: 'orderedList' }>;
    expect(ordered.content.map((item) => text((item.content[0] as Extract<PMBlock, { type: 'paragraph' }>).content))).toEqual(['one', 'two']);
  });

  it('binds footnote references to their definitions', () => {
    const { body } = parseMarkdown('1\\. A claim.[^a] Another.[^*]\n\n[^a]: Source A.\n[^*]: Star note,\n    continued.\n');
    const notes = body.content.filter((b) => b.type === 'footnote');
    expect(notes.map((n) => [n.attrs.marker, text(n.content)])).toEqual([
      ['', 'Source A.'],
      ['*', 'Star note, continued.'],
    ]);
    const refs = (body.content[0] as Extract<PMBlock, { type: 'paragraph' }>).content!.filter((n) => n.type === 'footnoteRef');
    expect(refs.map((r) => (r as { attrs: { target: string } }).attrs.target)).toEqual(notes.map((n) => n.attrs.pid));
  });

  it('drops HTML tags other than the formatting ones, keeping their text', () => {
    const { body } = parseMarkdown('Text <script>alert(1)</script> and <img src=x onerror=alert(1)> <a href="javascript:x">y</a> <!-- gone -->.');
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/<|onerror|javascript/);
  });

  it('refuses empty or binary input with a line', () => {
    expect(() => parseMarkdown(' \n\n')).toThrow(ImportError);
    expect(() => parseMarkdown('# T\n\nok\n\u0000')).toThrow(expect.objectContaining({ line: 4, code: 'invalid_import' }));
  });
});
