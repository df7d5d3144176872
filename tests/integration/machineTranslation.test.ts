/**
 * Machine translation and pre-translation over the HTTP API, with real engines: Apertium run
 * locally (en→es), and an HTTP provider — a small server in the test speaking LibreTranslate's
 * `/languages` and `/translate`. Pre-translation fills untranslated rows from the memory, then
 * from MT, as drafts with their origin, on SQLite and (with DATABASE_URL) PostgreSQL;
 * confirming a row fills its repetitions as drafts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, api, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, eventually, waitSynced } from '../helpers/yclient';
import { confirmSegment } from '../helpers/segments';
import { execFileSync } from 'node:child_process';
import { ApertiumProvider, apertiumModes } from '../../server/src/mt/apertium';
import { isSegmentStatus, statusMap, fragmentText, segmentsMap, type SegmentStatus } from '../../shared/src/model/translation';
import { listBlocks } from '../../shared/src/model/blocks';
import { BODY_FRAGMENT, readBody } from '../../shared/src/model/yBody';
import { createScratchDatabase, postgresUrlFromEnv } from '../contract/storage.contract';

const modes = await apertiumModes();
const hasEngEs = !!modes?.has('en-es');
if (!hasEngEs) console.warn('Apertium with the eng-spa pair is not installed here (apt-get install apertium apertium-eng-spa): its tests are skipped.');

/** A LibreTranslate stand-in: translates by upper-casing words outside tags; `slow` never answers in time. */
function fakeLibreTranslate(): Promise<{ url: string; requests: unknown[]; close(): Promise<void> }> {
  const requests: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.url === '/languages') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify([{ code: 'en', name: 'English', targets: ['fr', 'es'] }, { code: 'fr', name: 'French', targets: ['en'] }]));
        return;
      }
      if (req.url === '/translate' && req.method === 'POST') {
        const input = JSON.parse(body) as { q: string; source: string; target: string; format: string };
        requests.push(input);
        if (input.q.includes('slow')) return; // never answers: the client's timeout must fire
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ translatedText: `[${input.target}] ${input.q.replace(/(^|>)([^<]*)/g, (_m, a: string, t: string) => a + t.toUpperCase())}` }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      }),
    ),
  );
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

describe.skipIf(!hasEngEs)('Apertium (local, en→es)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startServer({}, { PLENARY_MT: 'apertium' });
    token = (await signUp(server.url)).token;
  });
  afterAll(() => server.close());

  it('translates with inline formatting kept, lists pairs, refuses other pairs with the list', async () => {
    const res = await api(server.url, 'GET', `/api/mt${q({ q: 'The **first** session was held in Vienna.', from: 'en', to: 'es' })}`, undefined, token);
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe('apertium');
    expect(res.body.text).toContain('**primera**');
    expect(res.body.text).toMatch(/sesión/);
    expect(res.body.text).not.toMatch(/[<>*]{3}|<b>/);
    const pairs = await api(server.url, 'GET', '/api/mt/pairs', undefined, token);
    expect(pairs.body.provider).toBe('apertium');
    expect(pairs.body.pairs).toContainEqual({ from: 'en', to: 'es' });
    const ru = await api(server.url, 'GET', `/api/mt${q({ q: 'Hello', from: 'en', to: 'ru' })}`, undefined, token);
    expect(ru.status).toBe(422);
    expect(ru.body.error.message).toContain('en-es');
    const long = await api(server.url, 'GET', `/api/mt${q({ q: 'word '.repeat(2000), from: 'en', to: 'es' })}`, undefined, token);
    expect(long.status).toBe(413);
    expect((await api(server.url, 'GET', `/api/mt${q({ q: 'x', from: 'en', to: 'es' })}`)).status).toBe(401);
  });

  it('kills the whole pipeline at the timeout', async () => {
    const provider = new ApertiumProvider(modes!, 30);
    await expect(provider.translate('The Conference of the Parties welcomed the outcome of the consultations. '.repeat(20), 'en', 'es')).rejects.toMatchObject({ kind: 'timeout' });
    // Nothing of it is left running: the apertium script (whose arguments name our temporary
    // input) and its pipeline were killed as one process group.
    const running = () => execFileSync('ps', ['-eo', 'args=']).toString().split('\n').filter((l) => l.includes('plenary-mt-')).length;
    await new Promise((resolve) => setTimeout(resolve, 200)); // SIGKILL is immediate; a survivor would still be translating
    expect(running()).toBe(0);
  });

  it('keeps the event loop free while Apertium works', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const res = await api(server.url, 'GET', `/api/mt${q({ q: 'The Conference of the Parties welcomed the outcome of the consultations.', from: 'en', to: 'es' })}`, undefined, token);
    clearInterval(timer);
    expect(res.status).toBe(200);
    // The timer kept running while the child process translated.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((Date.now() - started) / 10 / 3));
  });
});

