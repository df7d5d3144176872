/** TM match scores: 100 only for equal text after normalisation; fuzzy by Levenshtein. */
import { describe, expect, it } from 'vitest';
import { FUZZY_THRESHOLD, lengthWindow, queryWords, rankMatches, similarity } from '../../../server/src/tm/scoring';

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

describe('queryWords and rankMatches', () => {
  it('takes distinct lower-case words, longest first', () => {
    expect(queryWords('The Working Group, the group: 5/3')).toEqual(['working', 'group', 'the', '5', '3']);
  });

  it('ranks best first, drops repeats and what falls under the threshold', () => {
    const c = (source: string, pid: string) => ({ source, target: `fr ${pid}`, reportId: 'r', pid });
    const ranked = rankMatches([c('far away text', 'x'), c(P2.replace('also', 'further'), 'b'), c(P2, 'a'), c(P2, 'a')], P2, 10, FUZZY_THRESHOLD);
    expect(ranked.map((m) => [m.pid, m.score === 100])).toEqual([['a', true], ['b', false]]);
  });
});
