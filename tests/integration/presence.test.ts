/**
 * Presence is one's own, and what waits for admission is bounded:
 * - another member claiming a user's awareness client id (higher clock, other name) is
 *   dropped and counted; the user's state is unchanged for everyone, and stays after the
 *   spoofer leaves;
 * - frames sent before admission completes wait in a bounded queue: a flood is closed 1008,
 *   and a normal client's early SyncStep1 and edit are not lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, signUp, createReport, api, type TestServer } from '../helpers/server';
import { connectClient, textOf, waitFor, waitSynced } from '../helpers/yclient';
import { awarenessFrame, openRaw, syncStep1Frame } from '../helpers/rawSocket';
import { POLICY_VIOLATION } from '../../server/src/wsServer';

let server: TestServer;
let owner: { token: string; name: string };
let spoofer: { token: string; name: string };
let reportId: string;
let room: string;

beforeAll(async () => {
  server = await startServer();
  owner = await signUp(server.url);
  spoofer = await signUp(server.url);
  reportId = (await createReport(server.url, owner.token)).id;
  room = `${reportId}.en`;
  await api(server.url, 'PUT', `/api/reports/${reportId}/members`, { name: spoofer.name, role: 'reviewer' }, owner.token);
});
afterAll(() => server.close());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

const nameIn = (states: Map<number, Record<string, unknown>>, id: number) => (states.get(id)?.user as { name?: string } | undefined)?.name;

describe('presence ownership', () => {
  it('a claim on another user’s client id is dropped and counted; their presence stays theirs', async () => {
    const victim = connectClient(server.wsUrl, room, owner.token);
    const observer = connectClient(server.wsUrl, room, owner.token);
    await Promise.all([waitSynced(victim), waitSynced(observer)]);
    victim.provider.awareness.setLocalStateField('user', { name: 'Victim' });
    const id = victim.doc.clientID;
    await waitFor(() => nameIn(observer.provider.awareness.getStates(), id) === 'Victim', 5000, 'victim presence seen');
    const before = await metric('plenary_rejected_total{reason="awareness_spoof"}');

    const raw = await openRaw(server.wsUrl, room, `token=${spoofer.token}`);
    const clock = (observer.provider.awareness.meta.get(id)?.clock ?? 0) + 100;
    raw.send(awarenessFrame([{ id, clock, state: JSON.stringify({ user: { name: 'Impostor' } }) }]));
    raw.send(awarenessFrame([{ id, clock: clock + 1, state: 'null' }]));
    // Its own id is fine (and proves the frames above were processed).
    raw.send(awarenessFrame([{ id: 99_123, clock: 1, state: JSON.stringify({ user: { name: 'Spoofer' } }) }]));
    await waitFor(() => nameIn(observer.provider.awareness.getStates(), 99_123) === 'Spoofer', 5000, 'spoofer own presence');
    expect(nameIn(observer.provider.awareness.getStates(), id)).toBe('Victim');
    expect(nameIn(victim.provider.awareness.getStates(), id)).toBe('Victim');
    expect(await metric('plenary_rejected_total{reason="awareness_spoof"}')).toBe(before + 2);

    raw.ws.close();
    await waitFor(() => !observer.provider.awareness.getStates().has(99_123), 5000, 'spoofer presence removed on leave');
    expect(nameIn(observer.provider.awareness.getStates(), id)).toBe('Victim');
    // A late joiner sees the victim as the victim.
    const late = connectClient(server.wsUrl, room, owner.token);
    await waitSynced(late);
    await waitFor(() => nameIn(late.provider.awareness.getStates(), id) === 'Victim', 5000, 'late joiner sees victim');
    for (const c of [victim, observer, late]) c.destroy();
  });
});

describe('pre-admission queue', () => {
  /** Holds every admission for `ms`, so frames are sent while it is pending. */
  function slowAdmission(ms: number): () => void {
    const collab = server.plenary.collab;
    const original = collab.admit.bind(collab);
    collab.admit = async (...args) => {
      await new Promise((r) => setTimeout(r, ms));
      return original(...args);
    };
    return () => void (collab.admit = original);
  }

  it('a flood before admission is closed 1008 and kept nowhere', async () => {
    const restore = slowAdmission(300);
    try {
      const raw = await openRaw(server.wsUrl, room, `token=${owner.token}`);
      const frame = syncStep1Frame();
      for (let i = 0; i < 500; i++) raw.send(frame);
      expect(await raw.closed).toEqual({ code: POLICY_VIOLATION, reason: 'too much sent before admission' });
      // By bytes too: a few large frames.
      const big = await openRaw(server.wsUrl, room, `token=${owner.token}`);
      for (let i = 0; i < 3; i++) big.send(new Uint8Array(600_000));
      expect((await big.closed).code).toBe(POLICY_VIOLATION);
    } finally {
      restore();
    }
  });

  it('a normal client’s SyncStep1 and first edit, sent before admission, are not lost', async () => {
    const restore = slowAdmission(300);
    try {
      const doc = new Y.Doc();
      const early = connectClient(server.wsUrl, room, owner.token, { doc, connect: false });
      // Typed the moment the socket opens: y-websocket sends it at once, before admission.
      early.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connected' && textOf(doc) === '') doc.getText('text').insert(0, 'typed while admitting');
      });
      early.provider.connect();
      const started = Date.now();
      await waitSynced(early);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      restore();
      const other = connectClient(server.wsUrl, room, owner.token);
      await waitSynced(other);
      await waitFor(() => textOf(other.doc) === 'typed while admitting', 5000, 'early edit arrived');
      early.destroy();
      other.destroy();
    } finally {
      restore();
    }
  });
});
