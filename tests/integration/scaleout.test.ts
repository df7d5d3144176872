/**
 * Several Plenary instances sharing one room through PostgreSQL and Redis (docs/scaling.md).
 *
 * The instances are child processes (`node --import tsx server/src/main.ts`, so the pid we
 * SIGKILL is the server itself, not an npx wrapper), on a scratch database. Clients are real
 * y-websocket providers; a client "behind the load balancer" is moved to another instance by
 * switching its provider's serverUrl, which the provider uses on its next reconnect.
 *
 * The first block needs DATABASE_URL=postgres://… and REDIS_URL; the second (room catch-up
 * with a lossy bus) runs everywhere, on SQLite.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import pino from 'pino';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createReport, signUp } from '../helpers/server';
import { connectClient, expectConverged, textOf, waitFor, type TestClient } from '../helpers/yclient';
import { createScratchDatabase, postgresUrlFromEnv } from '../contract/storage.contract';
import { Room } from '../../server/src/collab/room';
import { UpdateWriter } from '../../server/src/collab/updateWriter';
import { SqliteStorage } from '../../server/src/storage/sqlite';
import { MemoryBus, type MemoryPubSub } from '../../server/src/pubsub/memory';

const databaseUrl = postgresUrlFromEnv();
const redisUrl = process.env.REDIS_URL;
const servicesPresent = Boolean(databaseUrl && redisUrl);
if (!servicesPresent) {
  console.warn('Scale-out tests skipped: they need DATABASE_URL=postgres://… and REDIS_URL=redis://…');
}

interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  wsUrl: string;
  output: string[];
  exited: Promise<number | null>;
}

/** Starts an instance and resolves once /healthz answers; rejects if it dies first. */
async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PLENARY_DEMO: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let url: string | undefined;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    url ??= /Plenary running at (http:\/\/\S+)/.exec(output.join(''))?.[1];
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let dead = false;
  void exited.then(() => (dead = true));
  await waitFor(() => dead || url !== undefined, 30_000, `${name} to listen`);
  if (dead || !url) throw new Error(`${name} exited before listening:\n${output.join('')}`);
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  return { name, child, url, wsUrl: `${url.replace('http', 'ws')}/collab`, output, exited };
}

async function stopInstance(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill(signal);
  return instance.exited;
}

/** Each client appends unique tokens ("[c2:17]") to the shared text on a timer. */
function startTyping(clients: TestClient[], prefix: string, everyMs = 15) {
  const typed = clients.map(() => [] as string[]);
  const timers = clients.map((client, i) =>
    setInterval(() => {
      if (!client.provider.wsconnected) return;
      const token = `[${prefix}${i}:${typed[i].length}]`;
      const text = client.doc.getText('text');
      text.insert(text.length, token);
      typed[i].push(token);
    }, everyMs),
  );
  return {
    typed,
    count: () => typed.reduce((n, t) => n + t.length, 0),
    stop: () => timers.forEach(clearInterval),
  };
}

const tokensIn = (text: string) => new Set(text.match(/\[[a-z]+\d+:\d+\]/g) ?? []);

/** Every client's content, text and state vector agree, and every listed token is there. */
async function expectAllHave(clients: TestClient[], tokens: Iterable<string>, timeoutMs = 20_000) {
  await expectConverged(clients.map((c) => c.doc), timeoutMs);
  const present = tokensIn(textOf(clients[0].doc));
  const missing = [...tokens].filter((t) => !present.has(t));
  expect(missing).toEqual([]);
}

