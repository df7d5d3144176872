/** Frozen numbering (bis/ter per language, deleted paragraphs keep their number) and square brackets. */
import { describe, expect, it } from 'vitest';
import { frozenLabel, frozenNumbering, printFrozen } from '../../../shared/src/numbering/frozen';
import { paragraphLabels, resolveDoc } from '../../../shared/src/references/paragraphRefs';
import { applyBrackets, bracketRanges, countBracketed } from '../../../shared/src/format/brackets';
import { inlineText, listBlocks } from '../../../shared/src/model/blocks';
import type { PMDoc, PMInline, PMParagraph } from '../../../shared/src/model/schema';

const text = (t: string): PMInline => ({ type: 'text', text: t });
const para = (pid: string, t: string, extra: PMInline[] = []): PMParagraph => ({ type: 'paragraph', attrs: { pid, numbered: true }, content: [text(t), ...extra] });
const doc = (...content: PMParagraph[]): PMDoc => ({ type: 'doc', content });

describe('bis, ter, quater', () => {
  it('labels per language', () => {
    expect([1, 2, 3].map((n) => frozenLabel(12, n, 'en'))).toEqual(['12 bis', '12 ter', '12 quater']);
    expect(frozenLabel(12, 1, 'fr')).toBe('12 bis');
    expect(frozenLabel(12, 2, 'es')).toBe('12 ter');
    expect(frozenLabel(12, 1, 'ru')).toBe('12 бис');
    expect(frozenLabel(12, 1, 'zh')).toBe('12之二');
    expect(frozenLabel(12, 2, 'zh')).toBe('12之三');
    expect(frozenLabel(12, 1, 'ar')).toBe('12 مكرراً');
    expect(frozenLabel(12, 2, 'ar')).toBe('12 مكرراً ثانياً');
    expect(frozenLabel(12, 0, 'en')).toBe('12');
  });

  it('keeps the numbers of the freeze: new paragraphs take bis/ter, deleted ones keep theirs', () => {
    const before = doc(para('a', 'One.'), para('b', 'Two.'), para('c', 'Three.'), para('d', 'Four.'));
    const frozen = Object.fromEntries(listBlocks(before).map((b) => [b.pid, b.number!]));
    // After freezing: two paragraphs added after 2, paragraph 3 deleted, one added after 4.
    const after = doc(para('a', 'One.'), para('b', 'Two.'), para('x', 'New.'), para('y', 'Newer.'), para('d', 'Four.', [{ type: 'paragraphRef', attrs: { target: 'y' } }]), para('z', 'Last.'));
    const numbering = frozenNumbering(after, frozen, 'en');
    expect([...numbering.labels.values()]).toEqual(['1', '2', '2 bis', '2 ter', '4', '4 bis']);
    expect(numbering.deleted).toEqual([{ pid: 'c', label: '3', before: 'd' }]);
    // References read the frozen label, in the language of the room.
    const resolved = resolveDoc(after, paragraphLabels(after, { numbers: frozen, lang: 'fr' }));
    expect(inlineText((resolved.content[4] as PMParagraph).content)).toBe('Four.2 ter');
    // Exports print the labels and the deleted paragraph in its place.
    const printed = printFrozen(after, numbering).content.map((b) => inlineText((b as PMParagraph).content));
    expect(printed).toEqual(['1. One.', '2. Two.', '2 bis. New.', '2 ter. Newer.', '3. [deleted]', '4. Four.', '4 bis. Last.']);
    // Unfrozen: document order again, and references follow.
    expect([...paragraphLabels(after).values()]).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('square brackets', () => {
  it('finds nested and unclosed passages and prints with, without brackets, or without the passages', () => {
    expect(bracketRanges('a [b [c] d] e [f')).toEqual([[2, 11], [14, 16]]);
    const content: PMInline[] = [text('The Conference [strongly] urges States '), { type: 'text', text: '[to ratify / to consider ratifying]', marks: [{ type: 'bold' }] }, text(' the Protocol.')];
    expect(countBracketed(doc({ type: 'paragraph', attrs: { pid: 'p', numbered: true }, content }))).toBe(2);
    expect(inlineText(applyBrackets(content, 'strip'))).toBe('The Conference strongly urges States to ratify / to consider ratifying the Protocol.');
    expect(inlineText(applyBrackets(content, 'drop'))).toBe('The Conference urges States the Protocol.');
    expect(applyBrackets(content, 'keep')).toBe(content);
  });
});
