/**
 * A room never fails to load whole ([R20], docs/PROTOCOL.md): stored rows that cannot be loaded — inserted
 * here directly into the log, as a bug or an older server could have left them — are moved
 * to the quarantine table in one transaction, and the room opens with every other edit.
 * Admins list and download them; export and versions work. On SQLite and on PostgreSQL
 * (DATABASE_URL=postgres://…; that half is skipped without it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as ywasm from 'ywasm';
import { openStorage } from '../../server/src/storage/open';
import { startServer, signUp, createReport, api, type TestServer } from '../helpers/server';
import { connectClient, textOf, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { createScratchDatabase, postgresUrlFromEnv } from '../contract/storage.contract';
import { handUpdate, gc } from '../helpers/rawSocket';

const SAMPLE_EN = readFileSync(join(__dirname, '../../server/samples/ctoc-cop-2012-wg-report.en.txt'), 'utf8');
const postgresUrl = postgresUrlFromEnv();

let server: TestServer | null = null;
const clients: TestClient[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
  for (const c of cleanups.splice(0)) await c();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server!.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** A store's URL for one test: a temporary SQLite file, or a scratch PostgreSQL database. */
async function storeUrl(kind: 'sqlite' | 'postgres', dir: string): Promise<string> {
  if (kind === 'sqlite') return `sqlite:${join(dir, 'q.db')}`;
  const db = await createScratchDatabase(postgresUrl!);
  cleanups.push(db.drop);
  return db.url;
}

async function restart(url: string): Promise<TestServer> {
  const port = Number(new URL(server!.url).port);
  await server!.plenary.close();
  return startServer({ port }, { DATABASE_URL: url });
}

function quarantineSuite(kind: 'sqlite' | 'postgres') {
  it('[R20] a room whose log holds bad rows opens with the rest; rows listed and downloadable; export and versions work', async () => {
    server = await startServer();
    const url = await storeUrl(kind, server.dir);
    await server.close();
    server = await startServer({}, { DATABASE_URL: url });
    const owner = await signUp(server.url);
    const other = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN });
    const room = `${id}.en`;
    const writer = connectClient(server.wsUrl, room, owner.token);
    clients.push(writer);
    await waitSynced(writer);
    writer.doc.getText('text').insert(0, 'good edit');
    const live = (await server.plenary.registry.loaded(room))!;
    await waitFor(() => live.doc.getText('text').toString() === 'good edit', 5000, 'edit reached the server');
    await live.flushed();
    for (const c of clients.splice(0)) c.destroy();
    await server.plenary.close();

    // Insert bad rows directly, with a valid row after them.
    const zeroLengthGc = handUpdate(4242, 0, [gc(0)]);
    const garbage = new Uint8Array([1, 2, 3, 250, 7]);
    const later = new Y.Doc();
    later.getMap('m').set('after', 'the bad rows');
    const store = await openStorage(url);
    await store.appendUpdates([{ room, update: zeroLengthGc }, { room, update: garbage }, { room, update: Y.encodeStateAsUpdate(later) }]);
    await store.close();

    server = await startServer({ port: 0 }, { DATABASE_URL: url });
    const reader = connectClient(server.wsUrl, room, owner.token);
    clients.push(reader);
    await waitSynced(reader);
    expect(textOf(reader.doc)).toBe('good edit');
    expect(reader.doc.getMap('m').get('after')).toBe('the bad rows');
    expect(reader.doc.getXmlFragment('body').toString()).toContain('Working Group');
    expect(await metric('plenary_quarantined_total')).toBe(2);

    const list = await api(server.url, 'GET', '/api/admin/quarantine', undefined, owner.token);
    expect(list.status).toBe(200);
    const items = list.body.items as { id: number; room: string; kind: string; seq: number; error: string; bytes: number }[];
    expect(items.map((i) => [i.room, i.kind, i.bytes]).sort()).toEqual([[room, 'update', garbage.length], [room, 'update', zeroLengthGc.length]].sort());
    expect(items.find((i) => i.bytes === zeroLengthGc.length)!.error).toContain('length 0');
    expect((await api(server.url, 'GET', '/api/admin/quarantine', undefined, other.token)).status).toBe(403);
    expect((await api(server.url, 'GET', '/api/admin/quarantine')).status).toBe(401);
    const one = items.find((i) => i.bytes === garbage.length)!;
    const download = await fetch(`${server.url}/api/admin/quarantine/${one.id}/bytes`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(download.status).toBe(200);
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([...garbage]);
    expect((await api(server.url, 'GET', '/api/admin/quarantine/999999/bytes', undefined, owner.token)).status).toBe(404);
    expect((await api(server.url, 'GET', '/api/admin/quarantine/nope/bytes', undefined, owner.token)).status).toBe(400);

    const exported = await api(server.url, 'GET', `/api/reports/${id}/export?lang=en&format=txt`, undefined, owner.token);
    expect(exported.status).toBe(200);
    expect(String(exported.body).length).toBeGreaterThan(1000);
    expect((await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: 'after quarantine' }, owner.token)).status).toBe(201);
    expect((await api(server.url, 'GET', `/api/reports/${id}/versions`, undefined, owner.token)).body.versions.length).toBeGreaterThan(0);
    // Compaction works too, and keeps every valid edit.
    await server.plenary.registry.withRoom(room, (r) => r.compact());
    expect(await server.plenary.storage.countUpdates(room)).toBe(0);

    // The rows were moved, not copied: the next load finds nothing to quarantine.
    for (const c of clients.splice(0)) c.destroy();
    server = await restart(url);
    const again = connectClient(server.wsUrl, room, owner.token);
    clients.push(again);
    await waitSynced(again);
    expect(textOf(again.doc)).toBe('good edit');
    expect(await metric('plenary_quarantined_total')).toBe(0);
    expect((await server.plenary.storage.listQuarantine()).length).toBe(2);
    const yrs = new ywasm.YDoc({});
    ywasm.applyUpdate(yrs, Y.encodeStateAsUpdate(again.doc), null);
    expect(yrs.getText('text').toString(undefined)).toBe('good edit');
  }, 60_000);

  it('a snapshot that cannot be loaded is quarantined and the rows after it load', async () => {
    server = await startServer();
    const url = await storeUrl(kind, server.dir);
    await server.close();
    const room = `q${Date.now()}.en`;
    const store = await openStorage(url);
    const d = new Y.Doc();
    d.getText('text').insert(0, 'row after snapshot');
    await store.writeSnapshot(room, handUpdate(5151, 0, [gc(0)]), 0);
    await store.appendUpdates([{ room, update: Y.encodeStateAsUpdate(d) }]);
    await store.close();
    server = await startServer({}, { DATABASE_URL: url });
    const held = await server.plenary.registry.acquire(room);
    expect(held.doc.getText('text').toString()).toBe('row after snapshot');
    const items = await server.plenary.storage.listQuarantine();
    expect(items.map((i) => [i.room, i.kind])).toEqual([[room, 'snapshot']]);
    expect((await server.plenary.storage.loadRoom(room)).snapshot).toBeNull();
  });
}

describe('quarantine on SQLite', () => quarantineSuite('sqlite'));
describe.skipIf(!postgresUrl)('quarantine on PostgreSQL', () => quarantineSuite('postgres'));
