/**
 * Seeded fuzz: several real clients make random edits while they randomly disconnect and
 * the server randomly restarts. At the end every client, and a fresh client loaded from
 * storage, hold the same document. A failing seed goes into REGRESSION_SEEDS with a name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { join } from 'node:path';
import { startServer, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, expectConverged, waitFor, waitSynced, type TestClient } from '../helpers/yclient';

/** Seeds that once failed, kept by name. */
const REGRESSION_SEEDS: Record<string, number> = {};
const RANDOM_SEEDS = [1, 2, 3, 4, 5];

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

async function runFuzz(seed: number, steps = 300, clientCount = 4) {
  const gen = prng.create(seed);
  server = await startServer({ unloadDelayMs: 50, compactAfter: 40 });
  const port = Number(new URL(server.url).port);
  const dir = server.dir;
  const owner = await signUp(server.url);
  const room = `${(await createReport(server.url, owner.token)).id}.en`;
  for (let i = 0; i < clientCount; i++) clients.push(connectClient(server.wsUrl, room, owner.token));
  await Promise.all(clients.map((c) => waitSynced(c)));

  for (let step = 0; step < steps; step++) {
    const client = prng.oneOf(gen, clients);
    const text = client.doc.getText('text');
    const dice = prng.int32(gen, 0, 99);
    if (dice < 55) {
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6));
    } else if (dice < 75 && text.length > 0) {
      const at = prng.int32(gen, 0, text.length - 1);
      text.delete(at, Math.min(prng.int32(gen, 1, 4), text.length - at));
    } else if (dice < 85) {
      client.doc.getMap('m').set(prng.word(gen, 1, 2), prng.int32(gen, 0, 1000));
    } else if (dice < 95) {
      if (client.provider.shouldConnect) client.provider.disconnect();
      else client.provider.connect();
    } else {
      // Restart the server on the same store and port; clients reconnect by themselves.
      await server.plenary.close();
      server = await startServer({ port, unloadDelayMs: 50, compactAfter: 40 }, { DATABASE_URL: `sqlite:${join(dir, 'plenary.db')}` });
    }
    if (step % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
  await waitFor(() => clients.every((c) => c.provider.synced && c.provider.wsconnected), 20_000, 'all clients synced');
  await expectConverged(clients.map((c) => c.doc), 20_000);
  const fresh = connectClient(server.wsUrl, room, owner.token);
  clients.push(fresh);
  await waitSynced(fresh);
  await expectConverged(clients.map((c) => c.doc), 20_000);
  expect(fresh.doc.getText('text').toString()).toBe(clients[0].doc.getText('text').toString());
}

describe('seeded fuzz: edits, disconnects, restarts', () => {
  for (const [name, seed] of Object.entries(REGRESSION_SEEDS)) {
    it(`regression ${name} (seed ${seed})`, () => runFuzz(seed), 90_000);
  }
  for (const seed of RANDOM_SEEDS) {
    it(`seed ${seed}`, () => runFuzz(seed), 90_000);
  }
});
