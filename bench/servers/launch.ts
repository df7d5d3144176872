/**
 * Starts a server under test as its own process on a free loopback port and stops it:
 * Plenary (`node dist/server/main.js`, the bundle `npm start` runs, rebuilt first if stale;
 * SQLite, durable, authenticated), the
 * reference y-websocket server (reference.mjs) or the raw relay (relay.mjs). Each
 * measurement gets a fresh process, so its peak RSS (VmHWM) belongs to that measurement.
 *
 * Plenary runs on a copy of a prepared data folder (PlenaryFixture), so every round starts
 * from the same database whatever the previous round wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_BUNDLE, buildServer, serverBundleIsStale } from '../../scripts/buildServer.mjs';

/** The servers most scenarios compare. */
export const SERVER_KINDS = ['plenary', 'reference', 'relay'] as const;
/** Also `cluster`: three Plenary instances on PostgreSQL + Redis (scenario f only). */
export const ALL_SERVER_KINDS = ['plenary', 'cluster', 'reference', 'relay'] as const;
export type ServerKind = (typeof ALL_SERVER_KINDS)[number];

export const SERVER_LABELS: Record<ServerKind, string> = {
  plenary: 'Plenary (SQLite, durable, auth)',
  cluster: 'Plenary ×3 (PostgreSQL + Redis)',
  reference: 'y-websocket reference (memory)',
  relay: 'raw ws relay (no Yjs)',
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_SECRET = 'plenary-bench-secret';

export interface RunningServer {
  kind: ServerKind;
  pid: number;
  /** http://127.0.0.1:port */
  http: string;
  /** ws://127.0.0.1:port/collab — the base every client is given, for all three servers. */
  ws: string;
  /** SIGTERM (a clean close) unless told otherwise; resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Plenary: the prepared data folder to copy. Created empty when absent. */
  fixture?: PlenaryFixture;
  /** Write a V8 CPU profile into this folder on exit (`--cpu-prof`). */
  cpuProfileDir?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Environment of a Plenary under load: per-connection limits raised, as for any load test. */
export function plenaryEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `sqlite:${join(dataDir, 'plenary.db')}`,
    PLENARY_SECRET: BENCH_SECRET,
    PLENARY_DEMO: '0',
    LOG_LEVEL: 'warn',
    PLENARY_MSG_RATE: '100000',
    PLENARY_MSG_BURST: '100000',
    PLENARY_MAX_CONNECTIONS_PER_USER: '100000',
    // The durability the tables claim, whatever the caller's environment says; an
    // experiment can ask for another (bench/experiments/compareVariants.ts).
    PLENARY_SQLITE_SYNC: process.env.BENCH_PLENARY_SQLITE_SYNC ?? 'FULL',
    REDIS_URL: '',
  };
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
  if (kind === 'cluster') throw new Error('a cluster is started with startCluster()');
  if (kind !== 'plenary') {
    if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
    const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
    return spawnServer(kind, [...profile, join(ROOT, 'bench/servers', `${kind}.mjs`)], (port) => ({ ...process.env, HOST: '127.0.0.1', PORT: String(port) }));
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-bench-run-'));
  if (options.fixture) cpSync(options.fixture.dir, dataDir, { recursive: true });
  const server = await startServerOn(dataDir, options.cpuProfileDir).catch((err) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    ...server,
    stop: async (signal) => {
      await server.stop(signal);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bundle is checked (and built if stale) once per bench process, not at every start. */
let bundleReady: Promise<void> | undefined;

/** Plenary on `dataDir` itself (not a copy): for preparing fixtures and restart checks. */
export async function startServerOn(dataDir: string, cpuProfileDir?: string): Promise<RunningServer> {
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  const profile = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : [];
  // BENCH_PLENARY_ENTRY: measure a variant of the server (an experiment, TypeScript run through
  // tsx) with the same harness. Otherwise the production bundle, as `npm start` runs it.
  // BENCH_PLENARY_BUNDLE: another build's bundle (e.g. an earlier commit's, to compare builds).
  const variant = process.env.BENCH_PLENARY_ENTRY;
  const bundle = process.env.BENCH_PLENARY_BUNDLE;
  if (!variant && !bundle) await (bundleReady ??= serverBundleIsStale() ? buildServer() : Promise.resolve());
  const args = variant ? ['--import', 'tsx', ...profile, variant] : ['--enable-source-maps', ...profile, bundle ?? SERVER_BUNDLE];
  return spawnServer('plenary', args, (port) => plenaryEnv(dataDir, port));
}

async function spawnServer(kind: ServerKind, args: string[], env: (port: number) => NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePort();
  // BENCH_NODE_ARGS: extra node flags for every server under test, e.g. `--perf-basic-prof`
  // so that `perf record -p <pid>` names JavaScript functions.
  if (process.env.BENCH_NODE_ARGS) args = [...process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean), ...args];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: env(port), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start within 60 s`)), 60_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/running at/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited during start (${code}): ${out}`));
    });
  });
  return {
    kind,
    pid: child.pid!,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/collab`,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** A Plenary data folder prepared once per scenario (users, reports), copied for each run. */
export class PlenaryFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'plenary-bench-fixture-'));
  token = '';

  /** Runs `prepare` against a Plenary on this folder, then stops it (a clean close). */
  async prepare<T>(prepare: (server: RunningServer) => Promise<T>): Promise<T> {
    const server = await startServerOn(this.dir);
    try {
      return await prepare(server);
    } finally {
      await server.stop();
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Where the cluster keeps its data: BENCH_PG_URL (else a postgres DATABASE_URL, else plenary_bench on localhost) and BENCH_REDIS_URL. */
export const CLUSTER_PG_URL =
  process.env.BENCH_PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/plenary_bench');
export const CLUSTER_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `size` Plenary instances (the bundle) sharing PostgreSQL and Redis, each on its own port. */
export async function startCluster(size: number, cpuProfileDir?: string): Promise<RunningServer[]> {
  await (bundleReady ??= serverBundleIsStale() ? buildServer() : Promise.resolve());
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  const profile = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : [];
  const started: RunningServer[] = [];
  try {
    for (let i = 0; i < size; i++) {
      started.push(
        await spawnServer('cluster', ['--enable-source-maps', ...profile, SERVER_BUNDLE], (port) => ({
          ...plenaryEnv('/nonexistent', port),
          DATABASE_URL: CLUSTER_PG_URL,
          REDIS_URL: CLUSTER_REDIS_URL,
        })),
      );
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
  return started;
}
