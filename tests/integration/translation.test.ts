/**
 * The translation workspace over the API and real sockets: importing the French sample into
 * the English sample's report and exporting it back, XLIFF round trips, bilingual exports,
 * staleness after a source edit, translation memory and glossary, and who may import.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import * as Y from 'yjs';
import { startServer, api, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, eventually, waitSynced, type TestClient } from '../helpers/yclient';
import { confirmSegment } from '../helpers/segments';

const sample = (lang: string) => readFileSync(new URL(`../../server/samples/ctoc-cop-2012-wg-report.${lang}.txt`, import.meta.url), 'utf8');
const SAMPLE_EN = sample('en');
const SAMPLE_FR = sample('fr');
const nonEmptyLines = (s: string) => s.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');

/** Paragraph 2 of the English sample, as the TM stores it. */
const EN_P2 = SAMPLE_EN.split('\n').find((l) => l.startsWith('2. '))!.slice(3);
const FR_P2 = SAMPLE_FR.split('\n').find((l) => l.startsWith('2. '))!.slice(3);

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.close();
});

async function upload(path: string, body: string | Buffer, token: string, contentType = 'text/plain; charset=utf-8') {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await fetch(server.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: payload });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

async function download(path: string, token: string) {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

async function englishReportWithFrench(languages = ['fr']) {
  const owner = await signUp(server.url);
  const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages });
  const imported = await upload(`/api/reports/${id}/import?lang=fr`, SAMPLE_FR, owner.token);
  expect(imported.status).toBe(200);
  return { owner, id, imported: imported.body };
}

const member = (id: string, owner: string, name: string, role: string, language?: string) =>
  api(server.url, 'PUT', `/api/reports/${id}/members`, { name, role, ...(language ? { language } : {}) }, owner);

