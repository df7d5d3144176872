/**
 * The history store contract (server/src/history/store.ts), run on SQLite and PostgreSQL:
 * `runHistoryStoreContract(name, setup)` where `setup` gives a fresh, empty store per test.
 * Versions keep every room's state byte for byte, list newest first per report, and are
 * created atomically; authorship is idempotent per (room, client id).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HistoryStore, VersionRecord } from '../../server/src/history/store';

export interface HistoryStoreFixture {
  store: HistoryStore;
  teardown(): Promise<void>;
}

const stateOf = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};
const version = (reportId: string, label: string, createdAt: number): Omit<VersionRecord, 'id'> => ({
  reportId, label, auto: false, createdBy: 'Amina', createdAt,
});

export function runHistoryStoreContract(name: string, setup: () => Promise<HistoryStoreFixture>): void {
  describe(`history store contract: ${name}`, () => {
    let fixture: HistoryStoreFixture;
    let store: HistoryStore;
    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.teardown();
    });

    it('keeps the state of every room of a version, byte for byte', async () => {
      const en = stateOf('Original text');
      const fr = stateOf('Texte traduit');
      const created = await store.createVersion(version('rep001', 'Before the session', 1000), [
        { room: 'rep001.en', state: en },
        { room: 'rep001.fr', state: fr },
      ]);
      expect(created).toEqual({ id: created.id, ...version('rep001', 'Before the session', 1000) });
      expect(Number.isInteger(created.id) && created.id > 0).toBe(true);
      expect(await store.versionState(created.id, 'rep001.en')).toEqual(en);
      expect(await store.versionState(created.id, 'rep001.fr')).toEqual(fr);
      expect(await store.versionState(created.id, 'rep001.review')).toBeNull();
      expect(await store.versionState(created.id + 1000, 'rep001.en')).toBeNull();
    });

    it('lists a report’s versions newest first, and gets one only through its own report', async () => {
      const a = await store.createVersion(version('rep001', 'first', 1), []);
      const b = await store.createVersion({ ...version('rep001', 'second', 2), auto: true }, []);
      const other = await store.createVersion(version('rep002', 'elsewhere', 3), []);
      expect(b.id).toBeGreaterThan(a.id);
      expect((await store.listVersions('rep001')).map((v) => [v.label, v.auto])).toEqual([['second', true], ['first', false]]);
      expect(await store.listVersions('nothing')).toEqual([]);
      expect(await store.getVersion('rep001', a.id)).toEqual(a);
      expect(await store.getVersion('rep001', other.id)).toBeNull();
      expect(typeof (await store.getVersion('rep002', other.id))!.createdAt).toBe('number');
    });

    it('a version whose states cannot all be stored is not created at all', async () => {
      const state = stateOf('x');
      // The same room twice breaks the (version, room) key: the whole version rolls back.
      await expect(
        store.createVersion(version('rep003', 'broken', 1), [{ room: 'rep003.en', state }, { room: 'rep003.en', state }]),
      ).rejects.toThrow();
      expect(await store.listVersions('rep003')).toEqual([]);
      // The store is still usable afterwards (a failed transaction left nothing behind).
      const ok = await store.createVersion(version('rep003', 'fine', 2), [{ room: 'rep003.en', state }]);
      expect((await store.listVersions('rep003')).map((v) => v.id)).toEqual([ok.id]);
    });

    it('records authors per room; the first name recorded for a client id stays', async () => {
      await store.recordAuthors('rep001.en', [{ clientId: 11, userName: 'Amina' }, { clientId: 2 ** 40, userName: 'Bruno' }]);
      await store.recordAuthors('rep001.en', [{ clientId: 11, userName: 'Someone else' }]);
      await store.recordAuthors('rep001.fr', [{ clientId: 11, userName: 'Chloé' }]);
      await store.recordAuthors('rep001.fr', []);
      expect(await store.authors('rep001.en')).toEqual(new Map([[11, 'Amina'], [2 ** 40, 'Bruno']]));
      expect(await store.authors('rep001.fr')).toEqual(new Map([[11, 'Chloé']]));
      expect(await store.authors('rep001.review')).toEqual(new Map());
    });
  });
}
