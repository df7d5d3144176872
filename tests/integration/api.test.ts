/** The HTTP API: accounts, reports, members, exports, and clear 4xx errors for bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startServer, api, signUp, createReport, type TestServer } from '../helpers/server';

const SAMPLE_EN = readFileSync(new URL('../../server/samples/ctoc-cop-2012-wg-report.en.txt', import.meta.url), 'utf8');
const nonEmptyLines = (s: string) => s.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('accounts', () => {
  it('signs up (first user is admin), signs in, refuses a wrong password', async () => {
    const first = await api(server.url, 'POST', '/api/auth/signup', { name: 'Alice', password: 'long enough pw' });
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({ name: 'Alice', isAdmin: true });
    expect(typeof first.body.token).toBe('string');
    const second = await api(server.url, 'POST', '/api/auth/signup', { name: 'Bob', password: 'long enough pw' });
    expect(second.body.user.isAdmin).toBe(false);
    const login = await api(server.url, 'POST', '/api/auth/login', { name: 'alice', password: 'long enough pw' });
    expect(login.status).toBe(200);
    expect(login.body.user.name).toBe('Alice');
    const wrong = await api(server.url, 'POST', '/api/auth/login', { name: 'Alice', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    const me = await api(server.url, 'GET', '/api/auth/me', undefined, login.body.token);
    expect(me.body.user.name).toBe('Alice');
  });

  it('[R17] rejects bad input with a 4xx and a message', async () => {
    const short = await api(server.url, 'POST', '/api/auth/signup', { name: 'Carol', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/password/);
    const taken = await api(server.url, 'POST', '/api/auth/signup', { name: 'ALICE', password: 'long enough pw' });
    expect(taken.status).toBe(409);
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
    const unknown = await api(server.url, 'GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it('needs a valid token', async () => {
    expect((await api(server.url, 'GET', '/api/reports')).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/reports', undefined, 'x.y')).status).toBe(401);
  });
});

describe('reports', () => {
  it('creates a report from the English sample and exports it back line for line', async () => {
    const owner = await signUp(server.url);
    const created = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages: ['fr', 'ar'] });
    expect(created.rooms).toEqual([`${created.id}.en`, `${created.id}.ar`, `${created.id}.fr`, `${created.id}.review`]);
    const detail = await api(server.url, 'GET', `/api/reports/${created.id}`, undefined, owner.token);
    expect(detail.status).toBe(200);
    expect(detail.body.meta.title).toMatch(/^Review of the implementation/);
    expect(detail.body.meta.agendaItem).toBe('Item 2 (c) of the provisional agenda*');
    expect(detail.body.members).toEqual([expect.objectContaining({ name: owner.name, role: 'owner' })]);
    expect(detail.body.progress.fr).toMatchObject({ untranslated: detail.body.progress.fr.total, stale: 0 });
    const txt = await api(server.url, 'GET', `/api/reports/${created.id}/export?format=txt`, undefined, owner.token);
    expect(txt.status).toBe(200);
    expect(nonEmptyLines(txt.body)).toEqual(nonEmptyLines(SAMPLE_EN));
    const list = await api(server.url, 'GET', '/api/reports', undefined, owner.token);
    expect(list.body.reports.map((r: { id: string }) => r.id)).toContain(created.id);
  });

  it('exports md, html and docx', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN });
    const md = await api(server.url, 'GET', `/api/reports/${id}/export?format=md`, undefined, owner.token);
    expect(md.body).toContain('The Conference also decided');
    const html = await api(server.url, 'GET', `/api/reports/${id}/export?format=html`, undefined, owner.token);
    expect(html.body).toMatch(/<html[^>]*lang="en"/);
    const docx = await fetch(`${server.url}/api/reports/${id}/export?format=docx`, { headers: { authorization: `Bearer ${owner.token}` } });
    const bytes = Buffer.from(await docx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const bad = await api(server.url, 'GET', `/api/reports/${id}/export?format=exe`, undefined, owner.token);
    expect(bad.status).toBe(400);
  });

  it('creates reports from Markdown and from a .docx, and names a bad file', async () => {
    const owner = await signUp(server.url);
    const md = await api(server.url, 'POST', '/api/reports', {
      title: '', originalLanguage: 'en', languages: ['fr'], format: 'md',
      text: '# A Markdown report\n\n1\\. First numbered paragraph.\n\n2\\. Second numbered paragraph.\n',
    }, owner.token);
    expect(md.status).toBe(201);
    const mdTxt = await api(server.url, 'GET', `/api/reports/${md.body.id}/export?format=txt`, undefined, owner.token);
    expect(mdTxt.body).toContain('1. First numbered paragraph.');
    expect(mdTxt.body).toContain('2. Second numbered paragraph.');

    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN });
    const docx = await fetch(`${server.url}/api/reports/${id}/export?format=docx`, { headers: { authorization: `Bearer ${owner.token}` } });
    const base64 = Buffer.from(await docx.arrayBuffer()).toString('base64');
    const fromDocx = await api(server.url, 'POST', '/api/reports', { title: '', originalLanguage: 'en', languages: [], format: 'docx', text: base64 }, owner.token);
    expect(fromDocx.status).toBe(201);
    const detail = await api(server.url, 'GET', `/api/reports/${fromDocx.body.id}`, undefined, owner.token);
    expect(detail.body.meta.title).toBe('Test report'); // the title the source report was given
    expect(detail.body.meta.agendaItem).toBe('Item 2 (c) of the provisional agenda*');
    const docxTxt = await api(server.url, 'GET', `/api/reports/${fromDocx.body.id}/export?format=txt`, undefined, owner.token);
    expect(docxTxt.body).toMatch(/^3\. The Working Group on the Smuggling of Migrants held its first meeting/m);

    const bad = await api(server.url, 'POST', '/api/reports', { title: 't', originalLanguage: 'en', languages: [], format: 'docx', text: Buffer.from('not a zip').toString('base64') }, owner.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_import');
  });

  it('hides reports from non-members (404) and refuses a malformed import with the line', async () => {
    const owner = await signUp(server.url);
    const outsider = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token);
    expect((await api(server.url, 'GET', `/api/reports/${id}`, undefined, outsider.token)).status).toBe(404);
    expect((await api(server.url, 'GET', `/api/reports/nonexistent-id`, undefined, owner.token)).status).toBe(404);
    const bad = await api(server.url, 'POST', '/api/reports', { title: 't', originalLanguage: 'en', languages: [], text: '1. One\n\n2. Two\n\n5. Five' }, owner.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_import');
    expect(bad.body.error.message).toMatch(/line 5/);
    const badLang = await api(server.url, 'POST', '/api/reports', { title: 't', originalLanguage: 'English', languages: [] }, owner.token);
    expect(badLang.status).toBe(400);
    expect(badLang.body.error.message).toMatch(/originalLanguage/);
  });

  it('lets the owner add members; others may not', async () => {
    const owner = await signUp(server.url);
    const drafter = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { languages: ['fr'] });
    const put = await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: drafter.name, role: 'drafter' }, owner.token);
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { name: string }) => m.name)).toContain(drafter.name);
    expect((await api(server.url, 'GET', `/api/reports/${id}`, undefined, drafter.token)).status).toBe(200);
    const notOwner = await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: owner.name, role: 'viewer' }, drafter.token);
    expect(notOwner.status).toBe(403);
    const translatorWithoutLanguage = await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: drafter.name, role: 'translator' }, owner.token);
    expect(translatorWithoutLanguage.status).toBe(400);
    const lastOwner = await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: owner.name, role: 'viewer' }, owner.token);
    expect(lastOwner.status).toBe(409);
  });
});
