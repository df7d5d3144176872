/**
 * The translation-memory contract (server/src/tm/types.ts), run against every implementation:
 * `runTranslationStoresContract(name, setup)` where `setup` gives fresh, empty stores per
 * test. The glossary has a suite of its own (glossary.contract.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranslationStores } from '../../server/src/tm/open';
import type { TmEntry } from '../../server/src/tm/types';

export type TranslationStoresSetup = () => Promise<{ stores: TranslationStores; teardown(): Promise<void> }>;

const P1 = 'In its resolution 5/3, the Conference of the Parties welcomed the outcome of the consultations of governmental experts.';
const P2 = 'The Conference also decided that the open-ended interim intergovernmental working group would hold consultations.';
const P3 = 'The Working Group on the Smuggling of Migrants held its first meeting from 30 May to 1 June 2012.';

const entry = (pid: string, source: string, target: string, extra: Partial<TmEntry> = {}): TmEntry => ({
  reportId: 'r1', pid, sourceLang: 'en', targetLang: 'fr', source, target, updatedAt: 1000, ...extra,
});

export function runTranslationStoresContract(name: string, setup: TranslationStoresSetup): void {
  describe(`translation stores contract: ${name}`, () => {
    let stores: TranslationStores;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ stores, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('finds an exact match (100) within the given reports and language pair only', async () => {
      await stores.tm.upsert([
        entry('a', P1, 'Dans sa résolution 5/3…'),
        entry('b', P2, 'La Conférence a également décidé…'),
        entry('c', P2, 'La Conferencia decidió también…', { targetLang: 'es' }),
        entry('d', P2, 'Autre rapport', { reportId: 'r2' }),
      ]);
      const hits = await stores.tm.search(`  ${P2} `, 'en', 'fr', ['r1']);
      expect(hits[0]).toEqual({ source: P2, target: 'La Conférence a également décidé…', score: 100, reportId: 'r1', pid: 'b' });
      expect(hits.every((h) => h.reportId === 'r1')).toBe(true);
      expect((await stores.tm.search(P2, 'en', 'es', ['r1']))[0].target).toBe('La Conferencia decidió también…');
      expect(await stores.tm.search(P2, 'en', 'fr', [])).toEqual([]);
      expect(await stores.tm.search(P2, 'fr', 'en', ['r1', 'r2'])).toEqual([]);
      expect((await stores.tm.search(P2, 'en', 'fr', ['r1', 'r2'])).map((h) => h.reportId).sort()).toEqual(['r1', 'r2']);
    });

    it('scores fuzzy matches below 100 and above the threshold, best first', async () => {
      await stores.tm.upsert([entry('a', P1, 'fr a'), entry('b', P2, 'fr b'), entry('c', P3, 'fr c')]);
      const query = P2.replace('also decided', 'further decided').replace('would hold', 'will hold');
      const hits = await stores.tm.search(query, 'en', 'fr', ['r1']);
      expect(hits[0]).toMatchObject({ pid: 'b', target: 'fr b' });
      expect(hits[0].score).toBeLessThan(100);
      expect(hits[0].score).toBeGreaterThanOrEqual(60);
      for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(60);
      expect(await stores.tm.search('Entirely unrelated words about budgets', 'en', 'fr', ['r1'])).toEqual([]);
    });

    it('upserts by (report, pid, target language): newer wins, an empty target removes', async () => {
      await stores.tm.upsert([entry('a', P1, 'first', { updatedAt: 2000 })]);
      await stores.tm.upsert([entry('a', P1, 'older', { updatedAt: 1000 })]);
      expect((await stores.tm.search(P1, 'en', 'fr', ['r1'])).map((h) => h.target)).toEqual(['first']);
      await stores.tm.upsert([entry('a', P3, 'newer', { updatedAt: 3000 })]);
      expect(await stores.tm.search(P1, 'en', 'fr', ['r1'])).toEqual([]);
      expect((await stores.tm.search(P3, 'en', 'fr', ['r1'])).map((h) => h.target)).toEqual(['newer']);
      await stores.tm.upsert([entry('a', P3, '', { updatedAt: 4000 })]);
      expect(await stores.tm.search(P3, 'en', 'fr', ['r1'])).toEqual([]);
    });

    it('concordance finds a phrase in sources or targets, case-insensitively', async () => {
      await stores.tm.upsert([
        entry('a', P1, 'Dans sa résolution 5/3, la Conférence…'),
        entry('b', P2, 'Le groupe de travail intergouvernemental provisoire…'),
        entry('c', P3, 'Le Groupe de travail sur le trafic illicite de migrants…', { reportId: 'r2' }),
      ]);
      const byPid = async (q: string, ids = ['r1', 'r2']) => (await stores.tm.concordance(q, 'en', 'fr', ids)).map((h) => h.pid).sort();
      expect(await byPid('interim INTERGOVERNMENTAL working')).toEqual(['b']);
      expect(await byPid('working group')).toEqual(['b', 'c']);
      expect(await byPid('working group', ['r1'])).toEqual(['b']);
      expect(await byPid('groupe de travail')).toEqual(['b', 'c']);
      expect(await byPid('resolution 5/3')).toEqual(['a']);
      expect(await byPid('no such phrase anywhere')).toEqual([]);
      // The last word may be cut short, and a lone partial word works too.
      expect(await byPid('Smuggling of Migr')).toEqual(['c']);
      expect(await byPid('intergouvern')).toEqual(['b']);
    });


    it('counts what an upsert wrote, keeps origin, creator and dates, and lists a pair for export', async () => {
      const imported = (pid: string, source: string, target: string) =>
        entry(pid, source, target, { reportId: '*import', origin: 'eluna.tmx', createdBy: 'admin', createdAt: 500, updatedAt: 900 });
      expect(await stores.tm.upsert([imported('x1', P1, 'Dans sa **résolution** 5/3'), imported('x2', P2, 'La 1^{re} Conférence')])).toBe(2);
      // The same units again write nothing; a changed target writes one.
      expect(await stores.tm.upsert([imported('x1', P1, 'Dans sa **résolution** 5/3'), imported('x2', P2, 'La 1^{re} Conférence')])).toBe(0);
      expect(await stores.tm.upsert([{ ...imported('x2', P2, 'La 1^{re} Conférence des Parties'), updatedAt: 1000 }])).toBe(1);
      const [hit] = await stores.tm.search(P1, 'en', 'fr', ['*import']);
      expect(hit).toEqual({ source: P1, target: 'Dans sa **résolution** 5/3', score: 100, reportId: '*import', pid: 'x1', origin: 'eluna.tmx' });
      await stores.tm.upsert([entry('own', P3, 'confirmé')]);
      expect((await stores.tm.search(P3, 'en', 'fr', ['r1']))[0].origin).toBeUndefined();
      const listed = await stores.tm.entries('en', 'fr', ['*import', 'r1']);
      expect(listed.map((e) => [e.pid, e.target, e.origin, e.createdBy, e.createdAt, e.updatedAt])).toEqual([
        ['x1', 'Dans sa **résolution** 5/3', 'eluna.tmx', 'admin', 500, 900],
        ['x2', 'La 1^{re} Conférence des Parties', 'eluna.tmx', 'admin', 500, 1000],
        ['own', 'confirmé', '', '', 1000, 1000],
      ]);
      expect(await stores.tm.entries('en', 'fr', ['r2'])).toEqual([]);
      expect(await stores.tm.entries('en', 'es', ['*import'])).toEqual([]);
    });

    it('adds glossary entries in bulk, skipping pairs already there', async () => {
      const g = (id: string, source: string, target: string) => ({ id, from: 'en', to: 'fr', source, target, note: '', createdBy: 'u', createdAt: 1 });
      expect(await stores.glossary.addMany([g('a', 'working group', 'groupe de travail'), g('b', 'Working  Group', 'Groupe de travail'), g('c', 'agenda', 'ordre du jour')])).toBe(2);
      expect(await stores.glossary.addMany([g('d', 'agenda', 'ordre du jour')])).toBe(0);
      expect((await stores.glossary.list('en', 'fr')).map((e) => e.source)).toEqual(['agenda', 'working group']);
    });
  });
}
