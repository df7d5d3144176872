/**
 * Idle rooms hibernate to their encoded state (PLENARY_HIBERNATE_MS) while people stay
 * connected, over real sockets with the real y-websocket client: a joiner is served from the
 * encoded state without waking the room; the next edit wakes it, is stored and relayed; what
 * was attached to the live doc (the translation-memory indexer) works again after a wake;
 * nothing is lost across hibernation and a restart. With PostgreSQL and Redis: a room asleep on
 * one instance stays asleep through catch-ups that read nothing, and wakes to relay an edit
 * made on another instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresUrlFromEnv } from '../contract/storage.contract';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, eventually, expectConverged, textOf, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { confirmSegment } from '../helpers/segments';
import type { Room } from '../../server/src/collab/room';

const IDLE_MS = 150;

const databaseUrl = postgresUrlFromEnv();
const redisUrl = process.env.REDIS_URL;
const servicesPresent = Boolean(databaseUrl && redisUrl);
if (!servicesPresent) console.warn('Hibernation across instances skipped: it needs DATABASE_URL=postgres://… and REDIS_URL=redis://…');

let server: TestServer | null = null;
const others: TestServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
  for (const o of others.splice(0)) await o.close();
});

function open(room: string, token: string, on: TestServer = server!): TestClient {
  const client = connectClient(on.wsUrl, room, token);
  clients.push(client);
  return client;
}

async function loadedRoom(name: string, on: TestServer = server!): Promise<Room> {
  const room = await on.plenary.registry.loaded(name);
  if (!room) throw new Error(`room ${name} is not loaded`);
  return room;
}

describe('room hibernation', () => {
  it('[R16] an idle room with people connected hibernates, serves joiners asleep, and wakes on the next edit', async () => {
    server = await startServer({ hibernateAfterMs: IDLE_MS });
    const owner = await signUp(server.url);
    const report = await createReport(server.url, owner.token);
    const name = `${report.id}.en`;

    const a = open(name, owner.token);
    await waitSynced(a);
    a.doc.getText('text').insert(0, 'before the nap; ');
    const room = await loadedRoom(name);
    await waitFor(() => room.isDormant, 5_000, 'the room to hibernate');

    // A joiner gets the whole state from the encoded form; its empty reply does not wake it.
    const b = open(name, owner.token);
    await waitSynced(b);
    await expectConverged([a.doc, b.doc]);
    expect(textOf(b.doc)).toBe('before the nap; ');
    await new Promise((r) => setTimeout(r, 50));
    expect(room.isDormant).toBe(true);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^plenary_rooms_dormant 1$/m);

    // The next edit wakes it; it is relayed to the other client and stored.
    b.doc.getText('text').insert(textOf(b.doc).length, 'after it.');
    await expectConverged([a.doc, b.doc]);
    expect(textOf(a.doc)).toBe('before the nap; after it.');
    expect(room.isDormant).toBe(false);
    await waitFor(() => room.isDormant, 5_000, 'the room to hibernate again');

    // Nothing lost: a restart of the whole server (same database) serves the same text.
    for (const c of clients.splice(0)) c.destroy();
    const dir = server.dir;
    await server.plenary.close();
    server = await startServer({ hibernateAfterMs: IDLE_MS }, { DATABASE_URL: `sqlite:${dir}/plenary.db` });
    const c = open(name, owner.token);
    await waitSynced(c);
    expect(textOf(c.doc)).toBe('before the nap; after it.');
  });

  it('the translation-memory indexer works again after a wake', async () => {
    server = await startServer({ hibernateAfterMs: IDLE_MS });
    const owner = await signUp(server.url);
    const source = 'The Conference took note of the report.';
    const { id } = await createReport(server.url, owner.token, { title: '', text: `1. ${source}`, languages: ['fr'] });
    const xliff = await api(server.url, 'GET', `/api/reports/${id}/export?format=xliff&lang=fr`, undefined, owner.token);
    const pid = /<trans-unit id="(p[^"]+)"/.exec(xliff.body)![1];
    const client = open(`${id}.fr`, owner.token);
    await waitSynced(client);
    const room = await loadedRoom(`${id}.fr`);
    await waitFor(() => room.isDormant, 5_000, 'the room to hibernate');

    const target = 'La Conférence a pris note du rapport.';
    confirmSegment(client.doc, pid, target, source, owner.name);
    const matches = await eventually(
      async () => (await api(server!.url, 'GET', `/api/tm?q=${encodeURIComponent(source)}&from=en&to=fr`, undefined, owner.token)).body as { target: string; pid: string }[],
      (found) => found.length > 0,
    );
    expect(matches[0]).toMatchObject({ target, pid });
  });
});

describe.runIf(servicesPresent)('room hibernation across instances (PostgreSQL, Redis)', () => {
  it('a sleeping room stays asleep through empty catch-ups and wakes to relay an edit from another instance', async () => {
    const db = await createScratchDatabase(databaseUrl!);
    try {
      const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl! };
      const a = await startServer({ hibernateAfterMs: IDLE_MS, catchUpMs: 50 }, env);
      const b = await startServer({ hibernateAfterMs: IDLE_MS, catchUpMs: 50 }, env);
      others.push(a, b);
      const owner = await signUp(a.url);
      const report = await createReport(a.url, owner.token);
      const name = `${report.id}.en`;
      const onA = open(name, owner.token, a);
      const onB = open(name, owner.token, b);
      await Promise.all([waitSynced(onA), waitSynced(onB)]);
      onB.doc.getText('text').insert(0, 'written on B; ');
      await expectConverged([onA.doc, onB.doc]);

      const roomA = await loadedRoom(name, a);
      await waitFor(() => roomA.isDormant, 5_000, 'the room on A to hibernate');
      // Catch-ups every 50 ms that read nothing new leave it asleep.
      await new Promise((r) => setTimeout(r, 400));
      expect(roomA.isDormant).toBe(true);

      onB.doc.getText('text').insert(textOf(onB.doc).length, 'relayed to A.');
      await expectConverged([onA.doc, onB.doc]);
      expect(textOf(onA.doc)).toBe('written on B; relayed to A.');
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      for (const o of others.splice(0)) await o.close();
      await db.drop();
    }
  });
});
