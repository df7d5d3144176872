/**
 * The collaboration server over real sockets with the real y-websocket client:
 * convergence, late joiners, restarts, and durability of what was relayed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, expectConverged, textOf, waitFor, waitSynced, type TestClient } from '../helpers/yclient';

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

async function setup() {
  server = await startServer();
  const owner = await signUp(server.url);
  const report = await createReport(server.url, owner.token);
  const room = `${report.id}.en`;
  const open = (doc?: Y.Doc) => {
    const c = connectClient(server!.wsUrl, room, owner.token, { doc });
    clients.push(c);
    return c;
  };
  return { owner, report, room, open };
}

describe('collaboration over y-websocket', () => {
  it('two clients converge on concurrent edits', async () => {
    const { open } = await setup();
    const a = open();
    const b = open();
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.doc.getText('text').insert(0, 'Hello ');
    b.doc.getText('text').insert(0, 'World ');
    await expectConverged([a.doc, b.doc]);
    expect(textOf(a.doc)).toHaveLength('Hello World '.length);
  });

  it('[R12] ten clients converge, and a late joiner receives the full state', async () => {
    const { open } = await setup();
    const many = Array.from({ length: 10 }, () => open());
    await Promise.all(many.map((c) => waitSynced(c)));
    many.forEach((c, i) => {
      for (let k = 0; k < 5; k++) c.doc.getText('text').insert(0, `${i}:${k};`);
      c.doc.getMap('m').set(`client${i}`, i);
    });
    await expectConverged(many.map((c) => c.doc));
    expect(many[0].doc.getMap('m').size).toBe(10);
    const late = open();
    await waitSynced(late);
    await expectConverged([late.doc, many[0].doc]);
    expect(textOf(late.doc).split(';').filter(Boolean)).toHaveLength(50);
  });

  it('the report body written at creation is in the original room', async () => {
    const { open } = await setup();
    const c = open();
    await waitSynced(c);
    expect(c.doc.getXmlFragment('body').length).toBeGreaterThan(0);
    expect(c.doc.getMap('meta').get('originalLanguage')).toBe('en');
  });

  it('a client that reconnects after a server restart resyncs without duplicating content', async () => {
    const { owner, room } = await setup();
    const port = Number(new URL(server!.url).port);
    const dir = server!.dir;
    const a = connectClient(server!.wsUrl, room, owner.token);
    clients.push(a);
    await waitSynced(a);
    a.doc.getText('text').insert(0, 'before restart');
    await waitFor(() => server!.plenary.registry.size > 0);
    // Wait until the update is durable (it is relayed only after), then restart on the same store.
    const b = connectClient(server!.wsUrl, room, owner.token);
    clients.push(b);
    await waitFor(() => textOf(b.doc) === 'before restart');
    await server!.plenary.close();
    const { startServer: start } = await import('../helpers/server');
    const { join } = await import('node:path');
    server = await start({ port }, { DATABASE_URL: `sqlite:${join(dir, 'plenary.db')}` });
    await waitFor(() => a.provider.wsconnected && a.provider.synced, 15_000, 'reconnect');
    a.doc.getText('text').insert(a.doc.getText('text').length, ' and after');
    const fresh = connectClient(server.wsUrl, room, owner.token);
    clients.push(fresh);
    await waitFor(() => textOf(fresh.doc) === 'before restart and after', 10_000, 'fresh client content');
    await expectConverged([a.doc, b.doc, fresh.doc]);
    expect(textOf(a.doc)).toBe('before restart and after');
  });

  it('[R4] removes a client’s awareness state when its socket closes', async () => {
    const { open } = await setup();
    const a = open();
    const b = open();
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 15_000, 'awareness relay');
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 15_000, 'awareness removal');
  });

  it('answers query-awareness with the states it holds', async () => {
    const { open } = await setup();
    const a = open();
    await waitSynced(a);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    const b = open();
    await waitSynced(b);
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 15_000, 'initial awareness');
  });
});
