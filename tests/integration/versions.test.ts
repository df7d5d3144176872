/**
 * Versions over the API and real clients: a named version, an edit, a diff that names exactly
 * the changed paragraph with its inserted words and its author, and a restore that brings the
 * text back for everyone as a new change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { listBlocks } from '../../shared/src/model/blocks';
import { readBody } from '../../shared/src/model/yBody';

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

/** The XmlText of the body block with this paragraph number. */
function paragraphText(doc: Y.Doc, number: number): { text: Y.XmlText; pid: string } {
  const pid = listBlocks(readBody(doc.getXmlFragment('body'))).find((b) => b.number === number)!.pid;
  const element = doc.getXmlFragment('body').toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('pid') === pid) as Y.XmlElement;
  return { text: element.get(0) as Y.XmlText, pid };
}

describe('versions', () => {
  it('named version, edit, diff with words and author, restore', async () => {
    const owner = await signUp(server.url, 'Olga Owner');
    const drafter = await signUp(server.url, 'Dmitri Drafter');
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN });
    await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: drafter.name, role: 'drafter' }, owner.token);

    const v1 = await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: 'Sent to translation' }, owner.token);
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ label: 'Sent to translation', auto: false, createdBy: owner.name });

    const editor = connectClient(server.wsUrl, `${id}.en`, drafter.token);
    const watcher = connectClient(server.wsUrl, `${id}.en`, owner.token);
    clients.push(editor, watcher);
    await Promise.all([waitSynced(editor), waitSynced(watcher)]);
    const { text, pid } = paragraphText(editor.doc, 2);
    const original = text.toString();
    text.insert(original.indexOf('would hold'), 'urgently ');
    await waitFor(() => paragraphText(watcher.doc, 2).text.toString().includes('urgently'), 15_000, 'edit relayed');

    const diff = await api(server.url, 'GET', `/api/reports/${id}/versions/${v1.body.id}/diff?lang=en`, undefined, owner.token);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toHaveLength(1);
    const [change] = diff.body.changes;
    expect(change).toMatchObject({ kind: 'changed', pid, number: 2, authors: [drafter.name] });
    expect(change.words.filter((w: { type: string }) => w.type === 'insert').map((w: { text: string }) => w.text.trim())).toEqual(['urgently']);
    expect(change.words.some((w: { type: string }) => w.type === 'delete')).toBe(false);

    const list = await api(server.url, 'GET', `/api/reports/${id}/versions`, undefined, drafter.token);
    expect(list.body.versions.map((v: { label: string }) => v.label)).toEqual(['Sent to translation']);

    const restored = await api(server.url, 'POST', `/api/reports/${id}/versions/${v1.body.id}/restore`, { lang: 'en' }, drafter.token);
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toEqual([`${id}.en`]);
    await waitFor(() => paragraphText(watcher.doc, 2).text.toString() === original, 15_000, 'restore relayed');
    expect(paragraphText(editor.doc, 2).text.toString()).toBe(original);
    const after = await api(server.url, 'GET', `/api/reports/${id}/versions/${v1.body.id}/diff?lang=en`, undefined, owner.token);
    expect(after.body.changes).toEqual([]);
  });

  it('refuses what it should', async () => {
    const owner = await signUp(server.url);
    const viewer = await signUp(server.url);
    const outsider = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token);
    await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: viewer.name, role: 'viewer' }, owner.token);
    expect((await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: '' }, owner.token)).status).toBe(400);
    expect((await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: 'x' }, viewer.token)).status).toBe(403);
    expect((await api(server.url, 'GET', `/api/reports/${id}/versions`, undefined, outsider.token)).status).toBe(404);
    expect((await api(server.url, 'GET', `/api/reports/${id}/versions/999/diff`, undefined, owner.token)).status).toBe(404);
    const v = await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: 'v' }, owner.token);
    expect((await api(server.url, 'POST', `/api/reports/${id}/versions/${v.body.id}/restore`, {}, viewer.token)).status).toBe(403);
    expect((await api(server.url, 'GET', `/api/reports/${id}/versions/${v.body.id}/diff?lang=de`, undefined, owner.token)).status).toBe(400);
  });

  it('makes an automatic version of an edited report', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token);
    const c = connectClient(server.wsUrl, `${id}.en`, owner.token);
    const watcher = connectClient(server.wsUrl, `${id}.en`, owner.token);
    clients.push(c, watcher);
    await Promise.all([waitSynced(c), waitSynced(watcher)]);
    c.doc.getMap('meta').set('date', '1 January 2030');
    await waitFor(() => watcher.doc.getMap('meta').get('date') === '1 January 2030', 15_000, 'edit applied and relayed');
    const created = await server.plenary.versions.autoVersions(Date.now() + 1);
    expect(created).toBeGreaterThanOrEqual(1);
    const list = await api(server.url, 'GET', `/api/reports/${id}/versions`, undefined, owner.token);
    expect(list.body.versions[0]).toMatchObject({ auto: true });
    // No new activity → no new automatic version.
    expect(await server.plenary.versions.autoVersions(Date.now() + 2)).toBe(0);
  });
});
