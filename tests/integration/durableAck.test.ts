/**
 * The durability acknowledgment (docs/PROTOCOL.md [R18], [R19]): a connection opened with
 * `?ack=1` is told how many of its update frames are stored, and only once they are; one
 * without it (every stock y-websocket client) never receives the message type.
 * The kill -9 case (nothing acknowledged is lost) is in durability.test.ts.
 */
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { startServer, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, waitFor, waitSynced } from '../helpers/yclient';
import { encodeSyncStep2, encodeUpdate } from '../../server/src/collab/messages';
import { MessageType } from '../../shared/src/protocol';
import type { Storage } from '../../server/src/storage/types';

let server: TestServer;
let token: string;
let room: string;

beforeAll(async () => {
  server = await startServer();
  ({ token } = await signUp(server.url));
  room = `${(await createReport(server.url, token)).id}.en`;
});
afterAll(() => server.close());

interface Peer {
  ws: WebSocket;
  types: number[];
  acks: number[];
}

function peer(query: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${room}?token=${token}${query}`);
    const p: Peer = { ws, types: [], acks: [] };
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      p.types.push(type);
      if (type === MessageType.DurableAck) p.acks.push(decoding.readVarUint(decoder));
      if (type === MessageType.Sync && decoding.readVarUint(decoder) === 0) resolve(p);
    });
  });
}

/** Holds every append until `release()`: the commit happens when the test says so. */
function gate(storage: Storage) {
  const original = storage.appendUpdates.bind(storage);
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  storage.appendUpdates = async (rows) => {
    await opened;
    return original(rows);
  };
  return { release: open, restore: () => void (storage.appendUpdates = original) };
}

const storedState = async (name: string) => {
  const log = await server.plenary.storage.loadRoom(name);
  const doc = new Y.Doc();
  if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const u of log.updates) Y.applyUpdate(doc, u);
  return doc;
};

test('the ack arrives only after the frames it covers are in storage', async () => {
  const p = await peer('&ack=1');
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 5; i++) doc.getText('text').insert(0, `edit ${i} `);

  const held = gate(server.plenary.storage);
  try {
    p.ws.send(encodeSyncStep2(new Uint8Array([0, 0]))); // an empty join answer: frame 1
    for (const u of updates) p.ws.send(encodeUpdate(u)); // frames 2–6
    // While the commit is held, nothing is acknowledged (the empty frame waits behind nothing
    // but must not overtake the held ones once they follow it).
    await new Promise((r) => setTimeout(r, 300));
    expect(p.acks.every((n) => n <= 1)).toBe(true);
    const stored = await storedState(room);
    expect(stored.getText('text').toString()).not.toContain('edit 4');
    held.release();
    await waitFor(() => p.acks.includes(6), 5000, 'ack of all six frames');
  } finally {
    held.restore();
  }
  const stored = await storedState(room);
  for (let i = 0; i < 5; i++) expect(stored.getText('text').toString()).toContain(`edit ${i} `);
  // Reported in order, never backwards, and not once per frame when they land together.
  expect([...p.acks].sort((a, b) => a - b)).toEqual(p.acks);
  expect(p.acks.length).toBeLessThan(6);
  p.ws.close();
});

test('a reader’s refused frame is never acknowledged', async () => {
  const reader = await signUp(server.url);
  const res = await fetch(`${server.url}/api/reports/${room.split('.')[0]}/members`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: reader.name, role: 'viewer' }),
  });
  expect(res.status).toBeLessThan(300);
  const ws = new WebSocket(`${server.wsUrl}/${room}?token=${reader.token}&ack=1`);
  const acks: number[] = [];
  let denied = false;
  ws.on('message', (data: Buffer) => {
    if (data[0] === MessageType.DurableAck) acks.push(data[1]);
    if (data[0] === MessageType.Auth) denied = true;
  });
  await new Promise((r) => ws.once('open', r));
  ws.send(encodeSyncStep2(new Uint8Array([0, 0])));
  await waitFor(() => acks.includes(1), 5000, 'the empty join answer acknowledged');
  const doc = new Y.Doc();
  doc.getText('text').insert(0, 'not allowed');
  ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
  ws.send(encodeSyncStep2(new Uint8Array([0, 0])));
  await waitFor(() => denied, 5000, 'permission denied');
  await new Promise((r) => setTimeout(r, 200));
  expect(Math.max(...acks)).toBe(1);
  ws.close();
});

test('connections without ack=1 — raw, or a stock y-websocket client — never see the message type', async () => {
  const errors = vi.spyOn(console, 'error');
  const raw = await peer('');
  const stock = connectClient(server.wsUrl, room, token);
  await waitSynced(stock);
  const doc = new Y.Doc();
  doc.getText('text').insert(0, 'raw write ');
  raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
  for (let i = 0; i < 20; i++) stock.doc.getText('text').insert(0, 'stock ');
  const stored = () => storedState(room).then((d) => d.getText('text').toString());
  await waitFor(() => stock.doc.getText('text').toString().includes('raw write'), 5000, 'relay to the stock client');
  await server.plenary.registry.withRoom(room, (r) => r.flushed());
  expect(await stored()).toContain('raw write');
  await new Promise((r) => setTimeout(r, 200));
  expect(new Set(raw.types)).toEqual(new Set(raw.types.filter((t) => t <= MessageType.QueryAwareness)));
  expect(raw.types).not.toContain(MessageType.DurableAck);
  expect(errors.mock.calls.some((c) => String(c[0]).includes('Unable to compute message'))).toBe(false);
  errors.mockRestore();
  raw.ws.close();
  stock.destroy();
});
