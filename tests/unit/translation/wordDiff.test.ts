/** The word diff shown on a "source changed" row. */
import { describe, expect, it } from 'vitest';
import { hasChanges, wordDiff } from '../../../shared/src/translation/wordDiff';

const side = (diff: ReturnType<typeof wordDiff>, skip: 'insert' | 'delete') => diff.filter((c) => c.type !== skip).map((c) => c.text).join('');

describe('wordDiff', () => {
  it('marks inserted and deleted words, keeping white space so both texts can be rebuilt', () => {
    const before = 'The Working Group held its first meeting in Vienna.';
    const after = 'The Working Group held its second meeting in Vienna, Austria.';
    const diff = wordDiff(before, after);
    expect(side(diff, 'insert')).toBe(before);
    expect(side(diff, 'delete')).toBe(after);
    expect(diff).toEqual([
      { type: 'equal', text: 'The Working Group held its ' },
      { type: 'delete', text: 'first' },
      { type: 'insert', text: 'second' },
      { type: 'equal', text: ' meeting in Vienna' },
      { type: 'insert', text: ', Austria' },
      { type: 'equal', text: '.' },
    ]);
    expect(hasChanges(diff)).toBe(true);
  });

  it('is one equal part when nothing changed, and never returns empty parts', () => {
    expect(wordDiff('Same text here.', 'Same text here.')).toEqual([{ type: 'equal', text: 'Same text here.' }]);
    expect(hasChanges(wordDiff('a b', 'a b'))).toBe(false);
    expect(wordDiff('', 'New')).toEqual([{ type: 'insert', text: 'New' }]);
    for (const part of wordDiff('one two three', 'one three four')) expect(part.text).not.toBe('');
  });

  it('merges neighbouring parts of the same kind', () => {
    const diff = wordDiff('alpha beta gamma', 'delta epsilon zeta');
    for (let i = 1; i < diff.length; i++) expect(diff[i].type).not.toBe(diff[i - 1].type);
  });
});
