/**
 * (a) One busy room: N clients in one room, W of them typing E edits/s each for D seconds.
 * Measures propagation latency (writer's stamp → each receiver), updates not delivered
 * live, clients that did not converge, the server's CPU per delivered update and its peak
 * RSS. Clients are spread over two load processes; at 200 clients the receivers saturate
 * their processes (see `clientLoopP99`), so there CPU per delivered update and RSS are the
 * clean comparison and latency is compared at 50 clients.
 */
import { CpuWindow, peakRssBytes, threadCpuBetween, threadTicks } from '../load/procstat';
import { closeFleet, startFleet, waitForDeliveries, type LoadProcess } from '../load/fleet';
import { mergeSorted, quantile } from '../load/stats';
import { PlenaryFixture, SERVER_KINDS, startServer, type ServerKind } from '../servers/launch';
import { createReport, signUp } from '../servers/plenaryApi';
import { reportText } from './reportText';
import { appendWindow, readAppendHistogram } from '../servers/appendMetrics';
import type { Measurement, Metric, Scenario, ScenarioOptions } from './types';

export interface FanoutParams {
  clients: number;
  writers: number;
  editsPerSecond: number;
  durationMs: number;
  processes: number;
  /**
   * Before joining, this many other rooms each get one idle client (from a load process of
   * their own), as on a server where people have reports open. On Plenary they are reports
   * created through the API just before, in the measured process (with `idleParagraphs`
   * numbered paragraphs each), as the independent harness of issue 16 did; the other servers
   * get the same number of rooms, empty (they have no API).
   */
  idleRooms?: number;
  idleParagraphs?: number;
  /**
   * Before the measured writes, the same writers type this long unmeasured (default 10 s, 3 s
   * with --quick), so that every server's code is compiled as on a server that has been
   * running: a fresh Plenary process spent ~30% of a measured round in V8's optimizing
   * compiler (perf), the reference ~13% (docs/performance.md, "Warm-up").
   */
  warmupMs?: number;
}

export const LATENCY_METRICS: Metric[] = [
  { key: 'p50', label: 'latency p50', unit: 'ms', digits: 1 },
  { key: 'p99', label: 'latency p99', unit: 'ms', digits: 1 },
  { key: 'max', label: 'latency max', unit: 'ms', digits: 0 },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deals `count` items round-robin over `parts` (client i goes to process i mod parts). */
export function deal(count: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, p) => Math.floor(count / parts) + (p < count % parts ? 1 : 0));
}

