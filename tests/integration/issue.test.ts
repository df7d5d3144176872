/**
 * Revisions and corrigenda from a version of the sample (POST /api/reports/:id/issue): the
 * corrigendum lists, per language, the paragraphs changed since the version in UN form and
 * applies to the languages whose text changed; a revision carries every language and status
 * under `<symbol>/Rev.1`; both reports link to each other; bad requests are 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, eventually, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { listBlocks } from '../../shared/src/model/blocks';
import { BODY_FRAGMENT, readBody, writeBlock } from '../../shared/src/model/yBody';
import { segmentsMap, statusMap } from '../../shared/src/model/translation';
import { readIssueLinks, SETTINGS_MAP } from '../../shared/src/model/settings';
import { sourceHash } from '../../shared/src/hash';

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

function paragraphText(doc: Y.Doc, number: number): Y.XmlText {
  const pid = listBlocks(readBody(doc.getXmlFragment(BODY_FRAGMENT))).find((b) => b.number === number)!.pid;
  const element = doc.getXmlFragment(BODY_FRAGMENT).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('pid') === pid) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

describe('issuing revisions and corrigenda', () => {
  it('a corrigendum from a version diff of the sample, and a revision carrying every language', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN, symbol: 'CTOC/COP/2012/1', languages: ['fr', 'es'] });
    const en = connectClient(server.wsUrl, `${id}.en`, owner.token);
    const fr = connectClient(server.wsUrl, `${id}.fr`, owner.token);
    clients.push(en, fr);
    await Promise.all([waitSynced(en), waitSynced(fr)]);
    const p2 = listBlocks(readBody(en.doc.getXmlFragment(BODY_FRAGMENT))).find((b) => b.number === 2)!;
    fr.doc.transact(() => {
      const fragment = new Y.XmlFragment();
      segmentsMap(fr.doc).set(p2.pid, fragment);
      writeBlock(fragment, { type: 'paragraph', attrs: { pid: p2.pid, numbered: true }, content: [{ type: 'text', text: 'La Conférence a décidé. Le groupe tiendrait des consultations.' }] });
      statusMap(fr.doc).set(p2.pid, { state: 'translated', sourceHash: sourceHash(p2.text), sourceText: p2.text, by: owner.name, at: Date.now() });
    });
    await eventually(() => api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token), (res) => res.body?.progress?.fr?.translated === 1);
    const v1 = await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: 'Issued' }, owner.token);
    expect(v1.status).toBe(201);

    // After issuance: a date corrected in paragraph 3's first sentence (English only).
    const p3 = paragraphText(en.doc, 3);
    const at = p3.toString().indexOf('1 June 2012');
    en.doc.transact(() => {
      p3.delete(at, '1 June 2012'.length);
      p3.insert(at, '2 June 2012');
    });
    // And the French second sentence of paragraph 2.
    const frText = (segmentsMap(fr.doc).get(p2.pid)!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    frText.insert(frText.toString().indexOf('consultations'), 'larges ');
    // Both edits have reached the server.
    for (const lang of ['en', 'fr']) {
      await eventually(() => api(server.url, 'GET', `/api/reports/${id}/versions/${v1.body.id}/diff?lang=${lang}`, undefined, owner.token), (res) => res.body?.changes?.length === 1);
    }

    const corr = await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'corr', fromVersion: v1.body.id }, owner.token);
    expect(corr.status).toBe(201);
    expect(corr.body).toMatchObject({ symbol: 'CTOC/COP/2012/1/Corr.1', appliesTo: ['en', 'fr'] });
    const txt = await api(server.url, 'GET', `/api/reports/${corr.body.id}/export?format=txt`, undefined, owner.token);
    expect(txt.body).toContain('CTOC/COP/2012/1/Corr.1');
    expect(txt.body).toContain('Applies to: English, French');
    expect(txt.body).toContain('Paragraph 3, first sentence — For “The Working Group on the Smuggling of Migrants held its first meeting from 30 May to 1 June 2012.” read “The Working Group on the Smuggling of Migrants held its first meeting from 30 May to 2 June 2012.”');
    expect(txt.body).toContain('Paragraphe 2, deuxième phrase — Au lieu de « Le groupe tiendrait des consultations. » lire « Le groupe tiendrait des larges consultations. »');
    expect(txt.body).not.toMatch(/Spanish|Párrafo/);

    const rev = await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'rev', fromVersion: v1.body.id }, owner.token);
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ symbol: 'CTOC/COP/2012/1/Rev.1', appliesTo: ['en', 'fr', 'es'] });
    const detail = await api(server.url, 'GET', `/api/reports/${rev.body.id}`, undefined, owner.token);
    expect(detail.body.meta.symbol).toBe('CTOC/COP/2012/1/Rev.1');
    expect(detail.body.languages).toEqual(['fr', 'es']);
    // The revision holds the text as it was at the version (1 June), with the French status carried.
    const revTxt = await api(server.url, 'GET', `/api/reports/${rev.body.id}/export?format=txt`, undefined, owner.token);
    expect(revTxt.body).toContain('from 30 May to 1 June 2012. In accordance');
    expect(detail.body.progress.fr).toMatchObject({ translated: 1 });
    const revFr = await api(server.url, 'GET', `/api/reports/${rev.body.id}/export?format=txt&lang=fr`, undefined, owner.token);
    expect(revFr.body).toContain('La Conférence a décidé. Le groupe tiendrait des consultations.');

    // Linked both ways, and each history says so.
    await waitFor(() => readIssueLinks(en.doc.getMap(SETTINGS_MAP)).issued.length === 2, 10_000, 'links relayed');
    expect(readIssueLinks(en.doc.getMap(SETTINGS_MAP)).issued.map((l) => l.symbol)).toEqual(['CTOC/COP/2012/1/Corr.1', 'CTOC/COP/2012/1/Rev.1']);
    const revRoom = connectClient(server.wsUrl, `${rev.body.id}.en`, owner.token);
    clients.push(revRoom);
    await waitSynced(revRoom);
    expect(readIssueLinks(revRoom.doc.getMap(SETTINGS_MAP)).issuedFrom).toMatchObject({ id, symbol: 'CTOC/COP/2012/1', kind: 'rev', fromVersion: v1.body.id });
    const versions = await api(server.url, 'GET', `/api/reports/${rev.body.id}/versions`, undefined, owner.token);
    expect(versions.body.versions[0].label).toBe(`Issued from CTOC/COP/2012/1, version ${v1.body.id}`);

    // A second revision of the same report is Rev.2.
    const rev2 = await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'rev', fromVersion: v1.body.id }, owner.token);
    expect(rev2.body.symbol).toBe('CTOC/COP/2012/1/Rev.2');
  });

  it('refuses what it cannot issue, with a clear 4xx', async () => {
    const owner = await signUp(server.url);
    const other = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN, symbol: 'CTOC/COP/2012/1', languages: ['fr'] });
    await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: other.name, role: 'reviewer' }, owner.token);
    const v = await api(server.url, 'POST', `/api/reports/${id}/versions`, { label: 'v' }, owner.token);
    expect((await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'corr', fromVersion: v.body.id }, owner.token)).body.error.message).toMatch(/nothing to correct/);
    expect((await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'rev', fromVersion: 999 }, owner.token)).status).toBe(404);
    expect((await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'add', fromVersion: v.body.id }, owner.token)).status).toBe(400);
    expect((await api(server.url, 'POST', `/api/reports/${id}/issue`, { kind: 'rev', fromVersion: v.body.id }, other.token)).status).toBe(403);
    const bare = await createReport(server.url, owner.token, { text: SAMPLE_EN });
    const bv = await api(server.url, 'POST', `/api/reports/${bare.id}/versions`, { label: 'v' }, owner.token);
    const noSymbol = await api(server.url, 'POST', `/api/reports/${bare.id}/issue`, { kind: 'rev', fromVersion: bv.body.id }, owner.token);
    expect(noSymbol.status).toBe(400);
    expect(noSymbol.body.error.message).toMatch(/needs a document symbol/);
  });
});
