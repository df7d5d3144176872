/**
 * UN drafting aids over the API with a real server and real clients: the symbol check on
 * create, the word limit (owner only, live in the room) and word counts per language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { readSettings, SETTINGS_MAP } from '../../shared/src/model/settings';
import { bodyWordCount } from '../../shared/src/model/wordCount';
import { parsePlainText } from '../../shared/src/format/plainText';

const SAMPLE_EN = readFileSync(new URL('../../server/samples/ctoc-cop-2012-wg-report.en.txt', import.meta.url), 'utf8');

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('document symbol on create', () => {
  it('refuses a malformed symbol with the grammar’s message and accepts a valid one', async () => {
    const owner = await signUp(server.url);
    const bad = await api(server.url, 'POST', '/api/reports', { title: 'x', originalLanguage: 'en', symbol: 'CTOC/COP/2012/1/rev.1' }, owner.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/symbol: "rev\.1" should read Rev\.N/);
    const list = await api(server.url, 'GET', '/api/reports', undefined, owner.token);
    expect(list.body.reports).toHaveLength(0);
    const good = await createReport(server.url, owner.token, { symbol: 'CTOC/COP/2012/1/Rev.1' });
    expect(good.id).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
  });
});

describe('word limit and counts', () => {
  it('counts the body, lets only the owner set the limit, and every client sees it', async () => {
    const owner = await signUp(server.url);
    const drafter = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN });
    await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: drafter.name, role: 'drafter' }, owner.token);

    const words = await api(server.url, 'GET', `/api/reports/${id}/words`, undefined, drafter.token);
    expect(words.status).toBe(200);
    expect(words.body).toEqual({ limit: 8500, words: { en: bodyWordCount(parsePlainText(SAMPLE_EN).body), fr: 0 } });

    const refused = await api(server.url, 'PUT', `/api/reports/${id}/settings`, { wordLimit: 100 }, drafter.token);
    expect(refused.status).toBe(403);
    const invalid = await api(server.url, 'PUT', `/api/reports/${id}/settings`, { wordLimit: -3 }, owner.token);
    expect(invalid.status).toBe(400);

    const client = connectClient(server.wsUrl, `${id}.en`, drafter.token);
    clients.push(client);
    await waitSynced(client);
    const set = await api(server.url, 'PUT', `/api/reports/${id}/settings`, { wordLimit: 100 }, owner.token);
    expect(set.status).toBe(200);
    expect(set.body.wordLimit).toBe(100);
    await waitFor(() => readSettings(client.doc.getMap(SETTINGS_MAP)).wordLimit === 100, 10_000, 'limit relayed');
    const after = await api(server.url, 'GET', `/api/reports/${id}/words`, undefined, owner.token);
    expect(after.body.limit).toBe(100);
    expect(after.body.words.en).toBeGreaterThan(100);
  });
});
