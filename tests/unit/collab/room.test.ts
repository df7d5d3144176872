/**
 * Room through its port alone (peer.ts): recording peers stand where connections would be,
 * so these tests hold no socket and no Connection. Real Room, UpdateWriter and SQLite; what
 * a peer receives is decoded and checked at the moment it matters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import pino from 'pino';
import { Room } from '../../../server/src/collab/room';
import type { Peer } from '../../../server/src/collab/peer';
import { UpdateWriter } from '../../../server/src/collab/updateWriter';
import { InvalidUpdateError } from '../../../server/src/collab/updateValidation';
import { decodeAwarenessUpdate } from '../../../server/src/collab/awarenessFilter';
import { SqliteStorage } from '../../../server/src/storage/sqlite';
import type { Storage } from '../../../server/src/storage/types';
import { MemoryBus } from '../../../server/src/pubsub/memory';
import { MessageType } from '../../../shared/src/protocol';
import { childItem, handUpdate, str } from '../../helpers/rawSocket';
import { gatedStorage } from '../../harness/gatedStorage';

const ROOM = 'roomport01.en';
const silent = pino({ level: 'silent' });
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type Received =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2' | 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: { clientId: number; state: string }[] };

/** A peer that records what the room sends it, decoded. */
class RecordingPeer implements Peer {
  readonly received: Received[] = [];
  closedWith: { code: number; reason: string } | null = null;
  constructor(readonly id: string, readonly userId: string, readonly canWrite = true) {}
  send(message: Uint8Array): void {
    const d = decoding.createDecoder(message);
    const type = decoding.readVarUint(d);
    if (type === MessageType.Awareness) {
      this.received.push({ kind: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(d)) });
      return;
    }
    expect(type).toBe(MessageType.Sync);
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === syncProtocol.messageYjsSyncStep1) this.received.push({ kind: 'step1', stateVector: payload });
    else this.received.push({ kind: sub === syncProtocol.messageYjsSyncStep2 ? 'step2' : 'update', update: payload });
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
  /** Applies every update received to a doc: what this peer's client would hold. */
  doc(): Y.Doc {
    const doc = new Y.Doc();
    for (const r of this.received) if (r.kind === 'step2' || r.kind === 'update') Y.applyUpdate(doc, r.update);
    return doc;
  }
}


async function roomOn(storage: Storage = new SqliteStorage(':memory:')) {
  const writer = new UpdateWriter(storage, silent);
  const pubsub = new MemoryBus({ delivery: 'manual' }).open('one');
  const room = await Room.load(ROOM, { storage, pubsub, writer, log: silent, compactAfter: 1_000_000 });
  cleanup.push(() => storage.close(), () => pubsub.close(), () => room.destroy());
  const settle = async () => {
    await writer.drain();
    await room.flushed();
    await new Promise((r) => setImmediate(r));
  };
  return { room, storage, settle };
}