describe.runIf(servicesPresent)('scale-out: instances on PostgreSQL and Redis', () => {
  const instances: Instance[] = [];
  const clients: TestClient[] = [];
  let db: { url: string; drop(): Promise<void> };
  let redisAdmin: Redis;
  let env: Record<string, string>;
  let token: string;
  let room: string;

  /** The names of our instances' subscriber connections, learned as each one starts. */
  const subscriberNames = new Set<string>();
  const listSubscriberNames = async () =>
    new Set([...((await redisAdmin.client('LIST')) as string).matchAll(/ name=(plenary-sub-\S+)/g)].map((m) => m[1]));

  async function launch(name: string): Promise<Instance> {
    const before = await listSubscriberNames();
    const instance = await startInstance(name, env);
    instances.push(instance);
    for (const n of await listSubscriberNames()) if (!before.has(n)) subscriberNames.add(n);
    return instance;
  }

  function client(instance: Instance): TestClient {
    const c = connectClient(instance.wsUrl, room, token);
    // Defines the shared type up front, so toJSON shows it even before the first edit arrives.
    c.doc.getText('text');
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    db = await createScratchDatabase(databaseUrl!);
    redisAdmin = new Redis(redisUrl!);
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl!,
      PLENARY_SECRET: `scaleout-${randomBytes(8).toString('hex')}`,
      // Small, so compaction (one instance at a time) runs during the tests.
      PLENARY_COMPACT_AFTER: '40',
      PLENARY_UNLOAD_DELAY_MS: '60000',
    };
    // Started together: the migrations must cope with that.
    await Promise.all(['a', 'b', 'c'].map((n) => launch(n)));
    instances.sort((x, y) => x.name.localeCompare(y.name));
    const owner = await signUp(instances[0].url, `owner-${randomBytes(3).toString('hex')}`);
    token = owner.token;
    // The report is created on A and must be visible to B and C straight away.
    const report = await createReport(instances[0].url, token, { title: 'Scale-out report' });
    room = report.rooms[0];
  }, 90_000);

  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(instances.map((i) => stopInstance(i)));
    await redisAdmin?.quit();
    await db?.drop();
  }, 60_000);

  it('every instance serves a report created on another one', async () => {
    for (const instance of instances) {
      const res = await fetch(`${instance.url}/api/reports`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('Scale-out report');
    }
  });

  it('two instances: concurrent edits from clients on both converge', async () => {
    const [a, b] = instances;
    const group = [client(a), client(a), client(b), client(b)];
    await waitFor(() => group.every((c) => c.provider.synced), 10_000, 'sync');
    const typing = startTyping(group, 'two');
    await waitFor(() => typing.count() >= 120, 20_000, 'typing');
    typing.stop();
    await expectAllHave(group, typing.typed.flat());
  });

  it('three instances: clients spread over all of them converge', async () => {
    const group = instances.slice(0, 3).flatMap((i) => [client(i), client(i)]);
    await waitFor(() => group.every((c) => c.provider.synced), 10_000, 'sync');
    const typing = startTyping(group, 'three');
    await waitFor(() => typing.count() >= 150, 20_000, 'typing');
    typing.stop();
    await expectAllHave(group, typing.typed.flat());
    // Earlier tests' edits are in the room too: history is shared, not per instance.
    expect(textOf(group[0].doc)).toContain('[two0:0]');
  });

  it('[R1] kill -9 of one instance mid-edit loses nothing any client had seen', async () => {
    const [a, b, c] = instances;
    const onA = [client(a), client(a)];
    const onB = [client(b)];
    const onC = [client(c), client(c), client(c)]; // the last one goes away with C
    const all = [...onA, ...onB, ...onC];
    await waitFor(() => all.every((x) => x.provider.synced), 10_000, 'sync');
    const typing = startTyping(all, 'kill');
    await waitFor(() => typing.count() >= 120, 20_000, 'typing before the kill');

    // The load balancer would send C's clients elsewhere: point them at A and B.
    onC[0].provider.serverUrl = a.wsUrl;
    onC[1].provider.serverUrl = b.wsUrl;
    c.child.kill('SIGKILL');
    const lostWithC = onC[2];
    clients.splice(clients.indexOf(lostWithC), 1);
    lostWithC.destroy();
    // What every surviving client had seen at the moment of the kill.
    const survivors = [...onA, ...onB, onC[0], onC[1]];
    const seen = new Set(survivors.flatMap((x) => [...tokensIn(textOf(x.doc))]));
    const seenVectors = survivors.map((x) => Y.decodeStateVector(Y.encodeStateVector(x.doc)));
    expect(await c.exited).toBeNull(); // killed by a signal, no exit code

    await waitFor(() => onC[0].provider.synced && onC[1].provider.synced && onC[0].provider.wsconnected && onC[1].provider.wsconnected,
      15_000, "C's clients to reconnect elsewhere");
    const more = typing.count() + 60;
    await waitFor(() => typing.count() >= more, 20_000, 'typing after the kill');
    typing.stop();

    const typedBySurvivors = typing.typed.filter((_, i) => all[i] !== lostWithC).flat();
    await expectAllHave(survivors, [...seen, ...typedBySurvivors]);
    const final = Y.decodeStateVector(Y.encodeStateVector(survivors[0].doc));
    for (const vector of seenVectors) {
      for (const [clientId, clock] of vector) expect(final.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
    }
    instances.splice(instances.indexOf(c), 1);
  });

  it('[R8] a dropped Redis subscription mid-edit converges through catch-up', async () => {
    const [a, b] = instances;
    const group = [client(a), client(a), client(b), client(b)];
    await waitFor(() => group.every((x) => x.provider.synced), 10_000, 'sync');
    const typing = startTyping(group, 'redis', 5);
    await waitFor(() => typing.count() >= 60, 20_000, 'typing before the drop');

    // Drop the subscriber connections of our instances only (others may share this Redis);
    // whatever is published until ioredis has re-subscribed is lost to pub/sub.
    const list = (await redisAdmin.client('LIST')) as string;
    const ids = [...list.matchAll(/\bid=(\d+) .* name=(plenary-sub-\S+)/g)].filter((m) => subscriberNames.has(m[2])).map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) await redisAdmin.client('KILL', 'ID', id);

    const more = typing.count() + 60;
    await waitFor(() => typing.count() >= more, 20_000, 'typing after the drop');
    typing.stop();
    await expectAllHave(group, typing.typed.flat());
  });

  it('a fresh instance loads everything from PostgreSQL', async () => {
    const [a, b] = instances;
    const writers = [client(a), client(b)];
    await waitFor(() => writers.every((x) => x.provider.synced), 10_000, 'sync');
    const typing = startTyping(writers, 'fresh');
    await waitFor(() => typing.count() >= 40, 20_000, 'typing');
    typing.stop();
    await expectConverged(writers.map((x) => x.doc), 20_000);

    const fresh = await launch('d');
    const reader = client(fresh);
    await waitFor(() => reader.provider.synced, 10_000, 'sync with the fresh instance');
    // The reader sent nothing: all it has came from the fresh instance, which had only storage.
    await expectAllHave([reader, ...writers], [...tokensIn(textOf(writers[0].doc))]);
    for (const prefix of ['two', 'three', 'kill', 'redis', 'fresh']) expect(textOf(reader.doc)).toContain(`[${prefix}0:0]`);
    // Compaction ran along the way (PLENARY_COMPACT_AFTER=40), so that load went through a
    // snapshot written by one instance plus rows appended by several.
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const { rows } = await pool.query<{ upto_seq: string }>('SELECT upto_seq FROM room_snapshots WHERE room = $1', [room]);
    await pool.end();
    expect(Number(rows[0]?.upto_seq)).toBeGreaterThan(0);
  });
});