describe('import and export of a translation', () => {
  it('imports the French sample into the English report; exporting fr as txt gives the French sample back', async () => {
    const { owner, id, imported } = await englishReportWithFrench();
    expect(imported).toMatchObject({ format: 'txt', imported: 5, unmatched: [], missing: 0 });
    const txt = await api(server.url, 'GET', `/api/reports/${id}/export?lang=fr&format=txt`, undefined, owner.token);
    expect(txt.status).toBe(200);
    expect(nonEmptyLines(txt.body)).toEqual(nonEmptyLines(SAMPLE_FR));
    const detail = await api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token);
    expect(detail.body.progress.fr).toEqual({ total: 5, untranslated: 0, draft: 0, translated: 5, reviewed: 0, stale: 0 });
    // The English original is untouched.
    const en = await api(server.url, 'GET', `/api/reports/${id}/export?format=txt`, undefined, owner.token);
    expect(nonEmptyLines(en.body)).toEqual(nonEmptyLines(SAMPLE_EN));
  });

  it('reports what found no source block, with its line', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages: ['fr'] });
    const extra = SAMPLE_FR.replace('\n* CTOC', '\n4. Un paragraphe de plus.\n\n* CTOC');
    const line = extra.split('\n').indexOf('4. Un paragraphe de plus.') + 1;
    const imported = await upload(`/api/reports/${id}/import?lang=fr`, extra, owner.token);
    expect(imported.body).toMatchObject({ imported: 5, unmatched: [{ line, text: 'Un paragraphe de plus.' }], missing: 0 });
    const again = await upload(`/api/reports/${id}/import?lang=fr`, SAMPLE_FR, owner.token);
    expect(again.body).toMatchObject({ imported: 0, unchanged: 5, unmatched: [] });
  });

  it('marks untranslated rows in a translation export, and a re-import skips them', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages: ['es'] });
    const txt = await api(server.url, 'GET', `/api/reports/${id}/export?lang=es&format=txt`, undefined, owner.token);
    expect(txt.body).toContain('1. [EN] In its resolution 5/3');
    const again = await upload(`/api/reports/${id}/import?lang=es`, txt.body, owner.token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, skipped: 5, unmatched: [] });
  });

  it('round-trips through XLIFF 1.2 and 2.0', async () => {
    const { owner, id } = await englishReportWithFrench(['fr', 'es', 'ru']);
    for (const [version, lang] of [['1', 'es'], ['2', 'ru']] as const) {
      const xlf = await download(`/api/reports/${id}/export?lang=fr&format=xliff&version=${version}`, owner.token);
      expect(xlf.status).toBe(200);
      const xml = xlf.bytes.toString('utf8');
      expect(xml).toContain(version === '1' ? 'version="1.2"' : 'version="2.0"');
      expect(xml).toContain('In its resolution 5/3');
      expect(xml).toContain('Dans sa résolution 5/3');
      // Another CAT tool would hand the same units back for another language.
      const retargeted = version === '1' ? xml.replace('target-language="fr"', `target-language="${lang}"`) : xml.replace('trgLang="fr"', `trgLang="${lang}"`);
      const back = await upload(`/api/reports/${id}/import?lang=${lang}`, retargeted, owner.token, 'application/xliff+xml');
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ format: 'xliff', imported: 5, unmatched: [], missing: 0 });
      const txt = await api(server.url, 'GET', `/api/reports/${id}/export?lang=${lang}&format=txt`, undefined, owner.token);
      expect(nonEmptyLines(txt.body)).toEqual(nonEmptyLines(SAMPLE_FR));
    }
    const wrongLanguage = await download(`/api/reports/${id}/export?lang=fr&format=xliff`, owner.token);
    const refused = await upload(`/api/reports/${id}/import?lang=es`, wrongLanguage.bytes, owner.token, 'application/xml');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/"fr", not "es"/);
  });

  it('imports a .docx translation (our own fr export, into es)', async () => {
    const { owner, id } = await englishReportWithFrench(['fr', 'es']);
    const docx = await download(`/api/reports/${id}/export?lang=fr&format=docx`, owner.token);
    const imported = await upload(`/api/reports/${id}/import?lang=es`, docx.bytes, owner.token, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ format: 'docx', imported: 5, unmatched: [], missing: 0 });
    const txt = await api(server.url, 'GET', `/api/reports/${id}/export?lang=es&format=txt`, undefined, owner.token);
    expect(nonEmptyLines(txt.body)).toEqual(nonEmptyLines(SAMPLE_FR));
    const notDocx = await upload(`/api/reports/${id}/import?lang=es`, Buffer.from('PK\u0003\u0004 not a zip'), owner.token, 'application/octet-stream');
    expect(notDocx.status).toBe(400);
  });

  it('exports side by side: bilingual html and docx hold both languages', async () => {
    const { owner, id } = await englishReportWithFrench();
    const html = await api(server.url, 'GET', `/api/reports/${id}/export?lang=fr&format=html&bilingual=1`, undefined, owner.token);
    expect(html.status).toBe(200);
    expect(html.body).toContain('<table class="bilingual">');
    expect(html.body).toContain('In its resolution 5/3');
    expect(html.body).toContain('Dans sa résolution 5/3');
    expect(html.body).toMatch(/<td class="num">2\.<\/td><td class="source" lang="en"[^>]*>The Conference also decided/);
    const docx = await download(`/api/reports/${id}/export?lang=fr&format=docx&bilingual=1`, owner.token);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer: docx.bytes });
    expect(value).toContain('The Conference also decided');
    expect(value).toContain('La Conférence a également décidé');
    const txt = await api(server.url, 'GET', `/api/reports/${id}/export?lang=fr&format=txt&bilingual=1`, undefined, owner.token);
    expect(txt.status).toBe(400);
    const original = await api(server.url, 'GET', `/api/reports/${id}/export?format=xliff`, undefined, owner.token);
    expect(original.status).toBe(400);
  });

  it('exports a translation as docx, md and html in its language', async () => {
    const { owner, id } = await englishReportWithFrench(['fr']);
    const html = await api(server.url, 'GET', `/api/reports/${id}/export?lang=fr&format=html`, undefined, owner.token);
    expect(html.body).toMatch(/<html[^>]*lang="fr"/);
    expect(html.body).toContain('Note du Secrétariat');
    const md = await api(server.url, 'GET', `/api/reports/${id}/export?lang=fr&format=md`, undefined, owner.token);
    expect(md.body).toContain('La Conférence a également décidé');
    const docx = await download(`/api/reports/${id}/export?lang=fr&format=docx`, owner.token);
    const { value } = await mammoth.extractRawText({ buffer: docx.bytes });
    expect(value).toContain('Examen de l');
  });
});