function edit(clientId: number, text: string, after?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  if (after) Y.applyUpdate(doc, Y.encodeStateAsUpdate(after));
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function presence(clientId: number, clock: number, state: unknown): { clientId: number; clock: number; state: string }[] {
  return [{ clientId, clock, state: JSON.stringify(state) }];
}

describe('Room through its port (no socket, no Connection)', () => {
  it('[R12] join opens with the room’s state vector, then everyone’s presence', async () => {
    const { room, settle } = await roomOn();
    const a = new RecordingPeer('a', 'ana');
    room.join(a);
    expect(a.received.map((r) => r.kind)).toEqual(['step1']); // nobody has presence yet
    room.applyClientUpdate(a, edit(1, 'hello'));
    room.applyAwareness(a, presence(1, 1, { name: 'Ana' }));
    await settle();
    const b = new RecordingPeer('b', 'ben');
    room.join(b);
    expect(b.received.map((r) => r.kind)).toEqual(['step1', 'awareness']);
    const step1 = b.received[0];
    expect(step1.kind === 'step1' && Y.decodeStateVector(step1.stateVector).get(1)).toBe(5);
    const shown = b.received[1];
    expect(shown.kind === 'awareness' && shown.entries.map((e) => e.clientId)).toEqual([1]);
  });

  it('[R1] a peer’s update reaches the others only once stored, never its sender', async () => {
    const { storage, open } = gatedStorage();
    const { room, settle } = await roomOn(storage);
    const [a, b] = [new RecordingPeer('a', 'ana'), new RecordingPeer('b', 'ben')];
    room.join(a);
    room.join(b);
    expect(room.applyClientUpdate(a, edit(1, 'held'))).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(b.received.filter((r) => r.kind === 'update')).toHaveLength(0);
    // A joiner's SyncStep2 holds the update, so it waits too.
    room.answerSyncStep1(b, new Uint8Array([0]));
    await new Promise((r) => setImmediate(r));
    expect(b.received.filter((r) => r.kind === 'step2')).toHaveLength(0);
    expect((await storage.loadRoom(ROOM)).updates).toHaveLength(0);

    open();
    await settle();
    expect((await storage.loadRoom(ROOM)).updates).toHaveLength(1);
    expect(b.doc().getText('t').toString()).toBe('held');
    expect(b.received.map((r) => r.kind).sort()).toEqual(['step1', 'step2', 'update']);
    expect(a.received.map((r) => r.kind)).toEqual(['step1']);
  });

  it('[R1] updates of one commit from several peers leave merged, each without its own part', async () => {
    const { room, settle } = await roomOn();
    const [a, b, c] = [new RecordingPeer('a', 'ana'), new RecordingPeer('b', 'ben'), new RecordingPeer('c', 'cy')];
    for (const p of [a, b, c]) room.join(p);
    room.applyClientUpdate(a, edit(1, 'A'));
    room.applyClientUpdate(b, edit(2, 'B'));
    await settle();
    const updatesTo = (p: RecordingPeer) => p.received.filter((r) => r.kind === 'update').length;
    expect([updatesTo(a), updatesTo(b), updatesTo(c)]).toEqual([1, 1, 1]);
    expect(a.doc().getText('t').toString()).toBe('B');
    expect(b.doc().getText('t').toString()).toBe('A');
    expect(c.doc().getText('t').toString().split('').sort().join('')).toBe('AB');
    expect(c.doc().getText('t').toString()).toBe(room.doc.getText('t').toString());
  });

  it('[R4] presence is one’s own: a claim on another peer’s id is refused; leaving removes one’s states', async () => {
    const { room, settle } = await roomOn();
    const [a, b, watcher] = [new RecordingPeer('a', 'ana'), new RecordingPeer('b', 'ben'), new RecordingPeer('w', 'wes')];
    for (const p of [a, b, watcher]) room.join(p);
    expect(room.applyAwareness(a, presence(11, 1, { name: 'Ana' }))).toBe(0);
    await settle();
    expect(room.applyAwareness(b, presence(11, 2, { name: 'forged' }))).toBe(1);
    expect(room.applyAwareness(b, presence(22, 1, { name: 'Ben' }))).toBe(0);
    await settle();
    const seen = new Map<number, string>();
    for (const r of watcher.received) if (r.kind === 'awareness') for (const e of r.entries) seen.set(e.clientId, e.state);
    expect(seen.get(11)).toBe(JSON.stringify({ name: 'Ana' }));
    expect(seen.get(22)).toBe(JSON.stringify({ name: 'Ben' }));

    room.leave(a);
    await settle();
    const last = watcher.received.at(-1);
    expect(last?.kind === 'awareness' && last.entries.map((e) => [e.clientId, e.state])).toEqual([[11, 'null']]);
    // A peer has one presence id: Ben may not take the freed one as a second.
    expect(room.applyAwareness(b, presence(11, 3, { name: 'Ben again' }))).toBe(1);
    const late = new RecordingPeer('l', 'lee');
    room.join(late);
    const states = late.received.find((r) => r.kind === 'awareness');
    expect(states?.kind === 'awareness' && states.entries.map((e) => e.clientId)).toEqual([22]);
  });

  it('an update that does not fit the doc throws InvalidUpdateError; nothing is stored or relayed', async () => {
    const { room, storage, settle } = await roomOn();
    const [a, b] = [new RecordingPeer('a', 'ana'), new RecordingPeer('b', 'ben')];
    room.join(a);
    room.join(b);
    // A struct whose parent is the struct itself.
    const selfParent = handUpdate(7, 0, [childItem(7, 0, 4, str('x'))]);
    expect(() => room.applyClientUpdate(a, selfParent)).toThrow(InvalidUpdateError);
    await settle();
    expect((await storage.loadRoom(ROOM)).updates).toHaveLength(0);
    expect(b.received.filter((r) => r.kind === 'update')).toHaveLength(0);
    expect(room.doc.getText('t').toString()).toBe('');
  });

  it('a peer that leaves stops receiving; the room is idle once nobody holds it', async () => {
    const { room, settle } = await roomOn();
    const [a, b] = [new RecordingPeer('a', 'ana'), new RecordingPeer('b', 'ben')];
    room.join(a);
    room.join(b);
    room.leave(b);
    room.applyClientUpdate(a, edit(1, 'after'));
    await settle();
    expect(b.received.map((r) => r.kind)).toEqual(['step1']);
    expect(room.isIdle).toBe(false);
    room.leave(a);
    expect(room.isIdle).toBe(true);
  });
});
