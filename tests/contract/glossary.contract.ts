/**
 * The glossary contract (server/src/glossary/types.ts), run on SQLite and PostgreSQL:
 * `runGlossaryContract(name, setup)` where `setup` gives a fresh, empty glossary per test.
 * Entries are kept per language pair, unique per pair of terms without case or extra white
 * space, listed by source term.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlossaryStore } from '../../server/src/glossary/types';

export interface GlossaryFixture {
  glossary: GlossaryStore;
  teardown(): Promise<void>;
}

export function runGlossaryContract(name: string, setup: () => Promise<GlossaryFixture>): void {
  describe(`glossary contract: ${name}`, () => {
    let fixture: GlossaryFixture;
    let glossary: GlossaryStore;
    beforeEach(async () => {
      fixture = await setup();
      glossary = fixture.glossary;
    });
    afterEach(async () => {
      await fixture.teardown();
    });

    it('keeps glossary entries per language pair, unique without case or extra spaces', async () => {
      const base = { from: 'en', to: 'fr', note: '', createdBy: 'u1', createdAt: 1 };
      const added = await glossary.add({ id: 'g1', source: 'Migrants Protocol', target: 'Protocole relatif aux migrants', ...base });
      expect(added?.id).toBe('g1');
      expect(await glossary.add({ id: 'g2', source: ' migrants  PROTOCOL ', target: 'protocole relatif aux migrants', ...base })).toBeNull();
      await glossary.add({ id: 'g3', source: 'Bureau', target: 'Bureau', ...base });
      await glossary.add({ id: 'g4', source: 'Bureau', target: 'Mesa', ...base, to: 'es' });
      expect((await glossary.list('en', 'fr')).map((e) => e.id)).toEqual(['g3', 'g1']);
      expect(await glossary.get('g1')).toEqual({ id: 'g1', source: 'Migrants Protocol', target: 'Protocole relatif aux migrants', ...base });
      expect(await glossary.remove('g1')).toBe(true);
      expect(await glossary.remove('g1')).toBe(false);
      expect(await glossary.get('g1')).toBeNull();
    });

    it('the same source may have several targets; pairs are directed', async () => {
      const base = { note: '', createdBy: 'u1', createdAt: 1 };
      await glossary.add({ id: 'a', from: 'en', to: 'fr', source: 'Bureau', target: 'Bureau', ...base });
      expect(await glossary.add({ id: 'b', from: 'en', to: 'fr', source: 'bureau', target: 'Comité directeur', ...base })).not.toBeNull();
      // The reverse direction is another glossary.
      expect(await glossary.add({ id: 'c', from: 'fr', to: 'en', source: 'Bureau', target: 'Bureau', ...base })).not.toBeNull();
      expect((await glossary.list('en', 'fr')).map((e) => e.target)).toEqual(['Bureau', 'Comité directeur']);
      expect((await glossary.list('fr', 'en')).map((e) => e.id)).toEqual(['c']);
      expect(await glossary.list('en', 'ar')).toEqual([]);
    });

    it('keeps notes and author as given, including characters beyond ASCII', async () => {
      const entry = { id: 'n1', from: 'en', to: 'ar', source: 'State party', target: 'دولة طرف', note: 'Art. 2 — « partie »', createdBy: 'u9', createdAt: 1_700_000_000_000 };
      expect(await glossary.add(entry)).toEqual(entry);
      expect(await glossary.get('n1')).toEqual(entry);
      expect(await glossary.get('missing')).toBeNull();
      expect(await glossary.remove('missing')).toBe(false);
    });
  });
}
