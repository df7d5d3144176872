/**
 * (b) Many small rooms: R rooms × 2 clients, the two clients of a room in different load
 * processes. First connect+sync latency (each process keeps a few connections in flight) and
 * the server's memory with every room open; then, with all 2R connections open, a light
 * write load (one client per room types E edits/s) and its propagation latency — the
 * "2,000 concurrent connections, p99 under 100 ms" target at R = 1,000.
 */
import { CpuWindow, peakRssBytes, rssBytes } from '../load/procstat';
import { closeFleet, startFleet, waitForDeliveries } from '../load/fleet';
import { mergeSorted, quantile } from '../load/stats';
import { PlenaryFixture, SERVER_KINDS, startServer, type ServerKind } from '../servers/launch';
import { createReport, signUp } from '../servers/plenaryApi';
import type { Measurement, Scenario, ScenarioOptions } from './types';

export interface ManyRoomsParams {
  rooms: number;
  /** Connections each load process keeps in flight while joining. */
  connectConcurrency: number;
  editsPerSecond: number;
  durationMs: number;
}

/** A report has one room per language; five targets give six rooms per report. */
const TARGETS = ['ar', 'zh', 'fr', 'ru', 'es'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function manyRoomsScenario(params: ManyRoomsParams, options: ScenarioOptions): Scenario {
  const fixture = new PlenaryFixture();
  let rooms: string[] = [];
  return {
    id: 'b',
    title: `${params.rooms} rooms × 2 clients (${params.rooms * 2} connections); then 1 writer per room × ${params.editsPerSecond} edits/s, ${params.durationMs / 1000} s`,
    params: { ...params },
    servers: SERVER_KINDS,
    metrics: [
      { key: 'connectP50', label: 'connect+sync p50', unit: 'ms', digits: 1 },
      { key: 'connectP99', label: 'connect+sync p99', unit: 'ms', digits: 1 },
      { key: 'rssMB', label: 'server RSS, all rooms open', unit: 'MB', digits: 0 },
      { key: 'kbPerRoom', label: 'server RSS per open room (2 conns)', unit: 'KB', digits: 1 },
      { key: 'p50', label: 'latency p50 (light load)', unit: 'ms', digits: 1 },
      { key: 'p99', label: 'latency p99 (light load)', unit: 'ms', digits: 1 },
      { key: 'max', label: 'latency max (light load)', unit: 'ms', digits: 0 },
      { key: 'lost', label: 'updates not delivered', unit: '', digits: 0 },
      { key: 'diverged', label: 'clients not converged', unit: '', digits: 0 },
      { key: 'connectCpuMs', label: 'server CPU per connection', unit: 'ms', digits: 2 },
      { key: 'cpuUsPerDelivery', label: 'server CPU per delivered update', unit: 'µs', digits: 1 },
      { key: 'peakRssMB', label: 'server peak RSS', unit: 'MB', digits: 0 },
    ],
    notes: [
      'RSS per open room = (RSS with every room joined − RSS before the first join) / rooms; it includes the two connections. Plenary rooms are report rooms (the original holds the blank report, the five targets are empty).',
    ],
    async prepare() {
      rooms = await fixture.prepare(async (server) => {
        fixture.token = await signUp(server.http);
        const names: string[] = [];
        while (names.length < params.rooms) {
          const report = await createReport(server.http, fixture.token, { title: `Room bench ${names.length}`, languages: TARGETS });
          names.push(...[`${report.id}.en`, ...TARGETS.map((l) => `${report.id}.${l}`)]);
        }
        return names.slice(0, params.rooms);
      });
    },
    async measure(kind: ServerKind): Promise<Measurement> {
      const [server, fleet] = await Promise.all([startServer(kind, { fixture, cpuProfileDir: options.profileDir }), startFleet(2)]);
      try {
        const baseline = rssBytes(server.pid);
        const joinWindow = new CpuWindow([server.pid]);
        const joins = await Promise.all(
          fleet.map((p) => p.join({ base: server.ws, token: fixture.token, rooms, concurrency: params.connectConcurrency, timeoutMs: 60_000 })),
        );
        const connectCpuMs = (joinWindow.used(server.pid) / (rooms.length * 2)) * 1000;
        const failed = joins.reduce((s, j) => s + j.failed, 0);
        if (failed > 0) throw new Error(`${kind}: ${failed} clients did not sync`);
        const connect = mergeSorted(joins.map((j) => j.connectMs));
        await sleep(1000);
        const rss = rssBytes(server.pid);
        await Promise.all(fleet.map((p) => p.reset()));

        const window = new CpuWindow([server.pid, process.pid, ...fleet.map((p) => p.pid)]);
        const write = await fleet[0].write({ writers: rooms.length, editsPerSecond: params.editsPerSecond, durationMs: params.durationMs });
        await waitForDeliveries(fleet, write.sent);
        const serverCpuS = window.used(server.pid);
        const otherCores = window.otherCores();

        const collected = await Promise.all(fleet.map((p) => p.collect({ expectedByRoom: write.sentByRoom })));
        const delivered = collected.reduce((s, c) => s + c.received, 0);
        const latencies = mergeSorted(collected.map((c) => c.latencies));
        const disconnects = collected.reduce((s, c) => s + c.disconnects, 0);
        return {
          values: {
            connectP50: quantile(connect, 0.5),
            connectP99: quantile(connect, 0.99),
            rssMB: rss / 2 ** 20,
            kbPerRoom: (rss - baseline) / rooms.length / 1024,
            p50: quantile(latencies, 0.5),
            p99: quantile(latencies, 0.99),
            max: latencies[latencies.length - 1],
            lost: Math.max(0, write.sent - delivered),
            diverged: collected.reduce((s, c) => s + c.diverged, 0),
            connectCpuMs,
            cpuUsPerDelivery: (serverCpuS / delivered) * 1e6,
            peakRssMB: peakRssBytes(server.pid) / 2 ** 20,
            clientLoopP99: Math.max(...collected.map((c) => c.loopDelayP99Ms)),
          },
          otherCores,
          notes: disconnects > 0 ? [`${disconnects} disconnects`] : [],
        };
      } finally {
        await closeFleet(fleet);
        await server.stop();
      }
    },
    async dispose() {
      fixture.dispose();
    },
  };
}
