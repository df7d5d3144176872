/** QA checks per row: what the source carries that the translation dropped. */
import { describe, expect, it } from 'vitest';
import { checkRow, containsTerm, extractNumbers, extractSymbols, qaSummary, type GlossaryTerm, type QaRow } from '../../../shared/src/translation/qa';

const row = (source: string, target: string, extra: Partial<QaRow> = {}): QaRow => ({ source, target, sourceLang: 'en', targetLang: 'fr', ...extra });
const codes = (r: QaRow, glossary: GlossaryTerm[] = []) => checkRow(r, glossary).map((i) => i.code);

describe('numbers', () => {
  it('reads each language with its separators', () => {
    expect(extractNumbers('1,000.50 people, 2012 and 3', 'en').map((n) => n.value)).toEqual(['1000.5', '2012', '3']);
    expect(extractNumbers('1 000,50 personnes, 1\u00a0000 et 2\u202f500', 'fr').map((n) => n.value)).toEqual(['1000.5', '1000', '2500']);
    expect(extractNumbers('١٢ و 2012', 'ar').map((n) => n.value)).toEqual(['12', '2012']);
  });

  it('accepts localised numbers and flags a missing or changed one', () => {
    expect(codes(row('A total of 1,000 migrants in 2012.', 'Au total, 1 000 migrants en 2012.'))).toEqual([]);
    expect(codes(row('It costs 2.5 million.', 'Cela coûte 2,5 millions.'))).toEqual([]);
    const [issue] = checkRow(row('A total of 1,500 migrants in 2012.', 'Au total, 1 000 migrants en 2012.'));
    expect(issue).toMatchObject({ code: 'missing_number', detail: '1,500' });
    expect(codes(row('paragraph 3 of article 32', "paragraphe 3 de l'article 23"))).toEqual(['missing_number']);
  });

  it('counts repeats: a number used twice must appear twice', () => {
    expect(codes(row('Items 5 and 5 bis', 'Points 5 et 5 bis'))).toEqual([]);
    expect(codes(row('Items 5 and 5 bis', 'Point 5 bis'))).toEqual(['missing_number']);
  });
});

describe('dates', () => {
  it('finds the date in the translation by day, month and year', () => {
    expect(codes(row('Vienna, 10 July 2012', 'Vienne, 10 juillet 2012'))).toEqual([]);
    expect(codes(row('from 30 May to 1 June 2012', 'du 30 mai au 1er juin 2012'))).toEqual([]);
    expect(codes(row('10 July 2012', '2012年7月10日', { targetLang: 'zh' }))).toEqual([]);
    expect(codes(row('10 July 2012', '10 июля 2012 года', { targetLang: 'ru' }))).toEqual([]);
    const wrongMonth = checkRow(row('held on 10 July 2012', 'tenue le 10 juin 2012'));
    expect(wrongMonth.map((i) => i.code)).toEqual(['missing_date']);
    expect(wrongMonth[0].detail).toBe('10 July 2012');
  });
});

describe('document symbols and footnotes', () => {
  it('extracts UN symbols and resolution numbers', () => {
    expect(extractSymbols('See CTOC/COP/2012/1. and resolution 5/3, A/RES/55/25 and/or E/CN.15/2012/1')).toEqual([
      'CTOC/COP/2012/1', '5/3', 'A/RES/55/25', 'E/CN.15/2012/1',
    ]);
  });

  it('flags a symbol the translation lost', () => {
    const issues = checkRow(row('In its resolution 5/3 (see CTOC/COP/2012/1)', 'Dans sa résolution 5/3 (voir CTOC/COP/2012/2)'));
    expect(issues.find((i) => i.code === 'missing_symbol')?.detail).toBe('CTOC/COP/2012/1');
  });

  it('counts asterisks and footnote references', () => {
    expect(codes(row('Item 2 (c) of the provisional agenda*', "Point 2 c) de l'ordre du jour provisoire*"))).toEqual([]);
    expect(codes(row('Item 2 (c) of the provisional agenda*', "Point 2 c) de l'ordre du jour provisoire"))).toEqual(['missing_footnote']);
    expect(codes(row('The Protocol', 'Le Protocole', { sourceFootnoteRefs: 1, targetFootnoteRefs: 0 }))).toEqual(['missing_footnote']);
    expect(codes(row('The Protocol', 'Le Protocole', { sourceFootnoteRefs: 1, targetFootnoteRefs: 1 }))).toEqual([]);
  });
});

describe('empty, identical, glossary', () => {
  it('reports an empty row alone', () => {
    expect(checkRow(row('Item 5 of CTOC/COP/2012/1*', '  '))).toEqual([{ code: 'empty', message: 'The translation is empty.', detail: '' }]);
    expect(checkRow(row('', ''))).toEqual([]);
  });

  it('flags text left in the source language, not a bare symbol', () => {
    expect(codes(row('Note by the Secretariat', 'Note  by the Secretariat '))).toEqual(['identical']);
    expect(codes(row('CTOC/COP/2012/1.', 'CTOC/COP/2012/1.'))).toEqual([]);
  });

  it('wants the agreed term when the source uses its pair', () => {
    const glossary = [{ source: 'Migrants Protocol', target: 'Protocole relatif aux migrants' }, { source: 'Bureau', target: 'Bureau' }];
    expect(codes(row('the Migrants Protocol and its Bureau', 'le Protocole relatif aux migrants et son Bureau'), glossary)).toEqual([]);
    const issues = checkRow(row('the Migrants Protocols', 'le Protocole sur les migrants'), glossary);
    expect(issues.map((i) => i.code)).toEqual(['missing_term']);
    expect(issues[0].detail).toBe('Protocole relatif aux migrants');
    expect(containsTerm('les Protocoles relatifs', 'protocole')).toBe(true);
    expect(containsTerm('un protocolaire', 'col')).toBe(false);
    expect(containsTerm('联合国打击跨国有组织犯罪公约', '犯罪')).toBe(true);
  });

  it('summarises rows by issue kind', () => {
    const rows = [checkRow(row('5/3', '')), checkRow(row('in 2012 and 2013', 'en 2012')), checkRow(row('ok', 'ok fr'))];
    expect(qaSummary(rows)).toMatchObject({ empty: 1, missing_number: 1, identical: 0 });
  });
});
