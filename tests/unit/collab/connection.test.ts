/**
 * Connection and Room on the in-memory harness: real Room, Connection, UpdateWriter and
 * SQLite, no socket. Every frame moves when the test delivers it, so each rule is checked at
 * the exact moment it matters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { SqliteStorage } from '../../../server/src/storage/sqlite';
import type { Storage } from '../../../server/src/storage/types';
import { MemoryBus } from '../../../server/src/pubsub/memory';
import type { CollabLimits } from '../../../server/src/collab/limits';
import { CloseCode } from '../../../shared/src/closeCodes';
import { MessageType, PERMISSION_DENIED_REASON } from '../../../shared/src/protocol';
import { CollabInstance } from '../../harness/collabInstance';
import { ProtocolClient } from '../../harness/protocolClient';
import { gatedStorage } from '../../harness/gatedStorage';

const ROOM = 'harness01.en';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(options: { storage?: Storage; limits?: Partial<CollabLimits> } = {}) {
  const storage = options.storage ?? new SqliteStorage(':memory:');
  const bus = new MemoryBus({ delivery: 'manual' });
  const instance = await CollabInstance.start('one', { storage, bus, room: ROOM, limits: options.limits });
  cleanup.push(() => storage.close(), () => instance.stop());
  return { storage, bus, instance };
}
function client(name: string, id: number) {
  const c = new ProtocolClient(name, id);
  cleanup.push(() => c.destroy());
  return c;
}
const text = (c: ProtocolClient) => c.doc.getText('t').toString();
const type = (c: ProtocolClient, s: string) => c.doc.getText('t').insert(c.doc.getText('t').length, s);
async function rows(storage: Storage) {
  return (await storage.loadRoom(ROOM)).updates.length;
}


describe('connection on the in-memory harness', () => {
  it('[R12] the server opens with SyncStep1; both sides are synced after one flush', async () => {
    const { instance } = await setup();
    const a = client('a', 1);
    type(a, 'offline first');
    const { pair } = instance.connect(a);
    expect(pair.pendingToClient).toBe(1); // SyncStep1, nothing else before the client speaks
    pair.flush();
    await instance.settle();
    pair.flush();
    expect(a.synced).toBe(true);
    expect(instance.room.doc.getText('t').toString()).toBe('offline first');
  });

  it('[R1] an update reaches nobody, not even a joining client, before it is durable', async () => {
    const { storage, open } = gatedStorage();
    const { instance } = await setup({ storage });
    const [a, b] = [client('a', 1), client('b', 2)];
    const pa = instance.connect(a).pair;
    const pb = instance.connect(b).pair;
    pa.flush();
    pb.flush();
    type(a, 'held');
    pa.flush();
    await new Promise((r) => setImmediate(r));
    pb.flush();
    expect(text(b)).toBe('');
    const c = client('c', 3);
    const pc = instance.connect(c).pair;
    pc.flush();
    await new Promise((r) => setImmediate(r));
    pc.flush();
    expect(c.synced).toBe(false); // its SyncStep2 waits for the write
    expect(text(c)).toBe('');

    open();
    await instance.settle();
    pb.flush();
    pc.flush();
    expect([text(b), text(c), c.synced]).toEqual(['held', 'held', true]);
    expect(await rows(storage)).toBe(1);
  });

  it('[R3] a read-only connection’s updates are refused with permission-denied and go nowhere', async () => {
    const { storage, instance } = await setup();
    const [reader, writer] = [client('reader', 1), client('writer', 2)];
    const pr = instance.connect(reader, false).pair;
    const pw = instance.connect(writer).pair;
    pr.flush();
    pw.flush();
    type(reader, 'not allowed');
    pr.flush();
    await instance.settle();
    pw.flush();
    pr.flush();
    // Only the edit is refused: the join's empty SyncStep2 (y-websocket sends one on every
    // connect) writes nothing and gets no answer.
    expect(reader.denied).toEqual([PERMISSION_DENIED_REASON]);
    expect(instance.room.doc.getText('t').toString()).toBe('');
    expect(text(writer)).toBe('');
    expect(await rows(storage)).toBe(0);
    // The writer's edits still reach the reader.
    type(writer, 'allowed');
    pw.flush();
    await instance.settle();
    pr.flush();
    // The reader keeps its refused edit locally (the server never took it) and gets the writer's.
    expect(text(reader).replace('not allowed', '')).toBe('allowed');
    expect(instance.room.doc.getText('t').toString()).toBe('allowed');
  });

  it('[R4] a connection sets awareness for its own client id only; its states go when it leaves', async () => {
    const { instance } = await setup();
    const [a, b] = [client('a', 11), client('b', 22)];
    const pa = instance.connect(a).pair;
    const pb = instance.connect(b).pair;
    a.setAwareness({ name: 'a' });
    a.setAwareness({ name: 'forged' }, 22);
    pa.flush();
    await instance.settle(); // awareness leaves merged, once per event-loop turn (relay.ts)
    pb.flush();
    expect([...b.peers]).toEqual([[11, JSON.stringify({ name: 'a' })]]);
    a.disconnect();
    pa.flush();
    await instance.settle();
    pb.flush();
    expect(b.peers.get(11)).toBeNull();
  });

  it('[R5] a malformed frame closes its sender with 4400; the others keep editing', async () => {
    const { instance } = await setup();
    const [bad, good, other] = [client('bad', 1), client('good', 2), client('other', 3)];
    const [pbad, pgood, pother] = [instance.connect(bad).pair, instance.connect(good).pair, instance.connect(other).pair];
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]));
    bad.send(encoding.toUint8Array(e));
    pbad.flush();
    expect(pbad.closeSeen?.code).toBe(CloseCode.Malformed);
    type(good, 'still fine');
    pgood.flush();
    await instance.settle();
    pother.flush();
    expect(text(other)).toBe('still fine');
    // The frame is well formed; the update in it is not: the validation layer names why.
    expect(instance.rejected).toEqual(['invalid_undecodable']);
  });

  it('[R6] a client that is never read from is closed as a slow reader (4508)', async () => {
    const { instance } = await setup({ limits: { maxBufferedBytes: 2000 } });
    const [writer, slow] = [client('writer', 1), client('slow', 2)];
    const pw = instance.connect(writer).pair;
    const ps = instance.connect(slow).pair;
    ps.flush();
    pw.flush();
    for (let i = 0; i < 40; i++) {
      type(writer, 'x'.repeat(100));
      pw.flush();
      await instance.settle();
    }
    expect(ps.bufferedBytes()).toBeGreaterThan(0);
    ps.deliverToClient();
    expect(ps.closeSeen?.code).toBe(CloseCode.SlowReader);
    expect(instance.rejected).toContain('slow_reader');
    expect(Y.encodeStateAsUpdate(writer.doc).length).toBeGreaterThan(4000);
  });
});
