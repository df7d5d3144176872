/**
 * Concurrent suggesting (issue 13), over real sockets, seeded: two reviewers suggest in one
 * paragraph — a replacement, a deletion and an insertion each — while a drafter types and
 * deletes in the same paragraph (around the suggested words, never inside them, edges
 * included) and clients drop and rejoin. After convergence every suggestion still covers its
 * intended text on every client, and accepting them all gives exactly the proposed text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, expectConverged, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { acceptSuggestion, anchorInText, createThread, listThreads, pointInText, resolveAnchor, type Anchor } from '../../shared/src/review/threads';

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

const firstText = (doc: Y.Doc) => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
const TEXT = 'The Conference alpha decided bravo to hold charlie consultations delta on experiences echo and foxtrot practices.';

interface Planned {
  word: string;
  change: 'replace' | 'delete' | 'insert';
  proposed: string;
  anchor?: Anchor;
}

describe('concurrent suggestions', () => {
  it.each([21, 22, 23])('two reviewers suggest while a drafter types in the paragraph (seed %i)', async (seed) => {
    server = await startServer();
    const owner = await signUp(server.url);
    const reviewers = [await signUp(server.url), await signUp(server.url)];
    const { id } = await createReport(server.url, owner.token, { text: `1. ${TEXT}` });
    for (const r of reviewers) await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: r.name, role: 'reviewer' }, owner.token);
    const open = (room: string, token: string) => {
      const c = connectClient(server!.wsUrl, `${id}.${room}`, token);
      clients.push(c);
      return c;
    };
    const drafter = open('en', owner.token);
    const drafterReview = open('review', owner.token);
    const rContent = reviewers.map((r) => open('en', r.token));
    const rReview = reviewers.map((r) => open('review', r.token));
    await Promise.all([drafter, drafterReview, ...rContent, ...rReview].map((c) => waitSynced(c)));

    // Each reviewer: a replacement, a deletion, an insertion (after its word).
    const plans: Planned[][] = [
      [{ word: 'alpha', change: 'replace', proposed: 'ALPHA' }, { word: 'bravo', change: 'delete', proposed: '' }, { word: 'charlie', change: 'insert', proposed: ' (C)' }],
      [{ word: 'delta', change: 'replace', proposed: 'DELTA' }, { word: 'echo', change: 'delete', proposed: '' }, { word: 'foxtrot', change: 'insert', proposed: ' (F)' }],
    ];
    const gen = prng.create(seed);
    const protectedRanges = (t: Y.XmlText) => {
      const s = t.toString();
      return plans.flat().map((p) => ({ from: s.indexOf(p.word), to: s.indexOf(p.word) + p.word.length }));
    };
    const drafterStep = () => {
      const t = firstText(drafter.doc);
      const ranges = protectedRanges(t);
      // Inserting at a word's edges is allowed, except right after an insertion's word.
      const insertAt = [...Array(t.length + 1).keys()].filter((i) => ranges.every((r, k) => i <= r.from || i > r.to || (i === r.to && plans.flat()[k].change !== 'insert')));
      if (prng.int32(gen, 0, 9) < 6) t.insert(prng.oneOf(gen, insertAt), prng.word(gen, 1, 4));
      else {
        const deletable = [...Array(t.length).keys()].filter((i) => ranges.every((r) => i < r.from - 1 || i > r.to));
        if (deletable.length) t.delete(prng.oneOf(gen, deletable), 1);
      }
    };
    // Interleaved: the drafter edits between and during the reviewers' suggestions.
    for (let step = 0; step < 120; step++) {
      drafterStep();
      if (step % 20 === 5) {
        const who = prng.int32(gen, 0, 1);
        const plan = plans[who].find((p) => !p.anchor);
        if (plan) {
          const t = firstText(rContent[who].doc);
          const s = t.toString();
          const at = s.indexOf(plan.word);
          plan.anchor = plan.change === 'insert' ? pointInText(t, at + plan.word.length) : anchorInText(t, at, at + plan.word.length);
          createThread(rReview[who].doc, { room: 'en', pid: 'p', kind: 'suggestion', change: plan.change, anchor: plan.anchor, quote: plan.change === 'insert' ? '' : plan.word, proposed: plan.proposed, author: reviewers[who].name, body: '' });
        }
      }
      if (step % 30 === 10) rContent[step % 2].provider.disconnect();
      if (step % 30 === 20) rContent[(step + 1) % 2].provider.connect();
      if (step % 7 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    // Whatever was not planned yet is suggested now, by its reviewer.
    for (const [who, list] of plans.entries()) {
      for (const plan of list.filter((p) => !p.anchor)) {
        const t = firstText(rContent[who].doc);
        const at = t.toString().indexOf(plan.word);
        plan.anchor = plan.change === 'insert' ? pointInText(t, at + plan.word.length) : anchorInText(t, at, at + plan.word.length);
        createThread(rReview[who].doc, { room: 'en', pid: 'p', kind: 'suggestion', change: plan.change, anchor: plan.anchor, quote: plan.change === 'insert' ? '' : plan.word, proposed: plan.proposed, author: reviewers[who].name, body: '' });
      }
    }
    for (const c of rContent) c.provider.connect();
    const contents = [drafter, ...rContent];
    await waitFor(() => contents.every((c) => c.provider.synced && c.provider.wsconnected), 10_000, 'reconnected');
    await expectConverged(contents.map((c) => c.doc));
    await waitFor(() => listThreads(drafterReview.doc).length === 6, 10_000, 'all suggestions relayed');

    // Every suggestion covers its word (an insertion sits right after its word) on every client.
    for (const c of contents) {
      for (const plan of plans.flat()) {
        const r = resolveAnchor(c.doc, plan.anchor!, plan.change === 'insert')!;
        expect(r).not.toBeNull();
        const s = (r.type as Y.XmlText).toString();
        if (plan.change === 'insert') expect(s.slice(r.from - plan.word.length, r.from)).toBe(plan.word);
        else expect(s.slice(r.from, r.to)).toBe(plan.word);
      }
    }

    // Accepting every one gives the proposed text exactly where intended.
    const before = firstText(drafter.doc).toString();
    for (const t of listThreads(drafterReview.doc)) expect(acceptSuggestion(drafterReview.doc, drafter.doc, t.id)).toBe(true);
    let expected = before;
    for (const p of plans.flat()) {
      if (p.change === 'insert') expected = expected.replace(p.word, p.word + p.proposed);
      else if (p.change === 'replace') expected = expected.replace(p.word, p.proposed);
    }
    for (const p of plans.flat().filter((x) => x.change === 'delete')) expected = expected.replace(p.word, '');
    expect(firstText(drafter.doc).toString()).toBe(expected);
    await waitFor(() => rContent.every((c) => firstText(c.doc).toString() === expected), 10_000, 'accepted text relayed');
  }, 60_000);
});
