/**
 * The coalesced relay (server/src/collab/relay.ts): updates that became durable in one group
 * commit leave as one merged message. Writers collide (same position of one text, same map
 * key); the merged frames an observer receives, applied in order, give the same doc as the
 * original sequence, as do a live y-websocket client and a late joiner; no writer receives
 * its own updates back.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { startServer, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, expectConverged, waitFor, waitSynced } from '../helpers/yclient';
import { encodeUpdate } from '../../server/src/collab/messages';

let server: TestServer;
let token: string;
let room: string;

beforeAll(async () => {
  server = await startServer();
  ({ token } = await signUp(server.url));
  room = `${(await createReport(server.url, token)).id}.en`;
});
afterAll(() => server.close());

interface RawPeer {
  ws: WebSocket;
  /** Sync updates received, in order. */
  updates: Uint8Array[];
}

/** A raw socket that records every sync update it receives; resolves once admitted. */
function rawPeer(): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${room}?token=${token}`);
    const peer: RawPeer = { ws, updates: [] };
    ws.binaryType = 'nodebuffer';
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const sub = decoding.readVarUint(decoder);
      if (sub === 0) resolve(peer); // the server's SyncStep1: we are in the room
      else if (sub === 2) peer.updates.push(decoding.readVarUint8Array(decoder));
    });
  });
}

function docOf(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

test('a merged relay gives the same doc as the updates it replaces, and never echoes a sender', async () => {
  const live = connectClient(server.wsUrl, room, token);
  await waitSynced(live);
  // The room already holds the body written at creation: every replica starts from it.
  const base = Y.encodeStateAsUpdate(live.doc);
  const observer = await rawPeer();
  const writers = await Promise.all([rawPeer(), rawPeer(), rawPeer()]);
  const sent: Uint8Array[] = [];
  const mine = new Map<RawPeer, number>();

  // Each writer's updates, written against its own empty doc: all insert at position 0 of the
  // same text, set the same map key and delete some of their own characters.
  const perWriter = writers.map((w) => {
    const doc = new Y.Doc();
    mine.set(w, doc.clientID);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 6; i++) {
      doc.transact(() => {
        doc.getText('text').insert(0, `${doc.clientID % 97}:${i} `);
        doc.getMap('meta').set('title', `writer ${doc.clientID} edit ${i}`);
        if (i % 3 === 2) doc.getText('text').delete(1, 2);
      });
    }
    return updates;
  });
  // Sent in one go per socket, interleaved over the writers: one or a few group commits.
  for (let i = 0; i < 6; i++) {
    for (const [w, updates] of perWriter.entries()) {
      writers[w].ws.send(encodeUpdate(updates[i]));
      sent.push(updates[i]);
    }
  }

  const expected = docOf([base, ...sent]);
  const total = Y.encodeStateVector(expected);
  const reached = (updates: Uint8Array[]) => Buffer.compare(Buffer.from(Y.encodeStateVector(docOf([base, ...updates]))), Buffer.from(total)) === 0;
  await waitFor(() => reached(observer.updates), 10_000, 'the observer to receive every update');

  // Coalescing happened: fewer frames than updates, and each frame is a valid merge.
  expect(observer.updates.length).toBeLessThan(sent.length);
  const fromFrames = docOf([base, ...observer.updates]);
  await expectConverged([expected, fromFrames, live.doc]);
  expect(expected.getText('text').toString()).toBe(fromFrames.getText('text').toString());

  // A writer sees the others' edits, never its own.
  for (const w of writers) {
    await waitFor(() => w.updates.reduce((n, u) => n + Y.decodeUpdate(u).structs.length, 0) > 0, 10_000, 'relays to a writer');
    for (const u of w.updates) for (const s of Y.decodeUpdate(u).structs) expect(s.id.client).not.toBe(mine.get(w));
  }

  const late = connectClient(server.wsUrl, room, token);
  await waitSynced(late);
  await expectConverged([expected, late.doc, fromFrames]);
  for (const p of [observer, ...writers]) p.ws.close();
  live.destroy();
  late.destroy();
});
