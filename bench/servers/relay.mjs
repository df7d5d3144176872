#!/usr/bin/env node
/**
 * The floor: a raw `ws` relay with no Yjs. Every binary frame is forwarded unchanged to the
 * other sockets connected to the same URL path (query string ignored). It keeps no state, so
 * it cannot serve a document to a joining client; to let unmodified y-websocket clients reach
 * `synced`, it answers each SyncStep1 (bytes 0,0,…) with an empty SyncStep2 (0,1,<empty
 * update 0,0>) and forwards neither sync step, so joins cost O(1) instead of every peer
 * answering every joiner. Updates (0,2,…) are relayed as they are.
 *
 * Awareness (1,…) needs one more thing. A y-websocket client re-broadcasts every awareness
 * change it applies, including other clients' (their clock unchanged); a server that holds
 * awareness drops those echoes, but a blind relay would forward each to every peer, whose
 * echoes it would forward again: N² frames per change, which swamps any room of a few hundred
 * clients. So the relay keeps the last clock of each awareness client per room and forwards
 * an awareness frame only if one of its entries is newer — reading varints, not Yjs.
 * No auth, no storage, no awareness clean-up when a socket leaves.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 1235);

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
/** messageSync, messageYjsSyncStep2, varUint8Array of the empty update [0, 0]. */
const EMPTY_SYNC_STEP2 = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP2, 2, 0, 0);

const MESSAGE_AWARENESS = 1;

/** @type {Map<string, { peers: Set<import('ws').WebSocket>, clocks: Map<number, number> }>} */
const rooms = new Map();

/** lib0 varUint at `at`: [value, next offset]. */
function readVarUint(buf, at) {
  let value = 0;
  let mult = 1;
  for (;;) {
    const byte = buf[at++];
    if (byte === undefined) throw new RangeError('truncated');
    value += (byte & 0x7f) * mult;
    if (byte < 0x80) return [value, at];
    mult *= 128;
  }
}

/** True when the awareness frame has an entry newer than the room has seen (and notes it). */
function isNewAwareness(frame, clocks) {
  try {
    let [, at] = readVarUint(frame, 1); // length of the payload
    let count;
    [count, at] = readVarUint(frame, at);
    let fresh = false;
    for (let i = 0; i < count; i++) {
      let client, clock, length;
      [client, at] = readVarUint(frame, at);
      [clock, at] = readVarUint(frame, at);
      [length, at] = readVarUint(frame, at);
      at += length; // the JSON state, not read
      if (clock > (clocks.get(client) ?? -1)) {
        clocks.set(client, clock);
        fresh = true;
      }
    }
    return fresh;
  } catch {
    return false;
  }
}

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
wss.on('connection', (ws, request) => {
  const path = (request.url || '/').split('?')[0];
  let room = rooms.get(path);
  if (!room) rooms.set(path, (room = { peers: new Set(), clocks: new Map() }));
  const { peers, clocks } = room;
  peers.add(ws);
  ws.on('message', (data, isBinary) => {
    if (!isBinary || data.length < 2) return;
    if (data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP1) return ws.send(EMPTY_SYNC_STEP2);
    if (data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP2) return;
    if (data[0] === MESSAGE_AWARENESS && !isNewAwareness(data, clocks)) return;
    for (const peer of peers) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
  });
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(path);
  });
});

const server = http.createServer((_request, response) => response.end('relay'));
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, host, () => console.log(`raw relay running at ${host}:${port}`));
process.on('SIGTERM', () => process.exit(0));
