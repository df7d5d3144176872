/**
 * Translation assets over the HTTP API: TMX import (3 languages, inline markup, language tags,
 * per-unit errors), export and round trip, malformed and truncated files writing nothing,
 * multipart uploads, who may import; TBX (v3 and the older martif) and CSV glossaries in and out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startServer, api, signUp, createReport, type TestServer } from '../helpers/server';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

let server: TestServer;
let admin: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server.url); // the first user is admin
});
afterAll(async () => {
  await server.close();
});

async function post(path: string, body: string | FormData | Blob, token: string, contentType?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(server.url + path, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json() };
}

async function get(path: string, token: string) {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const units = (tmx: string) => [...tmx.matchAll(/<tu [^>]*>[\s\S]*?<\/tu>/g)].map((m) => m[0].replace(/ (creation|change)date="[^"]*"/g, ''));

describe('TMX', () => {
  it('imports a 3-language file: tags mapped, pairs from srclang, inline markup kept, errors with lines', async () => {
    const res = await post('/api/tm/import?name=eluna-2019.tmx', asset('three-languages.tmx'), admin.token, 'application/x-tmx+xml');
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(5);
    expect(res.body.errors).toEqual([
      { line: 19, message: 'no <tuv> in the source language "en"' },
      { line: 25, message: '"??" is not a language tag Plenary knows' },
    ]);
    // Any signed-in user sees the workspace memory, marked with its origin.
    const reader = await signUp(server.url);
    const hits = await api(server.url, 'GET', `/api/tm?${new URLSearchParams({ q: 'The first session was held on 1 June.', from: 'en', to: 'fr' })}`, undefined, reader.token);
    expect(hits.body[0]).toMatchObject({ score: 100, target: 'La **1^{re}** session s’est tenue le 1^{er} juin, _à Vienne._', origin: 'eluna-2019.tmx' });
    expect(hits.body[0].target).not.toMatch(/<|&lt;|bpt|ept/);
    const es = await api(server.url, 'GET', `/api/tm?${new URLSearchParams({ q: 'The Working Group held its first meeting in Vienna.', from: 'en', to: 'es' })}`, undefined, reader.token);
    expect(es.body[0].target).toBe('El Grupo de Trabajo celebró su primera reunión en Viena.');
    const fromFr = await api(server.url, 'GET', `/api/tm?${new URLSearchParams({ q: 'Ordre du jour provisoire', from: 'fr', to: 'en' })}`, undefined, reader.token);
    expect(fromFr.body[0].target).toBe('Provisional agenda');
  });

  it('exports TMX 1.4b with dates and creationid; import → export → import gives the same units', async () => {
    const first = await get('/api/tm/export?from=en&to=fr', admin.token);
    expect(first.status).toBe(200);
    expect(first.type).toContain('application/x-tmx+xml');
    expect(first.text).toContain('<tmx version="1.4">');
    expect(first.text).toContain('creationdate="20190315T101500Z"');
    expect(first.text).toContain('changedate="20200102T080000Z"');
    expect(first.text).toContain(`creationid="${admin.name}"`);
    expect(first.text).toContain('<bpt i="2" type="x-superscript">&lt;sup&gt;</bpt>re');
    expect(units(first.text)).toHaveLength(3);

    // Into a fresh server, and out again: the same units.
    const other = await startServer();
    try {
      const owner = await signUp(other.url);
      const again = await fetch(`${other.url}/api/tm/import?name=eluna-2019.tmx`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/xml' }, body: first.text });
      expect((await again.json()).imported).toBe(3);
      const second = await (await fetch(`${other.url}/api/tm/export?from=en&to=fr`, { headers: { authorization: `Bearer ${owner.token}` } })).text();
      expect(units(second.replaceAll(owner.name, admin.name))).toEqual(units(first.text));
      expect(second).toContain('creationdate="20190315T101500Z"');
    } finally {
      await other.close();
    }
    // Importing the same file again adds nothing.
    const repeat = await post('/api/tm/import', first.text, admin.token, 'text/xml');
    expect(repeat.status).toBe(200);
    expect(repeat.body.imported).toBe(0);
  });

  it('malformed and truncated files → 400 with the line, nothing half-imported', async () => {
    const good = (i: number) => `<tu><tuv xml:lang="en"><seg>Malformed test unit number ${i} about budgets.</seg></tuv><tuv xml:lang="fr"><seg>Unité ${i}</seg></tuv></tu>\n`;
    const head = '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/>\n<body>\n';
    const malformed = head + good(1) + good(2) + '<tu><tuv xml:lang="en"><seg>broken</tuv></tu>\n' + '</body></tmx>';
    const bad = await post('/api/tm/import', malformed, admin.token, 'application/x-tmx+xml');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_import');
    expect(bad.body.error.message).toMatch(/^line 6: /);
    const truncated = await post('/api/tm/import', head + good(3) + good(4).slice(0, 40), admin.token, 'text/xml');
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.message).toMatch(/^line \d+: /);
    const notTmx = await post('/api/tm/import', '<xliff version="1.2"/>', admin.token, 'text/xml');
    expect(notTmx.status).toBe(400);
    expect(notTmx.body.error.message).toContain('not a TMX file');
    // Entities declared in a DOCTYPE (a "billion laughs") are not expanded: the file is refused.
    const laughs = '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<tmx version="1.4"><header srclang="en"/><body>\n' + good(5).replace('budgets', '&b;') + '</body></tmx>';
    const bomb = await post('/api/tm/import', laughs, admin.token, 'text/xml');
    expect(bomb.status).toBe(400);
    expect(bomb.body.error.message).toMatch(/^line 4: /);
    const notUtf8 = await post('/api/tm/import', new Blob([Buffer.from(head), new Uint8Array([0xff, 0xfe, 0x41])]), admin.token, 'text/xml');
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.error.message).toMatch(/not UTF-8/);
    const hits = await api(server.url, 'GET', `/api/tm?${new URLSearchParams({ q: 'Malformed test unit number 1 about budgets.', from: 'en', to: 'fr', mode: 'concordance' })}`, undefined, admin.token);
    expect(hits.body).toEqual([]);
  });

  it('takes a multipart upload (the file name is the origin) and only from admins and owners', async () => {
    const tmx = '<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>Opening of the session.</seg></tuv><tuv xml:lang="ar-EG"><seg>افتتاح الدورة.</seg></tuv></tu></body></tmx>';
    const stranger = await signUp(server.url);
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([tmx], { type: 'application/x-tmx+xml' }), 'unterm-ar.tmx');
      return f;
    };
    expect((await post('/api/tm/import', form(), stranger.token)).status).toBe(403);
    await createReport(server.url, stranger.token); // now an owner
    const res = await post('/api/tm/import', form(), stranger.token);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    const hits = await api(server.url, 'GET', `/api/tm?${new URLSearchParams({ q: 'Opening of the session.', from: 'en', to: 'ar' })}`, undefined, admin.token);
    expect(hits.body[0]).toMatchObject({ target: 'افتتاح الدورة.', origin: 'unterm-ar.tmx' });
  });
});

describe('glossary interchange', () => {
  it('imports TBX v3 (conceptEntry/langSec/termSec): every term pair, notes, duplicates skipped', async () => {
    const res = await post('/api/glossary/import?from=en&to=fr', asset('tbx3.tbx'), admin.token, 'application/x-tbx+xml');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 3, skipped: 0, errors: [] });
    const list = await api(server.url, 'GET', '/api/glossary?from=en&to=fr', undefined, admin.token);
    const pairs = list.body.entries.map((e: { source: string; target: string; note: string }) => [e.source, e.target, e.note]);
    expect(pairs).toContainEqual(['working group', 'groupe de travail', 'Body established by the Conference of the Parties.']);
    expect(pairs).toContainEqual(['WG', 'groupe de travail', 'Body established by the Conference of the Parties.']);
    expect(pairs).toContainEqual(['smuggling of migrants', 'trafic illicite de migrants', '']);
    const es = await post('/api/glossary/import?from=en&to=es', asset('tbx3.tbx'), admin.token, 'text/xml');
    expect(es.body.imported).toBe(1);
  });

  it('imports the older TBX (termEntry/langSet/tig, ntig) and skips what is already there', async () => {
    const res = await post('/api/glossary/import?from=en&to=fr', asset('tbx2.tbx'), admin.token, 'text/xml');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 1, skipped: 1, errors: [] });
    const list = await api(server.url, 'GET', '/api/glossary?from=en&to=fr', undefined, admin.token);
    expect(list.body.entries.find((e: { source: string }) => e.source === 'Conference of the Parties')).toMatchObject({ target: 'Conférence des Parties', note: 'Governing body' });
  });

  it('imports CSV with a header, lists bad rows by line, exports CSV and TBX that import back', async () => {
    const csv = 'source,target,note\n"agenda item","point de l\'ordre du jour","UN usage"\n,missing source,\nworking group,groupe de travail,\n"plenary, closing",séance plénière de clôture,\n';
    const res = await post('/api/glossary/import?from=en&to=fr', csv, admin.token, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, skipped: 2, errors: [{ line: 3, message: 'a term pair needs a source and a target' }] });
    const bad = await post('/api/glossary/import?from=en&to=fr', 'source,target\n"unclosed,quote\n', admin.token, 'text/csv');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^line \d+: /);
    const header = await post('/api/glossary/import?from=en&to=fr', 'english,french\na,b\n', admin.token, 'text/csv');
    expect(header.status).toBe(400);

    const exportedCsv = await get('/api/glossary/export?from=en&to=fr&format=csv', admin.token);
    expect(exportedCsv.type).toContain('text/csv');
    expect(exportedCsv.text.split('\n')[0]).toBe('source,target,note');
    expect(exportedCsv.text).toContain('"plenary, closing",séance plénière de clôture,');
    const tbx = await get('/api/glossary/export?from=en&to=fr&format=tbx', admin.token);
    expect(tbx.text).toContain('<conceptEntry id="c1">');
    expect(tbx.text).toContain('<langSec xml:lang="fr"><termSec><term>Conférence des Parties</term></termSec></langSec>');

    // Into another pair's glossary, both files give the same entries.
    const viaTbx = await post('/api/glossary/import?from=en&to=fr', tbx.text, admin.token, 'text/xml');
    expect(viaTbx.body.imported).toBe(0);
    const count = (await api(server.url, 'GET', '/api/glossary?from=en&to=fr', undefined, admin.token)).body.entries.length;
    expect(exportedCsv.text.trim().split('\n')).toHaveLength(count + 1);
  });
});