describe('an HTTP provider (LibreTranslate API)', () => {
  let fake: Awaited<ReturnType<typeof fakeLibreTranslate>>;
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    fake = await fakeLibreTranslate();
    server = await startServer({}, { PLENARY_MT: 'libretranslate', PLENARY_MT_URL: fake.url, PLENARY_MT_TIMEOUT_MS: '500' });
    token = (await signUp(server.url)).token;
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  it('sends HTML, reads the answer back into markup, lists pairs, times out', async () => {
    const res = await api(server.url, 'GET', `/api/mt${q({ q: 'the 1^{st} **meeting**', from: 'en', to: 'fr' })}`, undefined, token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ text: '[fr] THE 1^{ST} **MEETING**', provider: 'libretranslate' });
    expect(fake.requests.at(-1)).toEqual({ q: 'the 1<sup>st</sup> <b>meeting</b>', source: 'en', target: 'fr', format: 'html' });
    const pairs = await api(server.url, 'GET', '/api/mt/pairs', undefined, token);
    expect(pairs.body.pairs).toEqual([{ from: 'en', to: 'fr' }, { from: 'en', to: 'es' }, { from: 'fr', to: 'en' }]);
    expect((await api(server.url, 'GET', `/api/mt${q({ q: 'x', from: 'fr', to: 'es' })}`, undefined, token)).status).toBe(422);
    const slow = await api(server.url, 'GET', `/api/mt${q({ q: 'a slow one', from: 'en', to: 'fr' })}`, undefined, token);
    expect(slow.status).toBe(502);
    expect(slow.body.error.message).toMatch(/longer than 500 ms/);
  });
});

