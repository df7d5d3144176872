/**
 * Hand-framed y-websocket clients for hostile tests: a raw socket that records what the
 * server sends and how it closed, encoders for the frames, and hand-built Yjs v1 updates
 * (structs Yjs's own encoder would never write, for the validation layer).
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export interface RawSocket {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  /** Update payloads the server sent (SyncStep2 and Update frames), in order. */
  updates: Uint8Array[];
  /** SyncStep2 answers received so far (a SyncStep1 of ours is answered once durable). */
  step2s: number;
  send(frame: Uint8Array): void;
}

export function openRaw(wsUrl: string, room: string, query: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/${room}?${query}`);
    const raw: RawSocket = {
      ws,
      closed: new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() }))),
      updates: [],
      step2s: 0,
      send: (frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      },
    };
    ws.on('message', (data: Buffer) => {
      try {
        const d = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(d) !== 0) return;
        const sub = decoding.readVarUint(d);
        if (sub === 1) raw.step2s++;
        if (sub === 1 || sub === 2) raw.updates.push(decoding.readVarUint8Array(d));
      } catch {
        // not ours to judge
      }
    });
    ws.once('open', () => resolve(raw));
    ws.once('error', reject);
  });
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

export const updateFrame = (update: Uint8Array) => frame((e) => {
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
});

export const syncStep1Frame = (stateVector: Uint8Array = new Uint8Array([0])) => frame((e) => {
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
});

export const awarenessFrame = (entries: { id: number; clock: number; state: string }[]) => frame((e) => {
  encoding.writeVarUint(e, 1);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(inner, x.id);
    encoding.writeVarUint(inner, x.clock);
    encoding.writeVarString(inner, x.state);
  }
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
});

/** One struct of a hand-built update: the info byte and what follows it. */
export type StructWriter = (e: encoding.Encoder) => void;

/** A v1 update of one client's structs from `clock`, with an empty delete set. */
export function handUpdate(client: number, clock: number, structs: StructWriter[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, structs.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    for (const s of structs) s(e);
    encoding.writeVarUint(e, 0);
  });
}

/** An item in root type `key` (no origins), content `ref` written by `content`. */
export const rootItem = (key: string, ref: number, content: (e: encoding.Encoder) => void): StructWriter => (e) => {
  encoding.writeUint8(e, ref);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, key);
  content(e);
};

/** An item whose parent is the struct (client, clock), no origins. */
export const childItem = (client: number, clock: number, ref: number, content: (e: encoding.Encoder) => void): StructWriter => (e) => {
  encoding.writeUint8(e, ref);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  content(e);
};

export const str = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s);
export const len = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
export const gc = (length: number): StructWriter => (e) => {
  encoding.writeUint8(e, 0);
  encoding.writeVarUint(e, length);
};

/** Waits until `raw` received its n-th SyncStep2 (our SyncStep1 answered: all before it is durable). */
export async function roundTrip(raw: RawSocket, timeoutMs = 5000): Promise<boolean> {
  const before = raw.step2s;
  raw.send(syncStep1Frame());
  const deadline = Date.now() + timeoutMs;
  while (raw.step2s === before) {
    if (raw.ws.readyState !== raw.ws.OPEN || Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}
