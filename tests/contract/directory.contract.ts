/**
 * The directory contract (`Directory` in server/src/storage/types.ts: users, reports,
 * members), run against every implementation: `runDirectoryContract(name, setup)` where
 * `setup` gives a fresh, empty directory.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Directory, ReportRecord } from '../../server/src/storage/types';

export interface DirectoryFixture {
  directory: Directory;
  teardown(): Promise<void>;
}

function report(id: string, createdBy: string, createdAt: number, title = `Report ${id}`): ReportRecord {
  return { id, title, symbol: `A/HRC/${id}`, originalLanguage: 'en', languages: ['fr', 'ar'], createdBy, createdAt };
}

export function runDirectoryContract(name: string, setup: () => Promise<DirectoryFixture>): void {
  describe(`directory contract: ${name}`, () => {
    let fixture: DirectoryFixture;
    let storage: Directory;
    beforeEach(async () => {
      fixture = await setup();
      storage = fixture.directory;
    });
    afterEach(async () => {
      await fixture.teardown();
    });

    describe('users', () => {
      it('the first user is admin, the next ones are not', async () => {
        const first = await storage.createUser({ id: 'u1', name: 'Amina', passwordHash: 'h1' });
        const second = await storage.createUser({ id: 'u2', name: 'Bruno', passwordHash: 'h2' });
        expect(first.isAdmin).toBe(true);
        expect(second.isAdmin).toBe(false);
        expect(await storage.countUsers()).toBe(2);
        const loaded = await storage.getUserById('u1');
        expect(loaded).toEqual(first);
        expect(typeof loaded!.createdAt).toBe('number');
      });

      it('concurrent first sign-ups make exactly one admin', async () => {
        const users = await Promise.all(
          Array.from({ length: 8 }, (_, i) => storage.createUser({ id: `c${i}`, name: `Concurrent ${i}`, passwordHash: 'h' })),
        );
        expect(users.filter((u) => u.isAdmin)).toHaveLength(1);
      });

      // ASCII case only: SQLite's NOCASE does not fold other letters (PostgreSQL's lower() does).
      it('names are unique regardless of case, and found regardless of case', async () => {
        await storage.createUser({ id: 'u1', name: 'Elodie Martin', passwordHash: 'h' });
        await expect(storage.createUser({ id: 'u2', name: 'elodie martin', passwordHash: 'h' })).rejects.toThrow(/unique/i);
        await expect(storage.createUser({ id: 'u3', name: 'ELODIE MARTIN', passwordHash: 'h' })).rejects.toThrow(/unique/i);
        expect((await storage.getUserByName('elodie MARTIN'))?.id).toBe('u1');
        expect(await storage.getUserByName('nobody')).toBeNull();
        expect(await storage.getUserById('nobody')).toBeNull();
        expect(await storage.countUsers()).toBe(1);
      });
    });

    describe('reports and members', () => {
      beforeEach(async () => {
        for (const [id, name] of [['owner', 'Olga'], ['ana', 'ana'], ['Ben', 'Ben'], ['carl', 'Carl']]) {
          await storage.createUser({ id, name, passwordHash: 'h' });
        }
      });

      it('createReport stores the record and makes its creator owner', async () => {
        const r = report('rep001', 'owner', 1_700_000_000_000);
        await storage.createReport(r);
        expect(await storage.getReport('rep001')).toEqual(r);
        expect(await storage.getReport('missing')).toBeNull();
        expect(await storage.getMember('rep001', 'owner')).toEqual({ reportId: 'rep001', userId: 'owner', userName: 'Olga', role: 'owner', languages: [] });
        await storage.updateReportTitle('rep001', 'Renamed');
        expect((await storage.getReport('rep001'))!.title).toBe('Renamed');
      });

      it('setMember adds and changes members; removeMember removes once', async () => {
        await storage.createReport(report('rep002', 'owner', 1));
        await storage.setMember('rep002', 'Ben', 'translator', ['fr', 'ar']);
        await storage.setMember('rep002', 'ana', 'reviewer', []);
        expect(await storage.getMember('rep002', 'Ben')).toEqual({ reportId: 'rep002', userId: 'Ben', userName: 'Ben', role: 'translator', languages: ['fr', 'ar'] });
        // Ordered by name, ignoring case.
        expect((await storage.listMembers('rep002')).map((m) => m.userName)).toEqual(['ana', 'Ben', 'Olga']);

        await storage.setMember('rep002', 'Ben', 'drafter', []);
        expect(await storage.getMember('rep002', 'Ben')).toMatchObject({ role: 'drafter', languages: [] });
        expect(await storage.listMembers('rep002')).toHaveLength(3);

        expect(await storage.removeMember('rep002', 'Ben')).toBe(true);
        expect(await storage.removeMember('rep002', 'Ben')).toBe(false);
        expect(await storage.getMember('rep002', 'Ben')).toBeNull();
        expect(await storage.getMember('rep002', 'carl')).toBeNull();
      });

      it('listReportsForUser lists the reports a user belongs to, newest first, with the role', async () => {
        await storage.createReport(report('old001', 'owner', 1000));
        await storage.createReport(report('new001', 'owner', 3000));
        await storage.createReport(report('mid001', 'carl', 2000));
        await storage.setMember('old001', 'ana', 'viewer', []);
        await storage.setMember('mid001', 'ana', 'translator', ['fr']);

        const owners = await storage.listReportsForUser('owner');
        expect(owners.map((r) => [r.id, r.role])).toEqual([['new001', 'owner'], ['old001', 'owner']]);
        expect(owners[0]).toMatchObject({ title: 'Report new001', languages: ['fr', 'ar'], createdAt: 3000 });
        expect((await storage.listReportsForUser('ana')).map((r) => [r.id, r.role])).toEqual([['mid001', 'translator'], ['old001', 'viewer']]);
        expect(await storage.listReportsForUser('Ben')).toEqual([]);

        await storage.removeMember('mid001', 'ana');
        expect((await storage.listReportsForUser('ana')).map((r) => r.id)).toEqual(['old001']);
      });
    });
  });
}
