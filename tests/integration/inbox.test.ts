/**
 * The inbox (issue 13), built by the server from review-room updates as they are stored. On
 * SQLite: a mention, a reply to a thread one took part in, and one's suggestion accepted reach
 * the right people, never the writer; read marks stick. With PostgreSQL and Redis: two
 * instances, the mentioner on one and the mentioned on the other (both with the room open),
 * and the mention reaches its user exactly once, read from either instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, eventually, waitSynced, type TestClient } from '../helpers/yclient';
import { createScratchDatabase, postgresUrlFromEnv } from '../contract/storage.contract';
import { anchorInText, createThread, reply, setStatus } from '../../shared/src/review/threads';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
  for (const f of cleanups.splice(0)) await f();
});

interface Item { id: string; kind: string; reportId: string; threadId: string; by: string; at: number; excerpt: string; read: boolean }
const inbox = async (url: string, token: string) => (await api<{ items: Item[] }>(url, 'GET', '/api/inbox', undefined, token)).body.items;

async function open(wsUrl: string, room: string, token: string) {
  const c = connectClient(wsUrl, room, token);
  clients.push(c);
  await waitSynced(c);
  return c;
}

const firstText = (doc: Y.Doc) => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('inbox', () => {
  it('mentions, replies and decisions reach the right people once; read marks stick', async () => {
    const server = await startServer();
    servers.push(server);
    const owner = await signUp(server.url, 'Amina Diallo');
    const drafter = await signUp(server.url, 'Boris Petrov');
    const reviewer = await signUp(server.url, 'Chiara Rossi');
    const { id } = await createReport(server.url, owner.token, { text: '1. The Conference decided to hold consultations.' });
    await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: drafter.name, role: 'drafter' }, owner.token);
    await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token);
    const content = await open(server.wsUrl, `${id}.en`, reviewer.token);
    const rReview = await open(server.wsUrl, `${id}.review`, reviewer.token);
    const dReview = await open(server.wsUrl, `${id}.review`, drafter.token);
    const text = firstText(content.doc);

    // A malformed entry (any member's client writes the review room) costs only itself.
    rReview.doc.getMap('threads').set('forged', new Y.Map([['messages', 'not an array'], ['kind', 'comment']]) as Y.Map<unknown>);
    const t = createThread(rReview.doc, { room: 'en', pid: 'p', kind: 'comment', anchor: anchorInText(text, 4, 14), quote: 'Conference', author: reviewer.name, body: 'Which one? @Boris_Petrov' });
    const drafterItems = await eventually(() => inbox(server.url, drafter.token), (items) => items.length > 0);
    expect(drafterItems.map((i) => [i.kind, i.threadId, i.by, i.excerpt, i.read, i.reportId])).toEqual([['mention', t, 'Chiara Rossi', 'Which one? @Boris_Petrov', false, id]]);
    expect(await inbox(server.url, reviewer.token)).toEqual([]);
    expect(await inbox(server.url, owner.token)).toEqual([]);

    // The drafter replies (a client of his own): the reviewer, who started the thread, hears of it.
    await eventually(async () => dReview.doc.getMap('threads').has(t), Boolean);
    reply(dReview.doc, t, drafter.name, 'The sixth session.');
    const reviewerItems = await eventually(() => inbox(server.url, reviewer.token), (items) => items.length > 0);
    expect(reviewerItems.map((i) => [i.kind, i.by, i.excerpt])).toEqual([['reply', 'Boris Petrov', 'The sixth session.']]);

    // Her suggestion accepted by the drafter.
    const s = createThread(rReview.doc, { room: 'en', pid: 'p', kind: 'suggestion', change: 'replace', anchor: anchorInText(text, 24, 28), quote: 'hold', proposed: 'convene', author: reviewer.name, body: '' });
    await eventually(async () => dReview.doc.getMap('threads').has(s), Boolean);
    setStatus(dReview.doc, s, 'accepted');
    const decided = await eventually(() => inbox(server.url, reviewer.token), (items) => items.length > 1);
    expect(decided.find((i) => i.kind === 'accepted')).toMatchObject({ threadId: s, by: 'Boris Petrov', excerpt: 'hold → convene' });
    // Nothing more for the drafter (he wrote the reply and decided), nothing twice.
    await new Promise((r) => setTimeout(r, 400));
    expect((await inbox(server.url, drafter.token)).length).toBe(1);
    expect((await inbox(server.url, reviewer.token)).length).toBe(2);

    // Read marks: only one's own items.
    const mine = await inbox(server.url, drafter.token);
    expect((await api(server.url, 'POST', '/api/inbox/read', { ids: [...mine.map((i) => i.id), reviewerItems[0].id] }, drafter.token)).body).toEqual({ read: 1 });
    expect((await inbox(server.url, drafter.token)).every((i) => i.read)).toBe(true);
    expect((await inbox(server.url, reviewer.token)).some((i) => i.read)).toBe(false);
    expect((await api(server.url, 'POST', '/api/inbox/read', { ids: 'nope' }, drafter.token)).status).toBe(400);
    expect((await api(server.url, 'GET', '/api/inbox')).status).toBe(401);
  }, 30_000);

  const pgUrl = postgresUrlFromEnv();
  const redisUrl = process.env.REDIS_URL;
  it.skipIf(!pgUrl || !redisUrl)('a mention reaches the mentioned user once across two instances (PostgreSQL + Redis)', async () => {
    const db = await createScratchDatabase(pgUrl!);
    cleanups.push(() => db.drop());
    const a = await startServer({ databaseUrl: db.url, redisUrl });
    const b = await startServer({ databaseUrl: db.url, redisUrl });
    servers.push(a, b);
    const owner = await signUp(a.url, `owner-${Date.now()}`);
    const mentioned = await signUp(a.url, `Boris Petrov ${Date.now() % 100000}`);
    const { id } = await createReport(a.url, owner.token, { text: '1. The Conference decided to hold consultations.' });
    await api(a.url, 'PUT', `/api/reports/${id}/members`, { name: mentioned.name, role: 'drafter' }, owner.token);
    const ownerContent = await open(a.wsUrl, `${id}.en`, owner.token);
    const onA = await open(a.wsUrl, `${id}.review`, owner.token);
    const onB = await open(b.wsUrl, `${id}.review`, mentioned.token);
    const token = mentioned.name.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const t = createThread(onA.doc, { room: 'en', pid: 'p', kind: 'comment', anchor: anchorInText(firstText(ownerContent.doc), 4, 14), quote: 'Conference', author: owner.name, body: `Please check, @${token}` });
    // Instance B relays the thread to its client...
    await eventually(async () => onB.doc.getMap('threads').has(t), Boolean);
    const items = await eventually(() => inbox(b.url, mentioned.token), (xs) => xs.length > 0);
    await new Promise((r) => setTimeout(r, 600));
    // ...but the mention is in the inbox once, seen the same from both instances.
    expect((await inbox(b.url, mentioned.token)).map((i) => [i.kind, i.threadId, i.by])).toEqual([['mention', t, owner.name]]);
    expect(await inbox(a.url, mentioned.token)).toEqual(await inbox(b.url, mentioned.token));
    expect(items).toHaveLength(1);
  }, 60_000);
});
