/** Aligning an imported translation with the original's blocks. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlainText, serializePlainText } from '../../../shared/src/format/plainText';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { PMDoc, PMTextBlock, ReportContent } from '../../../shared/src/model/schema';
import { alignTranslation, textBlocks } from '../../../shared/src/translation/align';
import { bilingualRows, composeTranslation, untranslatedMark } from '../../../shared/src/translation/compose';

const sample = (lang: string) => readFileSync(new URL(`../../../server/samples/ctoc-cop-2012-wg-report.${lang}.txt`, import.meta.url), 'utf8');
const nonEmptyLines = (s: string) => s.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');

const p = (pid: string, text: string, numbered = false): PMTextBlock => ({ type: 'paragraph', attrs: { pid, numbered }, content: [{ type: 'text', text }] });
const h = (pid: string, text: string): PMTextBlock => ({ type: 'heading', attrs: { pid, level: 2 }, content: [{ type: 'text', text }] });
const doc = (...content: PMDoc['content']): PMDoc => ({ type: 'doc', content });
const report = (body: PMDoc): ReportContent => ({ meta: {}, body });
const texts = (segments: Map<string, PMTextBlock>) => Object.fromEntries([...segments].map(([pid, b]) => [pid, b.content?.map((n) => (n.type === 'text' ? n.text : '')).join('')]));

describe('alignTranslation', () => {
  it('fills every row of the English sample from the French sample, keeping source pids and attrs', () => {
    const en = parsePlainText(sample('en'));
    const fr = parsePlainText(sample('fr'));
    const aligned = alignTranslation(en.body, fr);
    expect(aligned.unmatched).toEqual([]);
    expect(aligned.missing).toEqual([]);
    const sourceBlocks = textBlocks(en.body);
    for (const block of sourceBlocks) {
      const segment = aligned.segments.get(block.attrs.pid)!;
      expect(segment.type).toBe(block.type);
      expect(segment.attrs).toEqual(block.attrs);
    }
    expect(aligned.meta.languageLine).toBe('Français');
    expect(aligned.meta.title?.split('\n')).toHaveLength(4);
    expect(aligned.meta.originalLanguage).toBeUndefined();
    // And the composed French version writes the French sample back.
    const composed = composeTranslation(en, { segments: aligned.segments, meta: aligned.meta }, 'en');
    expect(nonEmptyLines(serializePlainText(composed))).toEqual(nonEmptyLines(sample('fr')));
  });

  it('matches numbered paragraphs by number even when the other blocks differ', () => {
    const source = doc(h('h1', 'Introduction'), p('a', 'One', true), p('b', 'Two', true), p('c', 'Three', true));
    const translation = report(doc(p('x', 'Deux', true), p('y', 'Un', true)));
    // The translation's "1." is "Deux" here: numbers decide, not order.
    const aligned = alignTranslation(source, translation);
    expect(texts(aligned.segments)).toEqual({ a: 'Deux', b: 'Un' });
    expect(aligned.missing).toEqual(['h1', 'c']);
  });

  it('pairs unnumbered blocks within their stretch, by kind when the counts differ, and reports leftovers', () => {
    const source = doc(h('h1', 'Background'), p('u1', 'Intro text'), p('n1', 'One', true), h('h2', 'Conclusions'), p('n2', 'Two', true));
    const translation = report(doc(h('t1', 'Contexte'), p('t2', 'Texte'), p('t3', 'Un', true), p('t4', 'Paragraphe en trop'), h('t5', 'Conclusions'), p('t6', 'Deux', true), p('t7', 'Trois', true)));
    const aligned = alignTranslation(source, translation);
    expect(texts(aligned.segments)).toEqual({ h1: 'Contexte', u1: 'Texte', n1: 'Un', h2: 'Conclusions', n2: 'Deux' });
    expect(aligned.unmatched.map((u) => u.text)).toEqual(['Paragraphe en trop', 'Trois']);
    expect(aligned.segments.get('h2')!.type).toBe('heading');
  });

  it('matches footnotes by marker and re-points references at the original footnotes', () => {
    const source = doc(
      { type: 'paragraph', attrs: { pid: 'a', numbered: true }, content: [{ type: 'text', text: 'See' }, { type: 'footnoteRef', attrs: { target: 'f1' } }] },
      { type: 'footnote', attrs: { pid: 'f1', marker: '' }, content: [{ type: 'text', text: 'Note one.' }] },
      { type: 'footnote', attrs: { pid: 'fs', marker: '*' }, content: [{ type: 'text', text: 'Star.' }] },
    );
    const translation = report(doc(
      { type: 'paragraph', attrs: { pid: 'x', numbered: true }, content: [{ type: 'text', text: 'Voir' }, { type: 'footnoteRef', attrs: { target: 'g1' } }] },
      { type: 'footnote', attrs: { pid: 'gs', marker: '*' }, content: [{ type: 'text', text: 'Étoile.' }] },
      { type: 'footnote', attrs: { pid: 'g1', marker: '' }, content: [{ type: 'text', text: 'Note un.' }] },
    ));
    const aligned = alignTranslation(source, translation);
    expect(aligned.segments.get('a')!.content).toEqual([{ type: 'text', text: 'Voir' }, { type: 'footnoteRef', attrs: { target: 'f1' } }]);
    expect(texts(aligned.segments)).toMatchObject({ f1: 'Note un.', fs: 'Étoile.' });
  });

  it('skips blocks and masthead fields marked untranslated', () => {
    const source = doc(p('a', 'One', true), p('b', 'Two', true));
    const mark = untranslatedMark('en');
    const translation: ReportContent = { meta: { title: `${mark}Title`, session: 'Sixième session' }, body: doc(p('x', 'Un', true), p('y', `${mark}Two`, true)) };
    const aligned = alignTranslation(source, translation, { untranslatedMark: mark });
    expect(texts(aligned.segments)).toEqual({ a: 'Un' });
    expect(aligned.skipped).toBe(1);
    expect(aligned.unmatched).toEqual([]);
    expect(aligned.meta).toEqual({ session: 'Sixième session' });
  });
});

describe('composeTranslation and bilingualRows', () => {
  it('keeps source text behind the mark where a row is untranslated, and numbers from the original', () => {
    const original: ReportContent = { meta: { title: 'Title', symbol: 'A/1', session: 'Sixth session' }, body: doc(h('h', 'Notes'), p('a', 'One', true), p('b', 'Two', true)) };
    const segments = new Map([['a', p('a', 'Un', true)]]);
    const composed = composeTranslation(original, { segments, meta: { title: 'Titre' } }, 'en');
    expect(composed.meta).toEqual({ title: 'Titre', symbol: 'A/1', session: '[EN] Sixth session' });
    expect(listBlocks(composed.body).map((b) => [b.number, b.text])).toEqual([[null, '[EN] Notes'], [1, 'Un'], [2, '[EN] Two']]);
    const rows = bilingualRows(original.body, { segments, meta: {} });
    expect(rows.map((r) => [r.label, r.sourceText, r.targetText])).toEqual([['', 'Notes', ''], ['1.', 'One', 'Un'], ['2.', 'Two', '']]);
    expect(rows[2].target).toBeNull();
  });
});
