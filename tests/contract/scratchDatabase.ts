/**
 * Databases for the contract suites: `DATABASE_URL` when it names a PostgreSQL server, and a
 * scratch database per test on it, so runs never share state.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
/** `DATABASE_URL` when it names a PostgreSQL server, else undefined (those tests skip). */
export function postgresUrlFromEnv(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

/**
 * A new, empty database on the server of `adminUrl`, so test runs never share state;
 * `drop()` removes it (disconnecting whoever is still on it).
 */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `plenary_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