describe('who may import', () => {
  it('owner and translators of the language may; reviewers 403, translators of another language 403, outsiders 404', async () => {
    const owner = await signUp(server.url);
    const reviewer = await signUp(server.url);
    const arabic = await signUp(server.url);
    const french = await signUp(server.url);
    const outsider = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages: ['fr', 'ar'] });
    await member(id, owner.token, reviewer.name, 'reviewer');
    await member(id, owner.token, arabic.name, 'translator', 'ar');
    await member(id, owner.token, french.name, 'translator', 'fr');
    const path = `/api/reports/${id}/import?lang=fr`;
    expect((await upload(path, SAMPLE_FR, reviewer.token)).status).toBe(403);
    expect((await upload(path, SAMPLE_FR, arabic.token)).status).toBe(403);
    expect((await upload(path, SAMPLE_FR, outsider.token)).status).toBe(404);
    expect((await upload(path, SAMPLE_FR, 'not-a-token')).status).toBe(401);
    const ok = await upload(path, SAMPLE_FR, french.token);
    expect(ok.status).toBe(200);
    const detail = await api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token);
    expect(detail.body.progress.fr.translated).toBe(5);
    expect((await upload(`/api/reports/${id}/import?lang=de`, SAMPLE_FR, owner.token)).status).toBe(400);
  });

  it('refuses malformed files with the line at fault', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN });
    const xliff = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
      '<file original="x" source-language="en" target-language="fr" datatype="plaintext">',
      '<body>',
      '<trans-unit id="p1"><source>One</source><target>Un</targt></trans-unit>',
      '</body></file></xliff>',
    ].join('\n');
    const bad = await upload(`/api/reports/${id}/import?lang=fr`, xliff, owner.token, 'application/xml');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_import');
    expect(bad.body.error.message).toMatch(/^line 5: /);
    expect(bad.body.error.details).toEqual({ line: 5 });
    const text = await upload(`/api/reports/${id}/import?lang=fr`, '1. Un\n\n3. Trois\n', owner.token);
    expect(text.status).toBe(400);
    expect(text.body.error.message).toMatch(/line 3/);
    const binary = await upload(`/api/reports/${id}/import?lang=fr`, Buffer.from([0x31, 0x2e, 0x20, 0xff, 0xfe, 0x0a]), owner.token, 'application/octet-stream');
    expect(binary.status).toBe(400);
    expect((await upload(`/api/reports/${id}/import?lang=fr`, '', owner.token)).status).toBe(400);
  });
});

describe('progress and staleness', () => {
  it('a source edit over y-websocket makes exactly that row stale', async () => {
    const { owner, id } = await englishReportWithFrench();
    const client = connectClient(server.wsUrl, `${id}.en`, owner.token);
    clients.push(client);
    await waitSynced(client);
    const body = client.doc.getXmlFragment('body');
    const numbered = body.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('numbered') === (true as never));
    const second = numbered[1];
    const pid = second.getAttribute('pid') as string;
    const text = second.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText)!;
    text.insert(text.length, ' It met twice.');

    const progress = await eventually(
      async () => (await api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token)).body.progress.fr,
      (p) => p.stale > 0,
    );
    expect(progress).toEqual({ total: 5, untranslated: 0, draft: 0, translated: 5, reviewed: 0, stale: 1 });
    // Which row: the XLIFF export flags it (1.2 state needs-review-translation).
    const xlf = (await download(`/api/reports/${id}/export?lang=fr&format=xliff`, owner.token)).bytes.toString('utf8');
    const flagged = [...xlf.matchAll(/<trans-unit id="([^"]+)"[^>]*>\s*<source>[^<]*<\/source>\s*<target state="needs-review-translation"/g)].map((m) => m[1]);
    expect(flagged).toEqual([pid]);
  });
});