/** An Apertium APy stand-in: ISO 639-3 pair names, form-encoded POST /translate. */
function fakeApy(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/listPairs') {
        res.end(JSON.stringify({ responseData: [{ sourceLanguage: 'eng', targetLanguage: 'spa' }, { sourceLanguage: 'spa', targetLanguage: 'eng' }], responseStatus: 200 }));
        return;
      }
      const form = new URLSearchParams(body);
      if (req.url === '/translate' && form.get('langpair') === 'eng|spa' && form.get('format') === 'html') {
        res.end(JSON.stringify({ responseData: { translatedText: `ES:${form.get('q')}` }, responseStatus: 200 }));
        return;
      }
      res.statusCode = 400;
      res.end(JSON.stringify({ message: `bad request ${req.url} ${body}` }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}

describe('an HTTP provider (Apertium APy API)', () => {
  it('maps its ISO 639-3 pairs and sends the langpair it names', async () => {
    const fake = await fakeApy();
    const server = await startServer({}, { PLENARY_MT: 'apy', PLENARY_MT_URL: fake.url });
    try {
      const token = (await signUp(server.url)).token;
      const pairs = await api(server.url, 'GET', '/api/mt/pairs', undefined, token);
      expect(pairs.body).toEqual({ provider: 'apy', pairs: [{ from: 'en', to: 'es' }, { from: 'es', to: 'en' }] });
      const res = await api(server.url, 'GET', `/api/mt${q({ q: 'the **report**', from: 'en', to: 'es' })}`, undefined, token);
      expect(res.body).toEqual({ text: 'ES:the **report**', provider: 'apy' });
      expect((await api(server.url, 'GET', `/api/mt${q({ q: 'x', from: 'en', to: 'fr' })}`, undefined, token)).status).toBe(422);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

const REPORT = [
  '1. The Working Group held its first meeting in Vienna.',
  '2. The Conference of the Parties welcomed the outcome.',
  '3. Adoption of the report.',
  '4. The Conference of the Parties welcomed the outcome.',
].join('\n\n');

const TMX = `<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>The Working Group held its first meeting in Vienna.</seg></tuv><tuv xml:lang="fr"><seg>Le Groupe de travail a tenu sa 1<bpt i="1">&lt;sup&gt;</bpt>re<ept i="1">&lt;/sup&gt;</ept> réunion à Vienne.</seg></tuv></tu>
</body></tmx>`;

const stores: [string, () => Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }>][] = [['sqlite', async () => ({ env: {}, drop: async () => {} })]];
const adminUrl = postgresUrlFromEnv();
if (adminUrl) stores.push(['postgres', async () => {
  const db = await createScratchDatabase(adminUrl);
  return { env: { DATABASE_URL: db.url }, drop: db.drop };
}]);

describe.each(stores)('pre-translation and repetitions on %s', (_name, makeStore) => {
  let fake: Awaited<ReturnType<typeof fakeLibreTranslate>>;
  let server: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    fake = await fakeLibreTranslate();
    const store = await makeStore();
    drop = store.drop;
    server = await startServer({}, { PLENARY_MT: 'libretranslate', PLENARY_MT_URL: fake.url, ...store.env });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
    await drop();
  });

  async function reportWithRows() {
    const owner = await signUp(server.url);
    const { id } = await createReport(server.url, owner.token, { text: REPORT, languages: ['fr', 'ru'] });
    const imported = await fetch(`${server.url}/api/tm/import`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/xml' }, body: TMX });
    expect(imported.status).toBe(200);
    const client = connectClient(server.wsUrl, `${id}.fr`, owner.token);
    await waitSynced(client);
    return { owner, id, client };
  }

  const statuses = (doc: import('yjs').Doc) =>
    [...statusMap(doc).values()].filter(isSegmentStatus).sort((a, b) => a.sourceText.localeCompare(b.sourceText)) as SegmentStatus[];

  it('fills from the memory (100%) then MT, as drafts with their origin; never translated, never in the memory', async () => {
    const { owner, id, client } = await reportWithRows();
    try {
      const res = await fetch(`${server.url}/api/reports/${id}/pretranslate?lang=fr`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', accept: 'application/x-ndjson' },
        body: JSON.stringify({ tm: true, mt: true }),
      });
      expect(res.status).toBe(200);
      const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.slice(0, -1).map((l) => l.progress.done).sort()).toEqual([1, 2, 3, 4]);
      expect(lines.at(-1)).toEqual({ result: { filled: { tm: 1, mt: 3 }, skipped: 0, run: expect.stringMatching(/^[0-9a-f]{12}$/) } });

      await eventually(async () => statuses(client.doc).length, (n) => n === 4);
      const segs = segmentsMap(client.doc);
      const byText = new Map([...statusMap(client.doc).entries()].map(([pid, s]) => [s.sourceText, { s, text: fragmentText(segs.get(pid)) }]));
      const tmRow = byText.get('The Working Group held its first meeting in Vienna.')!;
      expect(tmRow.s).toMatchObject({ state: 'draft', origin: { kind: 'tm', score: 100, source: 'TMX' } });
      expect(tmRow.text).toBe('Le Groupe de travail a tenu sa 1re réunion à Vienne.');
      const block = segs.get([...statusMap(client.doc).entries()].find(([, s]) => s === tmRow.s)![0])!.toJSON();
      expect(block).toContain('<superscript>re</superscript>');
      const mtRow = byText.get('Adoption of the report.')!;
      expect(mtRow.s).toMatchObject({ state: 'draft', origin: { kind: 'mt', provider: 'libretranslate' } });
      expect(mtRow.text).toBe('[fr] ADOPTION OF THE REPORT.');

      const detail = await api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token);
      expect(detail.body.progress.fr).toMatchObject({ total: 4, draft: 4, translated: 0, untranslated: 0 });
      const memory = await api(server.url, 'GET', `/api/tm${q({ q: 'Adoption of the report.', from: 'en', to: 'fr' })}`, undefined, owner.token);
      expect(memory.body).toEqual([]);

      // A second run finds nothing left to fill; a pair the engine lacks is refused up front.
      const again = await api(server.url, 'POST', `/api/reports/${id}/pretranslate?lang=fr`, { tm: true, mt: true }, owner.token);
      expect(again.body).toMatchObject({ filled: { tm: 0, mt: 0 }, skipped: 0 });
      const ru = await api(server.url, 'POST', `/api/reports/${id}/pretranslate?lang=ru`, { mt: true }, owner.token);
      expect(ru.status).toBe(422);
      expect(ru.body.error.message).toContain('en-fr');
      const stranger = await signUp(server.url);
      expect((await api(server.url, 'POST', `/api/reports/${id}/pretranslate?lang=fr`, {}, stranger.token)).status).toBe(404);
    } finally {
      client.destroy();
    }
  });

  it('memory only, with a fuzzy threshold: rows without a good enough match are skipped', async () => {
    const { owner, id, client } = await reportWithRows();
    try {
      const res = await api(server.url, 'POST', `/api/reports/${id}/pretranslate?lang=fr`, { tm: true, mt: false, minScore: 100 }, owner.token);
      expect(res.body).toMatchObject({ filled: { tm: 1, mt: 0 }, skipped: 3 });
      const bad = await api(server.url, 'POST', `/api/reports/${id}/pretranslate?lang=fr`, { minScore: 150 }, owner.token);
      expect(bad.status).toBe(400);
    } finally {
      client.destroy();
    }
  });

  it('undoes a run as one change, keeping the rows edited since', async () => {
    const { owner, id, client } = await reportWithRows();
    try {
      const run = await api(server.url, 'POST', `/api/reports/${id}/pretranslate?lang=fr`, { tm: true, mt: true }, owner.token);
      expect(run.body.filled).toEqual({ tm: 1, mt: 3 });
      await eventually(async () => statuses(client.doc).length, (n) => n === 4);
      // A translator post-edits one draft (its status stays a draft).
      const [edited] = [...statusMap(client.doc).entries()].find(([, s]) => s.sourceText === 'Adoption of the report.')!;
      const text = segmentsMap(client.doc).get(edited)!.get(0) as import('yjs').XmlElement;
      (text.get(0) as import('yjs').XmlText).insert(0, 'Révisé : ');
      await eventually(
        () => api(server.url, 'GET', `/api/reports/${id}/export?lang=fr&format=txt`, undefined, owner.token),
        (res) => String(res.body).includes('Révisé'),
      );
      const undone = await api(server.url, 'DELETE', `/api/reports/${id}/pretranslate?lang=fr&run=${run.body.run}`, undefined, owner.token);
      expect(undone.body).toEqual({ removed: 3, kept: 1 });
      await eventually(async () => statuses(client.doc).length, (n) => n === 1);
      expect(fragmentText(segmentsMap(client.doc).get(edited))).toBe('Révisé : [fr] ADOPTION OF THE REPORT.');
      const detail = await api(server.url, 'GET', `/api/reports/${id}`, undefined, owner.token);
      expect(detail.body.progress.fr).toMatchObject({ untranslated: 3, draft: 1 });
      expect((await api(server.url, 'DELETE', `/api/reports/${id}/pretranslate?lang=fr&run=nope`, undefined, owner.token)).status).toBe(400);
    } finally {
      client.destroy();
    }
  });

  it('confirming a row fills its repetitions (same source, no translation) as drafts', async () => {
    const { owner, id, client } = await reportWithRows();
    try {
      const source = 'The Conference of the Parties welcomed the outcome.';
      // Rows 2 and 4 share their source.
      const original = connectClient(server.wsUrl, `${id}.en`, owner.token);
      await waitSynced(original);
      const pids = listBlocks(readBody(original.doc.getXmlFragment(BODY_FRAGMENT))).map((b) => b.pid);
      original.destroy();
      confirmSegment(client.doc, pids[1], '**La Conférence** des Parties a accueilli le résultat.', source, owner.name);
      const repeated = await eventually(async () => statusMap(client.doc).get(pids[3]), (s) => !!s);
      expect(repeated).toMatchObject({ state: 'draft', origin: { kind: 'repetition', pid: pids[1] }, sourceText: source });
      expect(fragmentText(segmentsMap(client.doc).get(pids[3]))).toBe('**La Conférence** des Parties a accueilli le résultat.');
      expect(statusMap(client.doc).get(pids[0])).toBeUndefined();
    } finally {
      client.destroy();
    }
  });
});
