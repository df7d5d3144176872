/**
 * The storage contract on PostgreSQL, when DATABASE_URL names one: every test gets its own
 * scratch database (created through DATABASE_URL, dropped after), so runs never collide.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { PostgresStorage } from '../../server/src/storage/postgres';
import { createScratchDatabase, postgresUrlFromEnv, runStorageContract } from './storage.contract';

const adminUrl = postgresUrlFromEnv();

if (adminUrl) {
  runStorageContract('postgres', async () => {
    const db = await createScratchDatabase(adminUrl);
    const storage = await PostgresStorage.connect(db.url);
    return {
      storage,
      teardown: async () => {
        await storage.close();
        await db.drop();
      },
    };
  });
} else {
  console.warn('PostgreSQL tests skipped: DATABASE_URL not set (DATABASE_URL=postgres://… to run them)');
  describe.skip('storage contract: postgres (PostgreSQL tests skipped: DATABASE_URL not set)', () => {
    it('needs DATABASE_URL=postgres://…', () => {});
  });
}

describe.runIf(adminUrl)('postgres: schema migrations', () => {
  it('instances starting together on an empty database migrate it once', async () => {
    const db = await createScratchDatabase(adminUrl!);
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStorage.connect(db.url)));
    try {
      const pool = new pg.Pool({ connectionString: db.url, max: 1 });
      const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      await pool.end();
      expect(rows.map((r) => r.version)).toEqual([1, 2]); // 2: the quarantine table
      // Every instance works on the shared schema.
      await stores[0].appendUpdates([{ room: 'm.en', update: new Uint8Array([1]) }]);
      expect((await stores[3].loadRoom('m.en')).updates).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await db.drop();
    }
  });
});

describe.runIf(adminUrl)('postgres: room locks', () => {
  it('many rooms compacting at once do not starve the pool the work needs', async () => {
    const db = await createScratchDatabase(adminUrl!);
    const storage = await PostgresStorage.connect(db.url);
    try {
      const rooms = Array.from({ length: 30 }, (_, i) => `busy${i}.en`);
      const results = await Promise.all(
        rooms.map((room) =>
          storage.withRoomLock(room, async () => {
            await storage.appendUpdates([{ room, update: new Uint8Array([1]) }]);
            return (await storage.loadRoom(room)).updates.length;
          }),
        ),
      );
      expect(results).toEqual(rooms.map(() => 1));
    } finally {
      await storage.close();
      await db.drop();
    }
  }, 20_000);
});