describe('translation memory', () => {
  it('finds exact (100) and fuzzy (60–99) matches after an import, only in reports the caller can see', async () => {
    const { owner, id } = await englishReportWithFrench();
    const exact = await api(server.url, 'GET', `/api/tm?q=${encodeURIComponent(EN_P2)}&from=en&to=fr`, undefined, owner.token);
    expect(exact.status).toBe(200);
    expect(exact.body[0]).toMatchObject({ score: 100, target: FR_P2, reportId: id });
    const edited = EN_P2.replace('also decided', 'further decided').replace('experiences and practices', 'practices');
    const fuzzy = await api(server.url, 'GET', `/api/tm?q=${encodeURIComponent(edited)}&from=en&to=fr`, undefined, owner.token);
    expect(fuzzy.body[0].target).toBe(FR_P2);
    expect(fuzzy.body[0].score).toBeLessThan(100);
    expect(fuzzy.body[0].score).toBeGreaterThanOrEqual(60);
    const concordance = await api(server.url, 'GET', `/api/tm?q=${encodeURIComponent('interim intergovernmental')}&from=en&to=fr&mode=concordance`, undefined, owner.token);
    expect(concordance.body.map((m: { target: string }) => m.target)).toContain(FR_P2);

    const outsider = await signUp(server.url);
    const hidden = await api(server.url, 'GET', `/api/tm?q=${encodeURIComponent(EN_P2)}&from=en&to=fr`, undefined, outsider.token);
    expect(hidden.body.filter((m: { reportId: string }) => m.reportId === id)).toEqual([]);
    await member(id, owner.token, outsider.name, 'viewer');
    const visible = await api(server.url, 'GET', `/api/tm?q=${encodeURIComponent(EN_P2)}&from=en&to=fr`, undefined, outsider.token);
    expect(visible.body[0]).toMatchObject({ score: 100, reportId: id });
    expect((await api(server.url, 'GET', '/api/tm?q=&from=en&to=fr', undefined, owner.token)).status).toBe(400);
    expect((await api(server.url, 'GET', `/api/tm?q=x&from=en&to=fr`)).status).toBe(401);
  });

  it('indexes a row a translator confirms over y-websocket', async () => {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { title: '', text: SAMPLE_EN, languages: ['es'] });
    const source = await api(server.url, 'GET', `/api/reports/${id}/export?format=xliff&lang=es`, undefined, owner.token);
    const pid = /<trans-unit id="(p[^"]+)"[^>]*>\s*<source>The Conference also decided/.exec(source.body)![1];
    const client = connectClient(server.wsUrl, `${id}.es`, owner.token);
    clients.push(client);
    await waitSynced(client);
    const target = 'La Conferencia decidió también que el grupo de trabajo celebraría consultas.';
    confirmSegment(client.doc, pid, target, EN_P2, owner.name);
    const found = await eventually(
      async () => (await api(server.url, 'GET', `/api/tm?q=${encodeURIComponent(EN_P2)}&from=en&to=es`, undefined, owner.token)).body,
      (matches) => matches.length > 0,
    );
    expect(found[0]).toMatchObject({ score: 100, target, reportId: id, pid });
  });
});

describe('glossary', () => {
  it('adds, lists, refuses duplicates and bad input, and removes', async () => {
    const writer = await signUp(server.url);
    await createReport(server.url, writer.token);
    const add = await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'fr', source: 'Migrants Protocol', target: 'Protocole relatif aux migrants', note: 'UNTOC' }, writer.token);
    expect(add.status).toBe(201);
    expect(add.body.entry).toMatchObject({ from: 'en', to: 'fr', source: 'Migrants Protocol', target: 'Protocole relatif aux migrants', note: 'UNTOC' });
    const reader = await signUp(server.url);
    const list = await api(server.url, 'GET', '/api/glossary?from=en&to=fr', undefined, reader.token);
    expect(list.status).toBe(200);
    expect(list.body.entries.map((e: { id: string }) => e.id)).toContain(add.body.entry.id);
    expect((await api(server.url, 'GET', '/api/glossary?from=en&to=es', undefined, reader.token)).body.entries.map((e: { id: string }) => e.id)).not.toContain(add.body.entry.id);

    const duplicate = await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'fr', source: ' migrants  protocol', target: 'protocole relatif aux migrants' }, writer.token);
    expect(duplicate.status).toBe(409);
    const same = await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'en', source: 'a', target: 'b' }, writer.token);
    expect(same.status).toBe(400);
    expect(same.body.error.message).toMatch(/differ/);
    const empty = await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'fr', source: '  ', target: 'b' }, writer.token);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/source/);
    expect((await api(server.url, 'POST', '/api/glossary', { from: 'English', to: 'fr', source: 'a', target: 'b' }, writer.token)).status).toBe(400);
    expect((await api(server.url, 'GET', '/api/glossary?from=en', undefined, reader.token)).status).toBe(400);

    // A user who writes nowhere (no report, or only reviewing) may read, not add.
    const refused = await api(server.url, 'POST', '/api/glossary', { from: 'en', to: 'fr', source: 'a', target: 'b' }, reader.token);
    expect(refused.status).toBe(403);
    expect((await api(server.url, 'GET', '/api/glossary?from=en&to=fr')).status).toBe(401);

    expect((await api(server.url, 'DELETE', `/api/glossary/${add.body.entry.id}`, undefined, reader.token)).status).toBe(403);
    expect((await api(server.url, 'DELETE', `/api/glossary/${add.body.entry.id}`, undefined, writer.token)).status).toBe(204);
    expect((await api(server.url, 'DELETE', `/api/glossary/${add.body.entry.id}`, undefined, writer.token)).status).toBe(404);
  });
});
