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
import JSZip from 'jszip';
import * as Y from 'yjs';
import { listBlocks } from '../../shared/src/model/blocks';
import { BODY_FRAGMENT, blocksToYNodes, readBody, writeBlock } from '../../shared/src/model/yBody';
import { segmentsMap } from '../../shared/src/model/translation';

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

/** The body element with this pid. */
function element(doc: Y.Doc, pid: string): Y.XmlElement {
  return doc.getXmlFragment(BODY_FRAGMENT).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('pid') === pid) as Y.XmlElement;
}

describe('paragraph references in exports', () => {
  it('write the current number in txt, md, html, docx and xliff after a paragraph is inserted above the target', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN, languages: ['fr'] });
    const en = connectClient(server.wsUrl, `${id}.en`, owner.token);
    const fr = connectClient(server.wsUrl, `${id}.fr`, owner.token);
    clients.push(en, fr);
    await Promise.all([waitSynced(en), waitSynced(fr)]);
    const blocks = listBlocks(readBody(en.doc.getXmlFragment(BODY_FRAGMENT)));
    const p2 = blocks.find((b) => b.number === 2)!.pid;
    const p3 = blocks.find((b) => b.number === 3)!.pid;
    // Paragraph 3 ends "… (see paragraph <ref to 2> above)".
    en.doc.transact(() => {
      const p = element(en.doc, p3);
      const ref = new Y.XmlElement('paragraphRef');
      ref.setAttribute('target', p2);
      const tail = new Y.XmlText();
      tail.insert(0, ' above).');
      const head = new Y.XmlText();
      head.insert(0, ' (see paragraph ');
      p.insert(p.length, [head, ref, tail]);
    });
    fr.doc.transact(() => {
      const fragment = new Y.XmlFragment();
      segmentsMap(fr.doc).set(p3, fragment);
      writeBlock(fragment, { type: 'paragraph', attrs: { pid: p3, numbered: true }, content: [{ type: 'text', text: 'Voir le paragraphe ' }, { type: 'paragraphRef', attrs: { target: p2 } }, { type: 'text', text: ' ci-dessus.' }] });
    });
    const txtBefore = await eventuallyExport(id, owner.token, 'txt', 'en', (t) => t.includes('(see paragraph 2 above).'));
    expect(txtBefore).toContain('(see paragraph 2 above).');

    // A new first paragraph: the target becomes 3, the referring paragraph 4.
    const firstIndex = en.doc.getXmlFragment(BODY_FRAGMENT).toArray().indexOf(element(en.doc, blocks.find((b) => b.number === 1)!.pid));
    en.doc.getXmlFragment(BODY_FRAGMENT).insert(firstIndex, blocksToYNodes([{ type: 'paragraph', attrs: { pid: 'newFirstPara', numbered: true }, content: [{ type: 'text', text: 'A new first paragraph.' }] }]));

    const txt = await eventuallyExport(id, owner.token, 'txt', 'en', (t) => t.includes('(see paragraph 3 above).'));
    expect(txt).toMatch(/^4\. The Working Group on the Smuggling of Migrants held its first meeting.*\(see paragraph 3 above\)\.$/m);
    const md = await exportText(id, owner.token, 'md', 'en');
    expect(md).toContain('(see paragraph 3 above).');
    const html = await exportText(id, owner.token, 'html', 'en');
    expect(html).toContain('(see paragraph 3 above).');
    const frTxt = await exportText(id, owner.token, 'txt', 'fr');
    expect(frTxt).toMatch(/^4\. Voir le paragraphe 3 ci-dessus\.$/m);
    const xliff = await exportText(id, owner.token, 'xliff', 'fr');
    expect(xliff).toContain('Voir le paragraphe 3 ci-dessus.');
    expect(xliff).toContain('(see paragraph 3 above).');
    const docx = await fetch(`${server.url}/api/reports/${id}/export?format=docx&lang=fr`, { headers: { authorization: `Bearer ${owner.token}` } });
    const xml = await (await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()))).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Voir le paragraphe 3 ci-dessus.');
  });
});

async function exportText(id: string, token: string, format: string, lang: string): Promise<string> {
  const res = await fetch(`${server.url}/api/reports/${id}/export?format=${format}&lang=${lang}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

async function eventuallyExport(id: string, token: string, format: string, lang: string, ok: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await exportText(id, token, format, lang);
    if (ok(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('frozen numbering and brackets over the API', () => {
  it('freezes (owner only), prints bis and [deleted], unfreezes; exports with or without brackets', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: SAMPLE_EN, languages: ['fr'] });
    const en = connectClient(server.wsUrl, `${id}.en`, owner.token);
    clients.push(en);
    await waitSynced(en);
    expect((await api(server.url, 'PUT', `/api/reports/${id}/settings`, { frozen: true }, owner.token)).body.frozen).toBe(true);
    await waitFor(() => readSettings(en.doc.getMap(SETTINGS_MAP)).frozen, 10_000, 'freeze relayed');
    const blocks = listBlocks(readBody(en.doc.getXmlFragment(BODY_FRAGMENT)));
    const body = en.doc.getXmlFragment(BODY_FRAGMENT);
    const p1 = element(en.doc, blocks.find((b) => b.number === 1)!.pid);
    en.doc.transact(() => {
      body.insert(body.toArray().indexOf(p1) + 1, blocksToYNodes([{ type: 'paragraph', attrs: { pid: 'insertedWhileFrozen', numbered: true }, content: [{ type: 'text', text: 'The Conference [strongly] urges States.' }] }]));
      body.delete(body.toArray().indexOf(element(en.doc, blocks.find((b) => b.number === 2)!.pid)), 1);
    });
    const txt = await eventuallyExport(id, owner.token, 'txt', 'en', (t) => t.includes('1 bis.'));
    expect(txt).toMatch(/^1 bis\. The Conference \[strongly\] urges States\.$/m);
    expect(txt).toMatch(/^2\. \[deleted\]$/m);
    expect(txt).toMatch(/^3\. The Working Group on the Smuggling/m);
    const stripped = await exportText(id, owner.token, 'txt&brackets=strip', 'en');
    expect(stripped).toContain('The Conference strongly urges States.');
    const dropped = await exportText(id, owner.token, 'txt&brackets=drop', 'en');
    expect(dropped).toContain('The Conference urges States.');
    expect((await api(server.url, 'GET', `/api/reports/${id}/export?format=txt&brackets=maybe`, undefined, owner.token)).status).toBe(400);

    expect((await api(server.url, 'PUT', `/api/reports/${id}/settings`, { frozen: false }, owner.token)).body.frozen).toBe(false);
    const after = await eventuallyExport(id, owner.token, 'txt', 'en', (t) => /^2\. The Conference/m.test(t));
    expect(after).toMatch(/^2\. The Conference \[strongly\] urges States\.$/m);
    expect(after).not.toContain('[deleted]');
  });
});
