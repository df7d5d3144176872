/**
 * Cheaper joins: the full state is encoded once while a room is unchanged (and afresh after
 * any update), and the join-time access decisions (JoinCache) never outlive a membership
 * change: a member removed a moment after joining is refused on the next join.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { startServer, signUp, createReport, api, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced } from '../helpers/yclient';
import { CloseCode } from '../../shared/src/closeCodes';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let report: { id: string; rooms: string[] };

beforeAll(async () => {
  server = await startServer();
  owner = await signUp(server.url);
  report = await createReport(server.url, owner.token);
});
afterAll(() => server.close());

test('joiners with an empty state vector share one encoding until the room changes', async () => {
  const room = `${report.id}.en`;
  await server.plenary.registry.withRoom(room, async (r) => {
    const first = await r.durableStateDiff();
    const second = await r.durableStateDiff(new Uint8Array([0]));
    expect(second).toBe(first);
    await r.change((doc) => doc.getText('text').insert(0, 'changed'));
    const third = await r.durableStateDiff();
    expect(third).not.toBe(first);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, third);
    expect(doc.getText('text').toString()).toBe('changed');
  });
  // And what a fresh client receives is that state.
  const client = connectClient(server.wsUrl, room, owner.token);
  await waitSynced(client);
  expect(client.doc.getText('text').toString()).toBe('changed');
  client.destroy();
});

test('a member removed right after joining is refused at the next join', async () => {
  const member = await signUp(server.url);
  const room = `${report.id}.en`;
  expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: member.name, role: 'drafter' }, owner.token)).status).toBe(200);
  const first = connectClient(server.wsUrl, room, member.token);
  await waitSynced(first);
  expect((await api(server.url, 'PUT', `/api/reports/${report.id}/members`, { name: member.name, role: 'none' }, owner.token)).status).toBe(200);
  await waitFor(() => first.closes.length > 0, 5000, 'the open connection closed');
  first.destroy();
  const again = connectClient(server.wsUrl, room, member.token);
  await waitFor(() => again.closes.length > 0, 5000, 'the second join refused');
  expect(again.closes[0].code).toBe(CloseCode.Forbidden);
  expect(again.provider.synced).toBe(false);
  again.destroy();
});
