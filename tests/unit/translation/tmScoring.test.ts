/** TM match scores: 100 only for equal text after normalisation; fuzzy by Levenshtein. */
import { describe, expect, it } from 'vitest';
import { FUZZY_THRESHOLD, lengthWindow, rankMatches, similarity } from '../../../server/src/tm/scoring';
import { bestCandidates, pickSearchWords, termDeltas, termsOf } from '../../../server/src/tm/candidates';

const P2 = 'The Conference also decided that the working group would hold consultations on experiences and practices.';

describe('similarity', () => {
  it('is 100 for the same text after normalizeText, below 100 for any other difference', () => {
    expect(similarity(P2, `  ${P2.replace(/ /g, '  ')}\n`)).toBe(100);
    expect(similarity('Conf\u00e9rence', 'Confe\u0301rence')).toBe(100);
    expect(similarity(P2, P2.toUpperCase())).toBeLessThan(100);
    expect(similarity(P2, P2.replace('.', '!'))).toBe(99);
  });

  it('falls with the share of edited characters', () => {
    const small = similarity(P2, P2.replace('also decided', 'further decided'));
    const large = similarity(P2, P2.replace('also decided that the working group would hold', 'noted that a committee might organise'));
    expect(small).toBeGreaterThan(90);
    expect(large).toBeLessThan(small);
    expect(large).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
    expect(similarity('Vienna', 'Completely different sentence')).toBeLessThan(FUZZY_THRESHOLD);
    expect(similarity('', 'x')).toBe(0);
  });

  it('a length window that never drops a candidate the threshold would keep', () => {
    const { min, max } = lengthWindow(100);
    expect([min, max]).toEqual([60, 166]);
    expect(similarity('a'.repeat(100), 'a'.repeat(59))).toBeLessThan(FUZZY_THRESHOLD);
    expect(similarity('a'.repeat(100), 'a'.repeat(60))).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
  });
});

describe('candidate retrieval', () => {
  it('indexes distinct words, folded', () => {
    expect(termsOf('The Working Group, the group: Résolution 5/3')).toEqual(['the', 'working', 'group', 'resolution', '5', '3']);
  });

  it('searches by the rarest words, leaving out those in more than a tenth of the sources', () => {
    const counts = [{ word: 'the', docs: 9000 }, { word: 'smuggling', docs: 40 }, { word: 'protocol', docs: 300 }, { word: 'unknown', docs: 0 }];
    expect(pickSearchWords(counts, 10_000).map((w) => w.word)).toEqual(['smuggling', 'protocol']);
    // Only common words: the two rarest of them.
    expect(pickSearchWords([{ word: 'the', docs: 9000 }, { word: 'of', docs: 8000 }, { word: 'and', docs: 8500 }], 10_000).map((w) => w.word)).toEqual(['of', 'and']);
  });

  it('keeps the candidates holding enough of the query weight, heaviest first', () => {
    const words = [{ word: 'a', idf: 3 }, { word: 'b', idf: 1 }];
    expect(bestCandidates(new Map([['x', 1], ['y', 4], ['z', 3]]), words)).toEqual(['y', 'z']);
  });

  it('counts words per source: replacing a text moves its counts', () => {
    // A new entry "a b", then it is replaced by "a c": b no longer counted, c once; one source in all.
    expect(Object.fromEntries(termDeltas([{ after: 'a b' }, { before: 'a b', after: 'a c' }]))).toEqual({ '': 1, a: 1, c: 1 });
    expect(Object.fromEntries(termDeltas([{ before: 'Vienne' }]))).toEqual({ '': -1, vienne: -1 });
  });

  it('ranks best first, drops repeats and what falls under the threshold', () => {
    const c = (source: string, pid: string) => ({ source, target: `fr ${pid}`, reportId: 'r', pid });
    const ranked = rankMatches([c('far away text', 'x'), c(P2.replace('also', 'further'), 'b'), c(P2, 'a'), c(P2, 'a')], P2, 10, FUZZY_THRESHOLD);
    expect(ranked.map((m) => [m.pid, m.score === 100])).toEqual([['a', true], ['b', false]]);
  });
});
