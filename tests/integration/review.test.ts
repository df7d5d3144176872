/**
 * Review over real sockets: anchors (Yjs relative positions) keep pointing at their quote
 * through a seeded fuzz of concurrent edits by several clients; a reviewer writes threads in
 * the review room but never the content; accepting a suggestion applies exactly its text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { api, createReport, signUp, startServer, type TestServer } from '../helpers/server';
import { connectClient, expectConverged, waitFor, waitSynced, type TestClient } from '../helpers/yclient';
import { acceptSuggestion, anchorInText, createThread, listThreads, reply, resolveAnchor, setStatus } from '../../shared/src/review/threads';

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

/** The XmlText of the first paragraph of the body. */
const firstText = (doc: Y.Doc) => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
const quoteAt = (doc: Y.Doc, anchor: { from: string; to: string }) => {
  const r = resolveAnchor(doc, anchor);
  return r ? (r.type as Y.XmlText).toString().slice(r.from, r.to) : null;
};

async function setup(text: string) {
  server = await startServer();
  const owner = await signUp(server.url);
  const reviewer = await signUp(server.url);
  const { id } = await createReport(server.url, owner.token, { text: `1. ${text}` });
  await api(server.url, 'PUT', `/api/reports/${id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token);
  const open = (suffix: string, token: string) => {
    const c = connectClient(server!.wsUrl, `${id}.${suffix}`, token);
    clients.push(c);
    return c;
  };
  return { id, owner, reviewer, open };
}

describe('anchored threads', () => {
  it.each([11, 12, 13])('anchors survive a seeded fuzz of concurrent edits (seed %i)', async (seed) => {
    const QUOTE = 'the quoted words';
    const { owner, reviewer, open } = await setup(`Before text, ${QUOTE}, and after text.`);
    const editors = [open('en', owner.token), open('en', owner.token), open('en', owner.token)];
    const reviewRoom = open('review', reviewer.token);
    const reviewerContent = open('en', reviewer.token);
    await Promise.all([...editors, reviewRoom, reviewerContent].map((c) => waitSynced(c)));

    const text = firstText(reviewerContent.doc);
    const start = text.toString().indexOf(QUOTE);
    const anchor = anchorInText(text, start, start + QUOTE.length);
    const threadId = createThread(reviewRoom.doc, { room: 'en', pid: 'p', anchor, quote: QUOTE, kind: 'comment', author: reviewer.name, body: 'Check this.' });

    const gen = prng.create(seed);
    for (let step = 0; step < 200; step++) {
      const client = prng.oneOf(gen, editors);
      const t = firstText(client.doc);
      const range = resolveAnchor(client.doc, anchor)!;
      // Edit anywhere outside the quoted range (edges included: typing at an edge stays outside).
      const outside = [...Array(t.length + 1).keys()].filter((i) => i <= range.from || i >= range.to);
      const dice = prng.int32(gen, 0, 9);
      if (dice < 6) {
        t.insert(prng.oneOf(gen, outside), prng.word(gen, 1, 5));
      } else if (dice < 9) {
        const deletable = [...Array(t.length).keys()].filter((i) => i < range.from || i >= range.to);
        if (deletable.length) t.delete(prng.oneOf(gen, deletable), 1);
      } else if (client.provider.shouldConnect) client.provider.disconnect();
      else client.provider.connect();
    }
    for (const c of editors) if (!c.provider.shouldConnect) c.provider.connect();
    await waitFor(() => [...editors, reviewerContent].every((c) => c.provider.synced && c.provider.wsconnected), 10_000, 'reconnected');
    await expectConverged([...editors, reviewerContent].map((c) => c.doc));
    for (const c of [...editors, reviewerContent]) expect(quoteAt(c.doc, anchor)).toBe(QUOTE);
    // Deleting the quoted text detaches the thread; the thread and its quote remain.
    const t = firstText(editors[0].doc);
    const r = resolveAnchor(editors[0].doc, anchor)!;
    t.delete(r.from, r.to - r.from);
    await waitFor(() => resolveAnchor(reviewerContent.doc, anchor) === null, 15_000, 'detached');
    expect(listThreads(reviewRoom.doc).find((x) => x.id === threadId)?.quote).toBe(QUOTE);
  }, 60_000);
});

describe('reviewers and suggestions', () => {
  it('a reviewer writes threads; a drafter replies, resolves, and accepts a suggestion exactly', async () => {
    const { owner, reviewer, open } = await setup('The Conference decided to establish a working group.');
    const reviewerReview = open('review', reviewer.token);
    const reviewerContent = open('en', reviewer.token);
    const ownerReview = open('review', owner.token);
    const ownerContent = open('en', owner.token);
    await Promise.all([reviewerReview, reviewerContent, ownerReview, ownerContent].map((c) => waitSynced(c)));

    const text = firstText(reviewerContent.doc);
    const start = text.toString().indexOf('decided');
    const commentId = createThread(reviewerReview.doc, {
      room: 'en', pid: 'p', anchor: anchorInText(text, start, start + 7), quote: 'decided', kind: 'comment', author: reviewer.name, body: '@owner is this right?',
    });
    const s2 = text.toString().indexOf('a working group');
    const suggestionId = createThread(reviewerReview.doc, {
      room: 'en', pid: 'p', anchor: anchorInText(text, s2, s2 + 'a working group'.length), quote: 'a working group',
      kind: 'suggestion', proposed: 'an open-ended working group', author: reviewer.name, body: '',
    });
    await waitFor(() => listThreads(ownerReview.doc).length === 2, 15_000, 'threads relayed to the owner');

    reply(ownerReview.doc, commentId, owner.name, 'Yes, per resolution 5/3.');
    setStatus(ownerReview.doc, commentId, 'resolved');
    await waitFor(() => listThreads(reviewerReview.doc).find((t) => t.id === commentId)?.status === 'resolved', 15_000, 'resolved');
    expect(listThreads(reviewerReview.doc).find((t) => t.id === commentId)?.messages.map((m) => m.body)).toEqual(['@owner is this right?', 'Yes, per resolution 5/3.']);

    // The reviewer's attempt to apply the suggestion itself never reaches anyone.
    expect(acceptSuggestion(reviewerReview.doc, reviewerContent.doc, suggestionId)).toBe(true);
    const expected = 'The Conference decided to establish an open-ended working group.';
    // The reviewer may write the review room, so her status change is relayed; she reopens it
    // and the owner accepts for real, causally after both.
    await waitFor(() => listThreads(ownerReview.doc).find((t) => t.id === suggestionId)?.status === 'accepted', 15_000, 'reviewer status relayed');
    setStatus(reviewerReview.doc, suggestionId, 'open');
    await waitFor(() => listThreads(ownerReview.doc).find((t) => t.id === suggestionId)?.status === 'open', 15_000, 'status open');
    expect(acceptSuggestion(ownerReview.doc, ownerContent.doc, suggestionId)).toBe(true);
    const fresh = open('en', owner.token);
    await waitSynced(fresh);
    await waitFor(() => firstText(fresh.doc).toString() === expected, 15_000, 'accepted text stored and relayed');
    expect(firstText(ownerContent.doc).toString()).toBe(expected);
    await waitFor(() => listThreads(reviewerReview.doc).find((t) => t.id === suggestionId)?.status === 'accepted', 15_000, 'accepted status');
  });
});
