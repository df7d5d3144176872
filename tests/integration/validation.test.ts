/**
 * The validation layer (server/src/collab/updateValidation.ts): updates Yjs would apply but
 * no fresh document could load again — zero-length structs of every kind, empty content,
 * parents that are not types, self references, unknown content, trailing bytes — close the
 * sender 4400 with the reason, are counted in /metrics, and are neither stored nor relayed:
 * after a restart the room opens and a fresh Yjs and yrs document load it. What is relayed is
 * the server's re-encoding, and updates whose dependencies never come are dropped (4509).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as ywasm from 'ywasm';
import { CloseCode } from '../../shared/src/closeCodes';
import { DEFAULT_LIMITS } from '../../server/src/collab/limits';
import { startServer, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, converged, textOf, waitFor, waitSynced } from '../helpers/yclient';
import { childItem, gc, handUpdate, len, openRaw, rootItem, roundTrip, str, updateFrame } from '../helpers/rawSocket';

let server: TestServer;
let token: string;
let room: string;

beforeAll(async () => {
  server = await startServer({ limits: { ...DEFAULT_LIMITS, pendingTimeoutMs: 300, maxPendingStructs: 50 } });
  token = (await signUp(server.url)).token;
  room = `${(await createReport(server.url, token)).id}.en`;
});
afterAll(() => server.close());

const C = 777_001;
const validText = handUpdate(C + 99, 0, [rootItem('t', 4, str('ok'))]);
const cases: [string, Uint8Array, string][] = [
  ['the 9-byte update: one GC struct of length 0', handUpdate(C, 0, [gc(0)]), 'zero_length'],
  ['deleted content of length 0', handUpdate(C + 1, 0, [rootItem('t', 1, len(0))]), 'zero_length'],
  ['an empty string', handUpdate(C + 2, 0, [rootItem('t', 4, str(''))]), 'zero_length'],
  ['a JSON content with zero entries', handUpdate(C + 3, 0, [rootItem('t', 2, len(0))]), 'zero_length'],
  ['an Any content with zero entries', handUpdate(C + 4, 0, [rootItem('t', 8, len(0))]), 'zero_length'],
  ['a parent that is a string, not a type', handUpdate(C + 5, 0, [rootItem('t', 4, str('hello')), childItem(C + 5, 0, 4, str('x'))]), 'bad_parent'],
  ['a parent that is the struct itself', handUpdate(C + 6, 0, [childItem(C + 6, 0, 4, str('x'))]), 'bad_reference'],
  ['an unknown content ref', handUpdate(C + 7, 0, [rootItem('t', 15, len(0))]), 'unknown_content'],
  ['trailing bytes', new Uint8Array([...validText, 0]), 'trailing_bytes'],
  ['legacy JSON content (yrs cannot read it)', handUpdate(C + 9, 0, [rootItem('t', 2, (e) => { len(1)(e); str('1')(e); })]), 'unsupported_content'],
  ['an XmlHook type (yrs cannot read it)', handUpdate(C + 10, 0, [rootItem('t', 7, (e) => { len(5)(e); str('hook')(e); })]), 'unsupported_content'],
  ['a subdocument', handUpdate(C + 8, 0, [rootItem('t', 9, (e) => { str('guid')(e); len(118)(e); len(0)(e); })]), 'unsupported_content'],
];

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{') && l.includes(`} `) && l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : 0;
}
const rejected = (reason: string) => metric(`plenary_rejected_total{reason="${reason}"}`);

describe('validate before storing', () => {
  it('[R20] refuses every update a fresh document could not load: 4400, counted, not stored, not relayed', async () => {
    const watcher = connectClient(server.wsUrl, room, token);
    await waitSynced(watcher);
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      for (const [what, update, reason] of cases) {
        const before = await rejected(`invalid_${reason}`);
        const raw = await openRaw(server.wsUrl, room, `token=${token}`);
        raw.send(updateFrame(update));
        const closed = await raw.closed;
        expect(closed, what).toEqual({ code: CloseCode.Malformed, reason: `invalid update: ${reason}` });
        expect(await rejected(`invalid_${reason}`), what).toBe(before + 1);
      }
      // A calm writer is unaffected; the watcher got its edit and nothing of the refused ones.
      const calm = connectClient(server.wsUrl, room, token);
      await waitSynced(calm);
      calm.doc.getText('text').insert(0, 'still here');
      await waitFor(() => textOf(watcher.doc) === 'still here', 5000, 'calm edit relayed');
      const sv = Y.decodeStateVector(Y.encodeStateVector(watcher.doc));
      for (let id = C; id <= C + 10; id++) expect(sv.has(id)).toBe(false);
      calm.destroy();
    } finally {
      console.error = originalError;
      watcher.destroy();
    }
    expect(errors).toEqual([]);

    // Nothing of it was stored: after a restart the room opens, in Yjs and in yrs.
    const port = Number(new URL(server.url).port);
    const dir = server.dir;
    await server.plenary.close();
    server = await startServer({ port, limits: { ...DEFAULT_LIMITS, pendingTimeoutMs: 300, maxPendingStructs: 50 } }, { DATABASE_URL: `sqlite:${join(dir, 'plenary.db')}` });
    const log = await server.plenary.storage.loadRoom(room);
    const fresh = new Y.Doc();
    for (const u of [log.snapshot, ...log.updates]) if (u) Y.applyUpdate(fresh, u);
    expect(fresh.getText('text').toString()).toBe('still here');
    const yrs = new ywasm.YDoc({});
    ywasm.applyUpdate(yrs, Y.encodeStateAsUpdate(fresh), null);
    expect(yrs.getText('text').toString(undefined)).toBe('still here');
    const again = connectClient(server.wsUrl, room, token);
    await waitSynced(again);
    expect(textOf(again.doc)).toBe('still here');
    again.destroy();
  });

  it('accepts an insert into an element another client deleted meanwhile (its content collected)', async () => {
    // Regression (mutation fuzz, seed 14): the server had collected the deleted element's
    // content (ContentDeleted) and took the late child's parent for "not a type".
    const a = connectClient(server.wsUrl, room, token);
    const b = connectClient(server.wsUrl, room, token);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const fragment = a.doc.getXmlFragment('race');
    fragment.insert(0, [new Y.XmlElement('paragraph')]);
    await waitFor(() => b.doc.getXmlFragment('race').length === 1, 5000, 'paragraph relayed');
    b.provider.disconnect();
    // b: a child with no siblings, so its parent is written as the paragraph's id.
    (b.doc.getXmlFragment('race').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('late')]);
    fragment.delete(0, 1);
    const held = (await server.plenary.registry.loaded(room))!;
    await waitFor(() => held.doc.getXmlFragment('race').length === 0, 5000, 'deletion applied');
    b.provider.connect();
    await waitSynced(b);
    await waitFor(() => b.doc.getXmlFragment('race').length === 0 && converged([a.doc, b.doc]), 5000, 'converged');
    expect(b.closes).toEqual([]);
    a.destroy();
    b.destroy();
  });

  it('relays the server re-encoding, never the bytes the client sent', async () => {
    const watcher = await openRaw(server.wsUrl, room, `token=${token}`);
    const writer = await openRaw(server.wsUrl, room, `token=${token}`);
    await roundTrip(watcher);
    const first = handUpdate(C + 50, 0, [rootItem('r', 4, str('abc'))]);
    writer.send(updateFrame(first));
    await waitFor(() => watcher.updates.some((u) => Y.decodeUpdate(u).structs.some((s) => s.id.client === C + 50)), 5000, 'first relayed');
    // The same struct again, with a new one after it: only the new one goes out.
    const both = Y.mergeUpdates([first, handUpdate(C + 50, 3, [rootItem('r', 4, str('def'))])]);
    const seen = watcher.updates.length;
    writer.send(updateFrame(both));
    await waitFor(() => watcher.updates.length > seen, 5000, 'second relayed');
    const relayed = watcher.updates[seen];
    expect(Buffer.from(relayed).equals(Buffer.from(both))).toBe(false);
    const structs = Y.decodeUpdate(relayed).structs;
    expect(structs.map((s) => [s.id.client, s.id.clock])).toEqual([[C + 50, 3]]);
    watcher.ws.close();
    writer.ws.close();
  });

  it('drops updates whose dependencies never arrive, and tells the sender to resync (4509)', async () => {
    const before = await rejected('pending_dropped');
    const raw = await openRaw(server.wsUrl, room, `token=${token}`);
    // Clock 10 of a client the room has never seen: waits for 0..9, which never come.
    raw.send(updateFrame(handUpdate(C + 60, 10, [rootItem('p', 4, str('orphan'))])));
    expect(await raw.closed).toEqual({ code: CloseCode.Resync, reason: 'updates without their dependencies; resync' });
    expect(await rejected('pending_dropped')).toBe(before + 1);
    const held = await server.plenary.registry.loaded(room);
    expect(held?.waitsForMissing()).toBe(false);
    // Over the count bound: dropped at once, not after the timeout.
    const big = await openRaw(server.wsUrl, room, `token=${token}`);
    const started = Date.now();
    big.send(updateFrame(handUpdate(C + 61, 5, Array.from({ length: 60 }, () => rootItem('p', 4, str('x'))))));
    expect((await big.closed).code).toBe(CloseCode.Resync);
    expect(Date.now() - started).toBeLessThan(300);
  });
});
