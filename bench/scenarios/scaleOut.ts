/**
 * (f) One room across instances: 60 clients in one room, spread round-robin over three
 * Plenary instances on PostgreSQL + Redis (`cluster`), beside the same room on one Plenary
 * on SQLite and on the reference server. Writers are spread over the instances too, so most
 * deliveries cross Redis: each instance stores its clients' updates, publishes them, and
 * relays what the others published. Measures propagation latency and updates not delivered
 * (must be 0), and the servers' CPU (all three instances summed for the cluster).
 */
import { CpuWindow, peakRssBytes } from '../load/procstat';
import { closeFleet, startFleet, waitForDeliveries } from '../load/fleet';
import { mergeSorted, quantile } from '../load/stats';
import { PlenaryFixture, startCluster, startServer, type RunningServer, type ServerKind } from '../servers/launch';
import { createReport, signUp } from '../servers/plenaryApi';
import { LATENCY_METRICS, deal } from './fanout';
import type { Measurement, Scenario, ScenarioOptions } from './types';

export interface ScaleOutParams {
  clients: number;
  writers: number;
  editsPerSecond: number;
  durationMs: number;
  instances: number;
  processes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function scaleOutScenario(params: ScaleOutParams, options: ScenarioOptions): Scenario {
  const fixture = new PlenaryFixture();
  let room = '';
  return {
    id: 'f',
    title: `one room across ${params.instances} instances (PostgreSQL + Redis): ${params.clients} clients, ${params.writers} writers × ${params.editsPerSecond} edits/s, ${params.durationMs / 1000} s`,
    params: { ...params },
    servers: ['plenary', 'cluster', 'reference'],
    metrics: [
      ...LATENCY_METRICS,
      { key: 'lost', label: 'updates not delivered', unit: '', digits: 0 },
      { key: 'diverged', label: 'clients not converged', unit: '', digits: 0 },
      { key: 'cpuUsPerDelivery', label: 'server CPU per delivered update (all instances)', unit: 'µs', digits: 1 },
      { key: 'serverCpuS', label: 'server CPU (all instances)', unit: 's', digits: 2 },
      { key: 'peakRssMB', label: 'peak RSS per instance (largest)', unit: 'MB', digits: 0 },
      { key: 'delivered', label: 'updates delivered', unit: '', digits: 0 },
      { key: 'clientLoopP99', label: 'load-process event-loop delay p99', unit: 'ms', digits: 0 },
      { key: 'connectP50', label: 'connect+sync p50', unit: 'ms', digits: 1 },
    ],
    notes: [
      'Cluster: clients (and writers) are dealt round-robin over the instances; its CPU is the sum over the instances, and PostgreSQL and Redis count as other processes (their CPU is in "other processes during the run").',
    ],
    async prepare() {
      room = await fixture.prepare(async (server) => {
        fixture.token = await signUp(server.http);
        return `${(await createReport(server.http, fixture.token, { title: 'Scale-out bench', languages: [] })).id}.en`;
      });
    },
    async measure(kind: ServerKind): Promise<Measurement> {
      const [servers, fleet] = await Promise.all([
        kind === 'cluster' ? startCluster(params.instances, options.profileDir) : startServer(kind, { fixture, cpuProfileDir: options.profileDir }).then((s) => [s]),
        startFleet(params.processes),
      ]);
      try {
        let token = fixture.token;
        let target = room;
        if (kind === 'cluster') {
          // The shared database outlives a measurement: a fresh user and room for each.
          token = await signUp(servers[0].http, `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
          target = `${(await createReport(servers[0].http, token, { title: 'Scale-out bench', languages: [] })).id}.en`;
        }
        const clientsPer = deal(params.clients, params.processes);
        const writersPer = deal(params.writers, params.processes);
        // Client j of process p is client p + j·processes overall, on instance (that) mod instances.
        const joins = await Promise.all(
          fleet.map((p, i) => {
            const bases = Array.from({ length: clientsPer[i] }, (_, j) => servers[(i + j * params.processes) % servers.length].ws);
            return p.join({ base: servers[0].ws, bases, token, rooms: Array(clientsPer[i]).fill(target), concurrency: 8, timeoutMs: 30_000 });
          }),
        );
        const failed = joins.reduce((s, j) => s + j.failed, 0);
        if (failed > 0) throw new Error(`${kind}: ${failed} clients did not sync`);
        const connect = mergeSorted(joins.map((j) => j.connectMs));
        await sleep(1000);
        await Promise.all(fleet.map((p) => p.reset()));

        const pids = servers.map((s: RunningServer) => s.pid);
        const window = new CpuWindow([...pids, process.pid, ...fleet.map((p) => p.pid)]);
        const writes = await Promise.all(fleet.map((p, i) => p.write({ writers: writersPer[i], editsPerSecond: params.editsPerSecond, durationMs: params.durationMs })));
        const sent = writes.reduce((s, w) => s + w.sent, 0);
        const expected = sent * (params.clients - 1);
        await waitForDeliveries(fleet, expected);
        const serverCpuS = pids.reduce((s, pid) => s + window.used(pid), 0);
        const otherCores = window.otherCores();
        const collected = await Promise.all(fleet.map((p) => p.collect({ expectedByRoom: { [target]: sent } })));
        const delivered = collected.reduce((s, c) => s + c.received, 0);
        const latencies = mergeSorted(collected.map((c) => c.latencies));
        return {
          values: {
            p50: quantile(latencies, 0.5),
            p99: quantile(latencies, 0.99),
            max: latencies[latencies.length - 1],
            lost: Math.max(0, expected - delivered),
            diverged: collected.reduce((s, c) => s + c.diverged, 0),
            cpuUsPerDelivery: (serverCpuS / delivered) * 1e6,
            serverCpuS,
            peakRssMB: Math.max(...pids.map((pid) => peakRssBytes(pid))) / 2 ** 20,
            delivered,
            clientLoopP99: Math.max(...collected.map((c) => c.loopDelayP99Ms)),
            connectP50: quantile(connect, 0.5),
          },
          otherCores,
        };
      } finally {
        await closeFleet(fleet);
        await Promise.all(servers.map((s: RunningServer) => s.stop()));
      }
    },
    async dispose() {
      fixture.dispose();
    },
  };
}