export function fanoutScenario(id: string, params: FanoutParams, options: ScenarioOptions): Scenario {
  const fixture = new PlenaryFixture();
  let room = '';
  const openIdleRooms = async (kind: ServerKind, http: string, ws: string, idle: LoadProcess) => {
    const count = params.idleRooms ?? 0;
    const text = params.idleParagraphs ? reportText('en', params.idleParagraphs) : undefined;
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (kind === 'plenary') names.push(`${(await createReport(http, fixture.token, { title: `Idle report ${i}`, languages: ['fr'], text })).id}.en`);
      else names.push(`idle-${i}`);
    }
    const joined = await idle.join({ base: ws, token: fixture.token, rooms: names, concurrency: 8, timeoutMs: 60_000 });
    if (joined.failed > 0) throw new Error(`${kind}: ${joined.failed} idle clients did not sync`);
  };
  return {
    id,
    title: `one room, ${params.clients} clients, ${params.writers} writers × ${params.editsPerSecond} edits/s, ${params.durationMs / 1000} s`,
    params: { ...params },
    servers: SERVER_KINDS,
    metrics: [
      ...LATENCY_METRICS,
      { key: 'lost', label: 'updates not delivered', unit: '', digits: 0 },
      { key: 'diverged', label: 'clients not converged', unit: '', digits: 0 },
      { key: 'cpuUsPerDelivery', label: 'server CPU per delivered update', unit: 'µs', digits: 1 },
      { key: 'serverCpuS', label: 'server CPU', unit: 's', digits: 2 },
      { key: 'peakRssMB', label: 'server peak RSS', unit: 'MB', digits: 0 },
      { key: 'delivered', label: 'updates delivered', unit: '', digits: 0 },
      { key: 'clientLoopP99', label: 'load-process event-loop delay p99', unit: 'ms', digits: 0 },
      { key: 'connectP50', label: 'connect+sync p50', unit: 'ms', digits: 1 },
      { key: 'commits', label: 'group commits (Plenary)', unit: '', digits: 0 },
      { key: 'commitMeanMs', label: 'group commit mean, fsync included', unit: 'ms', digits: 2 },
      { key: 'commitsOver10msPct', label: 'group commits over 10 ms', unit: '%', digits: 1 },
    ],
    notes: [],
    async prepare() {
      room = await fixture.prepare(async (server) => {
        fixture.token = await signUp(server.http);
        const report = await createReport(server.http, fixture.token, { title: 'Fan-out bench', languages: [] });
        return `${report.id}.en`;
      });
    },
    async measure(kind: ServerKind): Promise<Measurement> {
      const [server, fleet] = await Promise.all([
        startServer(kind, { fixture, cpuProfileDir: options.profileDir }),
        startFleet(params.processes + (params.idleRooms ? 1 : 0)),
      ]);
      const idleProcess = params.idleRooms ? fleet.pop() : undefined;
      try {
        if (idleProcess) await openIdleRooms(kind, server.http, server.ws, idleProcess);
        const clientsPer = deal(params.clients, params.processes);
        const writersPer = deal(params.writers, params.processes);
        const joins = await Promise.all(
          fleet.map((p, i) => p.join({ base: server.ws, token: fixture.token, rooms: Array(clientsPer[i]).fill(room), concurrency: 8, timeoutMs: 30_000 })),
        );
        const failed = joins.reduce((s, j) => s + j.failed, 0);
        if (failed > 0) throw new Error(`${kind}: ${failed} clients did not sync`);
        const connect = mergeSorted(joins.map((j) => j.connectMs));
        await sleep(1000); // let the join-time awareness traffic settle
        const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? params.warmupMs ?? (options.quick ? 3000 : 10_000));
        let warmSent = 0;
        if (warmupMs > 0) {
          const warm = await Promise.all(fleet.map((p, i) => p.write({ writers: writersPer[i], editsPerSecond: params.editsPerSecond, durationMs: warmupMs })));
          warmSent = warm.reduce((s, w) => s + w.sent, 0);
          await waitForDeliveries(fleet, warmSent * (params.clients - 1));
          await sleep(500);
        }
        await Promise.all(fleet.map((p) => p.reset()));

        const commitsBefore = kind === 'plenary' ? await readAppendHistogram(server.http) : null;
        const window = new CpuWindow([server.pid, process.pid, ...fleet.map((p) => p.pid)]);
        const threadsBefore = process.env.BENCH_THREADS ? threadTicks(server.pid) : null;
        const writes = await Promise.all(fleet.map((p, i) => p.write({ writers: writersPer[i], editsPerSecond: params.editsPerSecond, durationMs: params.durationMs })));
        const sent = writes.reduce((s, w) => s + w.sent, 0);
        const expected = sent * (params.clients - 1);
        await waitForDeliveries(fleet, expected);
        const serverCpuS = window.used(server.pid);
        if (threadsBefore) console.log(`${kind} server threads (CPU s):`, JSON.stringify(threadCpuBetween(threadsBefore, threadTicks(server.pid))));
        const otherCores = window.otherCores();
        const commits = kind === 'plenary' ? appendWindow(commitsBefore, await readAppendHistogram(server.http)) : {};

        const collected = await Promise.all(fleet.map((p) => p.collect({ expectedByRoom: { [room]: warmSent + sent } })));
        const delivered = collected.reduce((s, c) => s + c.received, 0);
        const latencies = mergeSorted(collected.map((c) => c.latencies));
        const disconnects = collected.reduce((s, c) => s + c.disconnects, 0);
        return {
          values: {
            p50: quantile(latencies, 0.5),
            p99: quantile(latencies, 0.99),
            max: latencies[latencies.length - 1],
            lost: Math.max(0, expected - delivered),
            diverged: collected.reduce((s, c) => s + c.diverged, 0),
            cpuUsPerDelivery: (serverCpuS / delivered) * 1e6,
            serverCpuS,
            peakRssMB: peakRssBytes(server.pid) / 2 ** 20,
            delivered,
            clientLoopP99: Math.max(...collected.map((c) => c.loopDelayP99Ms)),
            connectP50: quantile(connect, 0.5),
            ...commits,
          },
          otherCores,
          notes: disconnects > 0 ? [`${disconnects} disconnects`] : [],
        };
      } finally {
        await closeFleet(idleProcess ? [...fleet, idleProcess] : fleet);
        await server.stop();
      }
    },
    async dispose() {
      fixture.dispose();
    },
  };
}
