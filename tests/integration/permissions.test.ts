/**
 * The role × room matrix over real y-websocket clients: for every role and every room kind,
 * reading, writing online, and writing offline then reconnecting — what reached another
 * client, and what is in storage after a restart. The server, not the UI, enforces it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { join } from 'node:path';
import { CloseCode } from '../../shared/src/closeCodes';
import { MessageType } from '../../shared/src/protocol';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/yclient';

type RoleName = 'owner' | 'drafter' | 'translator' | 'reviewer' | 'viewer';
const ROOMS = ['en', 'fr', 'ar', 'review'] as const;
const WRITABLE: Record<RoleName, readonly string[]> = {
  owner: ['en', 'fr', 'ar', 'review'],
  drafter: ['en', 'review'],
  translator: ['fr', 'review'],
  reviewer: ['review'],
  viewer: [],
};

let server: TestServer;
let reportId: string;
const tokens = {} as Record<RoleName | 'outsider', string>;
const clients: TestClient[] = [];

/** Counts auth permission-denied messages received by a client. */
function watchDenied(client: TestClient): () => number {
  let denied = 0;
  const attach = () => {
    client.provider.ws?.addEventListener('message', (e: MessageEvent) => {
      const d = decoding.createDecoder(new Uint8Array(e.data as ArrayBuffer));
      if (decoding.readVarUint(d) === MessageType.Auth) denied++;
    });
  };
  attach();
  client.provider.on('status', ({ status }: { status: string }) => status === 'connecting' || attach());
  return () => denied;
}

beforeAll(async () => {
  // y-websocket reports every permission-denied message with console.warn; here they are expected.
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith('Permission denied')) warn(...args);
  });
  server = await startServer();
  const owner = await signUp(server.url);
  tokens.owner = owner.token;
  reportId = (await createReport(server.url, owner.token, { languages: ['fr', 'ar'] })).id;
  for (const role of ['drafter', 'translator', 'reviewer', 'viewer', 'outsider'] as const) {
    const u = await signUp(server.url);
    tokens[role] = u.token;
    if (role === 'outsider') continue;
    const res = await api(server.url, 'PUT', `/api/reports/${reportId}/members`, { name: u.name, role, ...(role === 'translator' ? { language: 'fr' } : {}) }, owner.token);
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

const open = (room: string, token: string, doc?: Y.Doc) => {
  const c = connectClient(server.wsUrl, `${reportId}.${room}`, token, { doc });
  clients.push(c);
  return c;
};

describe('role × room matrix', () => {
  it('[R7] outsiders get nothing (4403)', async () => {
    for (const room of ROOMS) {
      const c = open(room, tokens.outsider);
      await waitFor(() => c.closes.length > 0, 15_000, 'close');
      expect(c.closes[0].code).toBe(CloseCode.Forbidden);
      expect(c.doc.getXmlFragment('body').length).toBe(0);
      c.provider.disconnect();
    }
  });

  it('[R3] every member reads every room; writes land exactly where the role allows, online and offline', async () => {
    const observers = Object.fromEntries(ROOMS.map((room) => [room, open(room, tokens.owner)])) as Record<string, TestClient>;
    await Promise.all(Object.values(observers).map((o) => waitSynced(o)));
    expect(observers.en.doc.getXmlFragment('body').length).toBeGreaterThan(0);

    const roles = Object.keys(WRITABLE) as RoleName[];
    await Promise.all(
      roles.flatMap((role) =>
        ROOMS.map(async (room) => {
          const allowed = WRITABLE[role].includes(room);
          // Read and online write.
          const online = open(room, tokens[role]);
          const denied = watchDenied(online);
          await waitSynced(online);
          if (room === 'en') expect(online.doc.getXmlFragment('body').length).toBeGreaterThan(0);
          online.doc.getMap('matrix').set(`${role}:online`, true);
          // Offline write, then reconnect.
          const offlineDoc = new Y.Doc();
          const offline = open(room, tokens[role], offlineDoc);
          const deniedOffline = watchDenied(offline);
          await waitSynced(offline);
          offline.provider.disconnect();
          offlineDoc.getMap('matrix').set(`${role}:offline`, true);
          offline.provider.connect();
          const observer = observers[room].doc.getMap('matrix');
          if (allowed) {
            await waitFor(() => observer.has(`${role}:online`) && observer.has(`${role}:offline`), 10_000, `${role} writes ${room}`);
          } else {
            await waitFor(() => denied() > 0 && deniedOffline() > 0, 10_000, `${role} told read-only in ${room}`);
          }
        }),
      ),
    );
    // A last allowed write by the owner, relayed after everything above was processed.
    for (const room of ROOMS) observers[room].doc.getMap('matrix').set('owner:sentinel', true);
    const reader = Object.fromEntries(ROOMS.map((room) => [room, open(room, tokens.viewer)])) as Record<string, TestClient>;
    // Synced (its SyncStep2 applied) and holding the sentinel: the sentinel may come by the
    // relay before the sync answer does, as both wait for the same commit.
    await Promise.all(ROOMS.map((room) => waitSynced(reader[room])));
    await Promise.all(ROOMS.map((room) => waitFor(() => reader[room].doc.getMap('matrix').has('owner:sentinel'), 10_000, 'sentinel')));
    for (const room of ROOMS) {
      const keys = [...reader[room].doc.getMap('matrix').keys()].filter((k) => k !== 'owner:sentinel').sort();
      const expected = roles.filter((r) => WRITABLE[r].includes(room)).flatMap((r) => [`${r}:offline`, `${r}:online`]).sort();
      expect(keys, `writes that reached other clients in ${room}`).toEqual(expected);
    }

    // And storage after a restart holds the same, and nothing else.
    for (const c of clients.splice(0)) c.destroy();
    const port = Number(new URL(server.url).port);
    const dir = server.dir;
    await server.plenary.close();
    server = await startServer({ port }, { DATABASE_URL: `sqlite:${join(dir, 'plenary.db')}` });
    for (const room of ROOMS) {
      const fresh = open(room, tokens.owner);
      await waitSynced(fresh);
      const keys = [...fresh.doc.getMap('matrix').keys()].filter((k) => k !== 'owner:sentinel').sort();
      const expected = roles.filter((r) => WRITABLE[r].includes(room)).flatMap((r) => [`${r}:offline`, `${r}:online`]).sort();
      expect(keys, `writes stored in ${room}`).toEqual(expected);
    }
  }, 60_000);

  it('[R11] a role change applies to open connections at once', async () => {
    const u = await signUp(server.url);
    await api(server.url, 'PUT', `/api/reports/${reportId}/members`, { name: u.name, role: 'drafter' }, tokens.owner);
    const c = open('en', u.token);
    const denied = watchDenied(c);
    await waitSynced(c);
    await api(server.url, 'PUT', `/api/reports/${reportId}/members`, { name: u.name, role: 'viewer' }, tokens.owner);
    c.doc.getMap('matrix').set('demoted', true);
    await waitFor(() => denied() > 0, 15_000, 'demoted write refused');
    await api(server.url, 'PUT', `/api/reports/${reportId}/members`, { name: u.name, role: 'none' }, tokens.owner);
    await waitFor(() => c.closes.some((x) => x.code === CloseCode.Forbidden), 15_000, 'removed member closed 4403');
  });
});
