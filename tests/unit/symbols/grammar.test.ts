/** The UN document symbol grammar: symbols from the samples, the suffix forms, malformed ones. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSymbol, nextIssueSymbol, parseSymbol, symbolProblem } from '../../../shared/src/symbols/grammar';
import { findSymbols } from '../../../shared/src/symbols/recognize';
import { extractSymbols } from '../../../shared/src/translation/qa';

const sample = (lang: string) => readFileSync(new URL(`../../../server/samples/ctoc-cop-2012-wg-report.${lang}.txt`, import.meta.url), 'utf8');

describe('symbol grammar', () => {
  it('parses the series, bodies, session, number and suffixes', () => {
    const parsed = parseSymbol('CTOC/COP/WG.7/2012/4/Rev.1/Add.2');
    expect(parsed).toEqual({
      ok: true,
      symbol: { series: 'CTOC', bodies: ['COP', 'WG.7'], session: 2012, document: { kind: 'number', n: 4 }, suffixes: [{ kind: 'Rev', n: 1 }, { kind: 'Add', n: 2 }] },
    });
  });

  it.each([
    'CTOC/COP/2012/1', 'CTOC/COP/WG.7/2012/4', 'A/RES/55/25', 'E/CN.15/2012/1', 'A/55/383/Add.1', 'A/55/383/Corr.2',
    'A/64/L.1/Rev.1', 'A/C.3/70/L.5', 'CTOC/COP/2012/CRP.1', 'E/2012/INF.2', 'ECE/TRANS/WP.29/1', 'E/CN.4/Sub.2/1998/13',
    'S/2012/123/Amend.1', 'A/1', 'A/CONF.234/5', 'A/HRC/RES/5/1', 'A/66/100/Rev.1/Add.1/Corr.1',
  ])('accepts %s and formats it back', (text) => {
    const parsed = parseSymbol(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatSymbol(parsed.symbol)).toBe(text);
  });

  it.each([
    ['', /empty/],
    ['ctoc/cop/2012/1', /capitals/],
    ['CTOC/COP', /only a series|no document number/],
    ['CTOC', /only a series/],
    ['CTOC/COP//1', /empty component/],
    ['CTOC/COP/2012/1/', /empty component/],
    ['CTOC/COP/2012/1/rev.1', /Rev\.N/],
    ['CTOC/COP/2012/1/Rev1', /Rev\.N/],
    ['CTOC/COP/2012/1/Corr.1/Corr.2', /twice/],
    ['CTOC/COP/2012/1/Add.0', /from 1/],
    ['CTOC/COP/2O12/1', /not a session/],
    ['CTOC/COP/2012/1/foo', /cannot follow/],
    ['CTOC/COP 2012/1', /no spaces/],
    ['CTOC/Add.1', /needs a document number/],
  ])('rejects %j with a clear message', (text, message) => {
    const parsed = parseSymbol(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('lets a draft have no symbol yet, but names the fault in a malformed one', () => {
    expect(symbolProblem('')).toBeNull();
    expect(symbolProblem('CTOC/COP/2012/1')).toBeNull();
    expect(symbolProblem('CTOC/COP/2012/1/Rev')).toContain('"Rev"');
  });

  it('numbers the next revision and corrigendum', () => {
    expect(nextIssueSymbol('CTOC/COP/2012/1', 'rev')).toBe('CTOC/COP/2012/1/Rev.1');
    expect(nextIssueSymbol('CTOC/COP/2012/1/Rev.1', 'rev')).toBe('CTOC/COP/2012/1/Rev.2');
    expect(nextIssueSymbol('CTOC/COP/2012/1/Corr.1', 'rev')).toBe('CTOC/COP/2012/1/Rev.1');
    expect(nextIssueSymbol('CTOC/COP/2012/1', 'corr')).toBe('CTOC/COP/2012/1/Corr.1');
    expect(nextIssueSymbol('CTOC/COP/2012/1/Rev.1', 'corr', new Set(['CTOC/COP/2012/1/Rev.1/Corr.1']))).toBe('CTOC/COP/2012/1/Rev.1/Corr.2');
  });
});

describe('symbols in text', () => {
  it('finds the symbol of each sample, without the full stop that ends the footnote', () => {
    for (const lang of ['en', 'fr']) {
      const text = sample(lang);
      const found = findSymbols(text);
      expect(found.map((s) => s.symbol)).toEqual(['CTOC/COP/2012/1']);
      expect(text.slice(found[0].from, found[0].to)).toBe('CTOC/COP/2012/1');
    }
  });

  it('ignores what only looks like a symbol', () => {
    const text = 'and/or, TCP/IP, N/A, OK/2, 5/3';
    expect(findSymbols(text)).toEqual([{ symbol: 'OK/2', from: text.indexOf('OK'), to: text.indexOf('OK') + 4 }]);
    expect(findSymbols('see A/C.3/70/L.5/Rev.1, then E/CN.15/2012/1.').map((s) => s.symbol)).toEqual(['A/C.3/70/L.5/Rev.1', 'E/CN.15/2012/1']);
  });

  it('is the grammar the translation QA uses', () => {
    expect(extractSymbols('see TCP/IP and CTOC/COP/2012/1/Corr.1; resolution 5/3')).toEqual(['CTOC/COP/2012/1/Corr.1', '5/3']);
  });
});
