/**
 * Word round trip of the review (issue 13), over a real server: suggestions and a comment
 * thread written by a reviewer export as real Word revisions and comments (unzipped and parsed
 * here), and that file imported into a fresh copy of the report gives the same suggestions and
 * threads; a Word file made with the `docx` package's InsertedTextRun/DeletedTextRun imports
 * with its author; a file that is not a .docx is refused with 400 and writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import JSZip from 'jszip';
import { Document, DeletedTextRun, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { anchorInText, createThread, listThreads, pointInText, reply, resolveAnchor } from '../../shared/src/review/threads';
import { findAll, parseXml, textOf } from '../../server/src/import/xmlTree';

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

const P1 = 'The Conference decided to hold consultations on experiences and practices.';
const P2 = 'The Working Group held its first meeting in Vienna.';
const TEXT = `1. ${P1}\n\n2. ${P2}`;

const textOfBlock = (doc: Y.Doc, i: number) => (doc.getXmlFragment('body').get(i) as Y.XmlElement).get(0) as Y.XmlText;
const blockIndex = (doc: Y.Doc, text: string) => doc.getXmlFragment('body').toArray().findIndex((el) => el instanceof Y.XmlElement && (el.get(0) as Y.XmlText | undefined)?.toString().includes(text));

async function post(base: string, path: string, body: Buffer, token: string) {
  const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}

async function setup() {
  server = await startServer();
  const owner = await signUp(server.url);
  const reviewer = await signUp(server.url, 'Chiara Rossi');
  const newReport = async () => {
    const { id } = await createReport(server!.url, owner.token, { text: TEXT });
    await api(server!.url, 'PUT', `/api/reports/${id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token);
    return id;
  };
  const open = async (room: string, token: string) => {
    const c = connectClient(server!.wsUrl, room, token);
    clients.push(c);
    await waitSynced(c);
    return c;
  };
  return { owner, reviewer, newReport, open };
}

describe('Word round trip of suggestions and comments', () => {
  it('exports tracked changes and comments, and imports them into a fresh copy', async () => {
    const { owner, reviewer, newReport, open } = await setup();
    const id = await newReport();
    const content = await open(`${id}.en`, reviewer.token);
    const review = await open(`${id}.review`, reviewer.token);
    const i1 = blockIndex(content.doc, 'decided');
    const i2 = blockIndex(content.doc, 'Working Group');
    const t1 = textOfBlock(content.doc, i1);
    const t2 = textOfBlock(content.doc, i2);
    const s1 = t1.toString();
    const at = (t: string, w: string) => t.indexOf(w);
    createThread(review.doc, { room: 'en', pid: 'p1', kind: 'suggestion', change: 'insert', anchor: pointInText(t1, at(s1, ' to hold')), quote: '', proposed: ' unanimously', author: reviewer.name, body: '' });
    createThread(review.doc, { room: 'en', pid: 'p1', kind: 'suggestion', change: 'delete', anchor: anchorInText(t1, at(s1, ' and practices'), at(s1, ' and practices') + ' and practices'.length), quote: ' and practices', proposed: '', author: reviewer.name, body: '' });
    createThread(review.doc, { room: 'en', pid: 'p1', kind: 'suggestion', change: 'replace', anchor: anchorInText(t1, at(s1, 'hold'), at(s1, 'hold') + 4), quote: 'hold', proposed: 'convene', author: reviewer.name, body: '' });
    createThread(review.doc, { room: 'en', pid: 'p2', kind: 'suggestion', change: 'format', format: { mark: 'italic', on: true }, anchor: anchorInText(t2, at(P2, 'Vienna'), at(P2, 'Vienna') + 6), quote: 'Vienna', author: reviewer.name, body: '' });
    const c = createThread(review.doc, { room: 'en', pid: 'p2', kind: 'comment', anchor: anchorInText(t2, at(P2, 'first meeting'), at(P2, 'first meeting') + 13), quote: 'first meeting', author: reviewer.name, body: 'Was it the first?' });
    reply(review.doc, c, 'Amina Diallo', 'Yes, the first.');
    await new Promise((r) => setTimeout(r, 300));

    // ---- Export: real revisions and comments. ----
    const res = await fetch(`${server!.url}/api/reports/${id}/export?lang=en&format=docx&tracked=1`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(res.status).toBe(200);
    const file = Buffer.from(await res.arrayBuffer());
    const zip = await JSZip.loadAsync(file);
    const document = parseXml(await zip.file('word/document.xml')!.async('string'));
    const ins = findAll(document, 'w:ins');
    const del = findAll(document, 'w:del');
    expect(ins.map(textOf).sort()).toEqual([' unanimously', 'convene']);
    expect(del.map(textOf).sort()).toEqual([' and practices', 'hold']);
    for (const r of [...ins, ...del]) {
      expect(r.attrs['w:author']).toBe('Chiara Rossi');
      expect(Number.isFinite(Date.parse(r.attrs['w:date']))).toBe(true);
    }
    // The format suggestion: the run in italics, its old properties (not italic) as a revision.
    const formatChanges = findAll(document, 'w:rPrChange');
    expect(formatChanges.map((x) => x.attrs['w:author'])).toEqual(['Chiara Rossi']);
    const formattedRun = findAll(document, 'w:r').find((run) => findAll(run, 'w:rPrChange').length > 0)!;
    expect(textOf(formattedRun)).toBe('Vienna');
    expect(findAll(findAll(formattedRun, 'w:rPr')[0], 'w:i').length).toBeGreaterThan(0);
    expect(findAll(document, 'w:commentRangeStart')).toHaveLength(1);
    expect(findAll(document, 'w:commentRangeEnd')).toHaveLength(1);
    const comments = findAll(parseXml(await zip.file('word/comments.xml')!.async('string')), 'w:comment');
    expect(comments.map((x) => [x.attrs['w:author'], textOf(x)])).toEqual([['Chiara Rossi', 'Was it the first?'], ['Amina Diallo', 'Yes, the first.']]);
    expect(await zip.file('word/commentsExtended.xml')?.async('string')).toContain('w15:paraIdParent');
    // Without tracked=1 the export stays clean.
    const clean = await JSZip.loadAsync(Buffer.from(await (await fetch(`${server!.url}/api/reports/${id}/export?lang=en&format=docx`, { headers: { authorization: `Bearer ${owner.token}` } })).arrayBuffer()));
    const cleanXml = await clean.file('word/document.xml')!.async('string');
    expect(cleanXml).not.toContain('<w:ins');
    expect(cleanXml).not.toContain('<w:del ');
    expect(clean.file('word/comments.xml')?.name ?? null).toBe(null);

    // ---- Import that file into a fresh copy: the same suggestions and thread. ----
    const copy = await newReport();
    const imported = await post(server!.url, `/api/reports/${copy}/import?lang=en&as=suggestions`, file, reviewer.token);
    expect(imported.status).toBe(200);
    // (Word formatting revisions are not imported: the three text changes and the thread are.)
    expect(imported.body).toEqual({ suggestions: 3, comments: 1, unmatched: [] });
    const copyContent = await open(`${copy}.en`, owner.token);
    const copyReview = await open(`${copy}.review`, owner.token);
    await waitFor(() => listThreads(copyReview.doc).length === 4);
    const summary = listThreads(copyReview.doc).map((t) => {
      const r = resolveAnchor(copyContent.doc, t.anchor, t.change === 'insert');
      const quote = r ? (r.type as Y.XmlText).toString().slice(r.from, r.to) : null;
      return { kind: t.kind, change: t.change, proposed: t.kind === 'suggestion' ? t.proposed : null, quote, by: t.createdBy, external: t.external === true, messages: t.messages.map((m) => `${m.author}: ${m.body}`) };
    });
    const sorted = (xs: typeof summary) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sorted(summary)).toEqual(sorted([
      { kind: 'suggestion', change: 'insert', proposed: ' unanimously', quote: '', by: 'Chiara Rossi', external: true, messages: [] },
      { kind: 'suggestion', change: 'delete', proposed: '', quote: ' and practices', by: 'Chiara Rossi', external: true, messages: [] },
      { kind: 'suggestion', change: 'replace', proposed: 'convene', quote: 'hold', by: 'Chiara Rossi', external: true, messages: [] },
      { kind: 'comment', change: null, proposed: null, quote: 'first meeting', by: 'Chiara Rossi', external: true, messages: ['Chiara Rossi: Was it the first?', 'Amina Diallo: Yes, the first.'] },
    ]));
    // The insertion sits where it was: before " to hold".
    const ins1 = listThreads(copyReview.doc).find((t) => t.change === 'insert')!;
    const point = resolveAnchor(copyContent.doc, ins1.anchor, true)!;
    expect((point.type as Y.XmlText).toString().slice(0, point.from)).toBe('The Conference decided');
    // The text itself is untouched.
    expect(textOfBlock(copyContent.doc, blockIndex(copyContent.doc, 'decided')).toString()).toBe(P1);
  }, 60_000);

  it('does the same in a translation: French segments out as revisions and back as suggestions', async () => {
    const { owner, reviewer, newReport, open } = await setup();
    const FR = '1. La Conférence a décidé de tenir des consultations.\n\n2. Le Groupe de travail a tenu sa première réunion à Vienne.';
    const withFrench = async () => {
      const id = await newReport();
      const res = await fetch(`${server!.url}/api/reports/${id}/import?lang=fr`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/plain; charset=utf-8' }, body: FR });
      expect(res.status).toBe(200);
      return id;
    };
    const segmentText = (doc: Y.Doc, word: string) => {
      for (const [, fragment] of doc.getMap<Y.XmlFragment>('segments').entries()) {
        const text = (fragment.get(0) as Y.XmlElement | undefined)?.get(0);
        if (text instanceof Y.XmlText && text.toString().includes(word)) return text;
      }
      throw new Error(`no segment with ${word}`);
    };
    const id = await withFrench();
    const content = await open(`${id}.fr`, reviewer.token);
    const review = await open(`${id}.review`, reviewer.token);
    const t = segmentText(content.doc, 'tenir');
    const s = t.toString();
    createThread(review.doc, { room: 'fr', pid: 'row', kind: 'suggestion', change: 'replace', anchor: anchorInText(t, s.indexOf('tenir'), s.indexOf('tenir') + 5), quote: 'tenir', proposed: 'mener', author: reviewer.name, body: '' });
    createThread(review.doc, { room: 'fr', pid: 'row', kind: 'suggestion', change: 'insert', anchor: pointInText(t, s.indexOf(' de tenir')), quote: '', proposed: ' à l’unanimité', author: reviewer.name, body: '' });
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(`${server!.url}/api/reports/${id}/export?lang=fr&format=docx&tracked=1`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(res.status).toBe(200);
    const file = Buffer.from(await res.arrayBuffer());
    const document = parseXml(await (await JSZip.loadAsync(file)).file('word/document.xml')!.async('string'));
    expect(findAll(document, 'w:ins').map(textOf).sort()).toEqual([' à l’unanimité', 'mener']);
    expect(findAll(document, 'w:del').map(textOf)).toEqual(['tenir']);

    const copy = await withFrench();
    const imported = await post(server!.url, `/api/reports/${copy}/import?lang=fr&as=suggestions`, file, reviewer.token);
    expect(imported.body).toEqual({ suggestions: 2, comments: 0, unmatched: [] });
    const copyContent = await open(`${copy}.fr`, owner.token);
    const copyReview = await open(`${copy}.review`, owner.token);
    await waitFor(() => listThreads(copyReview.doc).length === 2);
    const rowPid = [...copyContent.doc.getMap<Y.XmlFragment>('segments').entries()].find(([, f]) => f.toString().includes('tenir'))![0];
    for (const th of listThreads(copyReview.doc)) {
      expect(th.room).toBe('fr');
      expect(th.pid).toBe(rowPid);
      const r = resolveAnchor(copyContent.doc, th.anchor, th.change === 'insert')!;
      const text = (r.type as Y.XmlText).toString();
      if (th.change === 'replace') expect([text.slice(r.from, r.to), th.proposed]).toEqual(['tenir', 'mener']);
      else expect([text.slice(0, r.from), th.proposed]).toEqual(['La Conférence a décidé', ' à l’unanimité']);
    }
  }, 60_000);

  it('imports a Word file made with tracked changes, with its author; refuses what is not a .docx', async () => {
    const { reviewer, newReport, open } = await setup();
    const id = await newReport();
    const date = '2026-03-04T10:00:00Z';
    const word = new Document({
      sections: [{
        children: [
          new Paragraph({ children: [new TextRun('Note by the Secretariat')] }),
          new Paragraph({ children: [
            new TextRun('2. The Working Group held its '),
            new DeletedTextRun({ text: 'first', id: 1, author: 'Delegation of Austria', date }),
            new InsertedTextRun({ text: 'inaugural', id: 2, author: 'Delegation of Austria', date }),
            new TextRun(' meeting in Vienna'),
            new InsertedTextRun({ text: ' in 2012', id: 3, author: 'Delegation of Austria', date }),
            new TextRun('.'),
          ] }),
          new Paragraph({ children: [new TextRun('A paragraph nobody wrote, '), new InsertedTextRun({ text: 'with a change', id: 4, author: 'Delegation of Austria', date })] }),
        ],
      }],
    });
    const file = await Packer.toBuffer(word);
    const res = await post(server!.url, `/api/reports/${id}/import?lang=en&as=suggestions`, file, reviewer.token);
    expect(res.status).toBe(200);
    expect(res.body.suggestions).toBe(2);
    expect(res.body.comments).toBe(0);
    expect(res.body.unmatched).toEqual([{ paragraph: 3, text: 'A paragraph nobody wrote, ', reason: 'no paragraph of the report has this number or similar text' }]);
    const review = await open(`${id}.review`, reviewer.token);
    const content = await open(`${id}.en`, reviewer.token);
    await waitFor(() => listThreads(review.doc).length === 2);
    const threads = listThreads(review.doc);
    expect(threads.map((t) => [t.change, t.quote, t.proposed, t.createdBy, t.createdAt])).toEqual(
      expect.arrayContaining([
        ['replace', 'first', 'inaugural', 'Delegation of Austria', Date.parse(date)],
        ['insert', '', ' in 2012', 'Delegation of Austria', Date.parse(date)],
      ]),
    );
    const insert = threads.find((t) => t.change === 'insert')!;
    const point = resolveAnchor(content.doc, insert.anchor, true)!;
    expect((point.type as Y.XmlText).toString().slice(0, point.from)).toBe('The Working Group held its first meeting in Vienna');

    // Not a zip; a zip without word/document.xml: 400, nothing written.
    const notZip = await post(server!.url, `/api/reports/${id}/import?lang=en&as=suggestions`, Buffer.from('hello, not a docx'), reviewer.token);
    expect(notZip.status).toBe(400);
    expect(JSON.stringify(notZip.body)).toContain('not a zip');
    const empty = new JSZip();
    empty.file('hello.txt', 'hi');
    const noDocument = await post(server!.url, `/api/reports/${id}/import?lang=en&as=suggestions`, await empty.generateAsync({ type: 'nodebuffer' }), reviewer.token);
    expect(noDocument.status).toBe(400);
    expect(JSON.stringify(noDocument.body)).toContain('word/document.xml');
    const broken = new JSZip();
    broken.file('word/document.xml', '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>unclosed');
    const malformed = await post(server!.url, `/api/reports/${id}/import?lang=en&as=suggestions`, await broken.generateAsync({ type: 'nodebuffer' }), reviewer.token);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('malformed XML');
    await new Promise((r) => setTimeout(r, 200));
    expect(listThreads(review.doc)).toHaveLength(2);
  }, 60_000);
});
