/**
 * The HTTP contract end to end (docs/PROTOCOL.md §10, [R17]): each route that takes input
 * answers an invalid request with 400 and a message naming the field, changes nothing, and
 * answers a valid one in the shape shared/src/api declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedReport, MembersResponse, ReportDetail, ReportListResponse, Version } from '../../shared/src/api';
import { startServer, api, signUp, createReport, type TestServer } from '../helpers/server';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startServer();
  owner = await signUp(server.url);
});
afterAll(async () => {
  await server.close();
});

const expect400 = (res: { status: number; body: { error: { code: string; message: string } } }, field: RegExp) => {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('bad_request');
  expect(res.body.error.message).toMatch(field);
};

describe('[R17] one HTTP contract', () => {
  it('reports: a bad create is a 400 that creates nothing; a good one has the declared shape', async () => {
    const before = (await api<ReportListResponse>(server.url, 'GET', '/api/reports', undefined, owner.token)).body.reports.length;
    expect400(await api(server.url, 'POST', '/api/reports', { originalLanguage: 'english' }, owner.token), /^originalLanguage: /);
    expect400(await api(server.url, 'POST', '/api/reports', { originalLanguage: 'en', languages: 'fr' }, owner.token), /^languages: /);
    expect((await api<ReportListResponse>(server.url, 'GET', '/api/reports', undefined, owner.token)).body.reports).toHaveLength(before);

    const created = (await api<CreatedReport>(server.url, 'POST', '/api/reports', { title: 'Shape', originalLanguage: 'en', languages: ['fr'] }, owner.token)).body;
    expect(Object.keys(created).sort()).toEqual(['id', 'rooms']);
    const detail = (await api<ReportDetail>(server.url, 'GET', `/api/reports/${created.id}`, undefined, owner.token)).body;
    expect(Object.keys(detail).sort()).toEqual(
      ['createdAt', 'id', 'languages', 'members', 'meta', 'myLanguages', 'originalLanguage', 'progress', 'role', 'rooms', 'symbol', 'title'],
    );
    expect(detail.members[0]).toEqual({ userId: owner.id, name: owner.name, role: 'owner', languages: [] });
  });

  it('members: a bad role is a 400 and the members stay as they were', async () => {
    const { id } = await createReport(server.url, owner.token);
    const other = await signUp(server.url);
    expect400(await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: other.name, role: 'superuser' }, owner.token), /^role: /);
    const detail = (await api<ReportDetail>(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token)).body;
    expect(detail.members.map((m) => m.name)).toEqual([owner.name]);
    const added = (await api<MembersResponse>(server.url, 'PUT', `/api/reports/${id}/members`, { name: other.name, role: 'viewer' }, owner.token)).body;
    expect(added.members.map((m) => [m.name, m.role]).sort()).toEqual([[other.name, 'viewer'], [owner.name, 'owner']].sort());
  });

  it('versions, translation memory, glossary: each names the field it refuses', async () => {
    const { id } = await createReport(server.url, owner.token);
    expect400(await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: '' }, owner.token), /^label: label is required/);
    expect((await api<{ versions: Version[] }>(server.url, 'GET', `/api/reports/${id}/versions`, undefined, owner.token)).body.versions).toEqual([]);
    expect400(await api(server.url, 'GET', '/api/tm?q=x&from=en&to=fr&limit=500', undefined, owner.token), /^limit: /);
    expect400(await api(server.url, 'GET', '/api/glossary?from=fr&to=fr', undefined, owner.token), /^to: from and to must differ/);
    expect400(await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'fr', source: 'x' }, owner.token), /^target: /);
    expect((await api(server.url, 'GET', '/api/glossary?from=en&to=fr', undefined, owner.token)).body).toEqual({ entries: [] });
  });
});