/**
 * The room's catch-up, in process: two rooms on one store whose bus loses every message,
 * so whatever one writes reaches the other only through catch-up from storage.
 */
describe('[R8] room catch-up from storage (lossy bus, SQLite)', () => {
  let dir: string;
  let storage: SqliteStorage;
  const rooms: Room[] = [];

  /** A bus that loses every message: manual delivery, never delivered. The rooms must read the log. */
  const lossyBus = () => new MemoryBus({ delivery: 'manual', needsCatchUp: true });
  let instances = 0;

  const pubsubOf = new Map<Room, MemoryPubSub>();

  async function openRoom(name: string, bus: MemoryBus, catchUpMs: number): Promise<Room> {
    const log = pino({ level: 'silent' });
    const pubsub = bus.open(`instance${++instances}`);
    const room = await Room.load(name, { storage, pubsub, writer: new UpdateWriter(storage, log), log, compactAfter: 1_000_000, catchUpMs });
    rooms.push(room);
    pubsubOf.set(room, pubsub);
    return room;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plenary-catchup-'));
    storage = new SqliteStorage(join(dir, 'plenary.db'));
  });
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((r) => r.destroy()));
    await Promise.all([...pubsubOf.values()].map((p) => p.close()));
    pubsubOf.clear();
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = (room: Room) => room.doc.getText('t').toString();
  const type = (room: Room, s: string) => room.change((doc) => doc.getText('t').insert(doc.getText('t').length, s));

  it('a periodic read brings what another instance stored', async () => {
    const bus = lossyBus();
    const [one, two] = [await openRoom('periodic.en', bus, 20), await openRoom('periodic.en', bus, 20)];
    await type(one, 'hello ');
    await type(two, 'world');
    await waitFor(() => text(one).length === 11 && text(two).length === 11, 5000, 'catch-up both ways');
    expect(text(one)).toBe(text(two));
  });

  it('a re-subscription triggers a full read at once', async () => {
    const bus = lossyBus();
    const hour = 3_600_000;
    const [one, two] = [await openRoom('resub.en', bus, hour), await openRoom('resub.en', bus, hour)];
    await type(one, 'after the outage');
    expect(text(two)).toBe('');
    pubsubOf.get(two)!.resubscribed();
    await waitFor(() => text(two) === 'after the outage', 5000, 'catch-up on resubscribe');
  });

  it('rows pruned past the cursor are recovered from the snapshot', async () => {
    const bus = lossyBus();
    const one = await openRoom('pruned.en', bus, 3_600_000);
    const two = await openRoom('pruned.en', bus, 3_600_000);
    // Two compaction generations go by while `two` hears nothing: the rows `two` never read
    // are pruned (the lagged prune keeps only the last generation).
    await type(one, 'a');
    await one.compact();
    await type(one, 'b');
    await one.compact();
    await type(one, 'c');
    expect((await storage.readUpdates('pruned.en', 0)).length).toBe(2);
    // The periodic read sees only later rows, which depend on missing ones: it reads in full.
    await two.catchUp();
    expect(text(two)).toBe('abc');
  });
});
