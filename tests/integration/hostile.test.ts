/**
 * Malformed and hostile frames close only the offending socket, with a named code; a calm
 * client in the same room keeps editing and the server stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '../../shared/src/closeCodes';
import { startServer, signUp, createReport, api, type TestServer } from '../helpers/server';
import { connectClient, textOf, waitFor, waitSynced, type TestClient } from '../helpers/yclient';

let server: TestServer;
let token: string;
let room: string;
let calm: TestClient;
let watcher: TestClient;

beforeAll(async () => {
  server = await startServer({ maxPayloadBytes: 64 * 1024 });
  const owner = await signUp(server.url);
  token = owner.token;
  room = `${(await createReport(server.url, token)).id}.en`;
  calm = connectClient(server.wsUrl, room, token);
  watcher = connectClient(server.wsUrl, room, token);
  await Promise.all([waitSynced(calm), waitSynced(watcher)]);
});
afterAll(async () => {
  calm.destroy();
  watcher.destroy();
  await server.close();
});

function rawSocket(path = room, query = `token=${token}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${path}?${query}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

const hostile: [string, Uint8Array | string, number][] = [
  ['empty frame', new Uint8Array(0), CloseCode.Malformed],
  ['unknown message type', frame(uint(99)), CloseCode.Malformed],
  ['truncated varint', new Uint8Array([0x80]), CloseCode.Malformed],
  ['unknown sync sub-type', frame(uint(0), uint(7)), CloseCode.Malformed],
  ['sync update with a zero-length update', frame(uint(0), uint(2), bytes(new Uint8Array(0))), CloseCode.Malformed],
  ['sync update of garbage bytes', frame(uint(0), uint(2), bytes(new Uint8Array([1, 200, 3, 4, 5, 6, 7]))), CloseCode.Malformed],
  ['update length beyond the frame', frame(uint(0), uint(2), uint(5000)), CloseCode.Malformed],
  ['state vector of garbage', frame(uint(0), uint(0), bytes(new Uint8Array([5, 0x80]))), CloseCode.Malformed],
  ['awareness that is not JSON', frame(uint(1), bytes(frame(uint(1), uint(7), uint(1), (e) => encoding.writeVarString(e, '{not json')))), CloseCode.Malformed],
  ['text frame', 'hello', CloseCode.Malformed],
  ['frame over maxPayload', new Uint8Array(100 * 1024), CloseCode.MessageTooBig],
];

describe('[R5] hostile frames', () => {
  it.each(hostile)('%s closes that socket only', async (_name, data, expected) => {
    const ws = await rawSocket();
    const closed = closeOf(ws);
    ws.send(data);
    expect(await closed).toBe(expected);
    // The calm client still edits and is heard.
    const marker = `ok-${Math.random().toString(36).slice(2, 8)};`;
    calm.doc.getText('text').insert(0, marker);
    await waitFor(() => textOf(watcher.doc).includes(marker), 5000, 'calm edit relayed');
    expect((await api(server.url, 'GET', '/healthz')).body).toEqual({ ok: true });
  });

  it('[R7] refuses an unknown token with 4401 and a foreign room with 4403', async () => {
    const bad = await rawSocket(room, 'token=forged.token');
    expect(await closeOf(bad)).toBe(CloseCode.Unauthorized);
    const other = await signUp(server.url);
    const outsider = await rawSocket(room, `token=${other.token}`);
    expect(await closeOf(outsider)).toBe(CloseCode.Forbidden);
    const nonsense = await rawSocket('not-a-room', `token=${token}`);
    expect(await closeOf(nonsense)).toBe(CloseCode.Forbidden);
    const unknownLang = await rawSocket(room.replace(/\.en$/, '.de'), `token=${token}`);
    expect(await closeOf(unknownLang)).toBe(CloseCode.Forbidden);
  });

  it('[R7] sends nothing of the room to a refused socket', async () => {
    const other = await signUp(server.url);
    const ws = await rawSocket(room, `token=${other.token}`);
    const received: Buffer[] = [];
    ws.on('message', (d: Buffer) => received.push(d));
    await closeOf(ws);
    expect(received).toHaveLength(0);
  });
});
