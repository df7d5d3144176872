/** The demo workspace of a first start: the sample report with its French translation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startServer, type TestServer } from '../helpers/server';
import { DEMO_USER, seedDemo } from '../../server/src/reports/demo';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('demo workspace', () => {
  it('is created once, on an empty store, with the French translation filled in', async () => {
    const demo = await seedDemo(server.plenary);
    expect(demo).not.toBeNull();
    expect(await seedDemo(server.plenary)).toBeNull();
    const login = await api(server.url, 'POST', '/api/auth/login', DEMO_USER);
    expect(login.status).toBe(200);
    const detail = await api(server.url, 'GET', `/api/reports/${demo!.reportId}`, undefined, login.body.token);
    expect(detail.body.meta.title).toMatch(/^Review of the implementation/);
    const fr = detail.body.progress.fr;
    expect(fr.total).toBeGreaterThan(3);
    expect(fr.translated).toBe(fr.total);
    expect(fr.stale).toBe(0);
    const txt = await api(server.url, 'GET', `/api/reports/${demo!.reportId}/export?lang=fr&format=txt`, undefined, login.body.token);
    expect(txt.body).toContain('Conférence des Parties');
  });
});
