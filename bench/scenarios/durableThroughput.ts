/**
 * (d) Ingest throughput of one room: a writer sends N one-character updates as fast as it
 * can; an observer in another load process receives them. Plenary relays an update only
 * once it is stored (group commit, SQLite synchronous=FULL), so the observer's last arrival
 * bounds the time to store them all: updates/s = N / (last arrival − first send). Then
 * Plenary is killed with SIGKILL and restarted on the same database, and a fresh client
 * checks that all N updates are there.
 *
 * The reference server and the relay store nothing: their figure is relay throughput only.
 */
import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { CpuWindow, peakRssBytes } from '../load/procstat';
import { closeFleet, startFleet, waitForDeliveries } from '../load/fleet';
import { PlenaryFixture, SERVER_KINDS, startServer, startServerOn, type RunningServer, type ServerKind } from '../servers/launch';
import { createReport, signUp } from '../servers/plenaryApi';
import type { Measurement, Scenario, ScenarioOptions } from './types';

export interface ThroughputParams {
  updates: number;
}

export function durableThroughputScenario(params: ThroughputParams, options: ScenarioOptions): Scenario {
  const fixture = new PlenaryFixture();
  let room = '';
  return {
    id: 'd',
    title: `ingest ${params.updates} small updates into one room as fast as one writer sends them`,
    params: { ...params },
    servers: SERVER_KINDS,
    metrics: [
      { key: 'updatesPerSec', label: 'updates/s through the server', unit: '/s', digits: 0 },
      { key: 'cpuUsPerUpdate', label: 'server CPU per update', unit: 'µs', digits: 1 },
      { key: 'serverCpuS', label: 'server CPU', unit: 's', digits: 2 },
      { key: 'peakRssMB', label: 'server peak RSS', unit: 'MB', digits: 0 },
      { key: 'durableAfterKill', label: 'updates found after kill -9 + restart', unit: '', digits: 0 },
    ],
    notes: ['Only Plenary stores: the reference server and the raw relay keep nothing, so their updates/s is relay throughput, not durable throughput.'],
    async prepare() {
      room = await fixture.prepare(async (server) => {
        fixture.token = await signUp(server.http);
        return `${(await createReport(server.http, fixture.token, { title: 'Throughput bench', languages: [] })).id}.en`;
      });
    },
    async measure(kind: ServerKind): Promise<Measurement> {
      // Plenary runs on a folder of our own, so that it can be killed and restarted on it.
      const dataDir = kind === 'plenary' ? mkdtempSync(join(tmpdir(), 'plenary-bench-d-')) : '';
      if (dataDir) cpSync(fixture.dir, dataDir, { recursive: true });
      let server: RunningServer | null = null;
      const fleet = await startFleet(2);
      try {
        server = dataDir ? await startServerOn(dataDir, options.profileDir) : await startServer(kind);
        const [writer, observer] = fleet;
        for (const p of fleet) await p.join({ base: server.ws, token: fixture.token, rooms: [room], concurrency: 1, timeoutMs: 30_000 });
        await Promise.all(fleet.map((p) => p.reset()));
        const window = new CpuWindow([server.pid, process.pid, ...fleet.map((p) => p.pid)]);
        const sent = await writer.burst(params.updates);
        const received = await waitForDeliveries([observer], params.updates, 10_000, 300_000);
        const { lastReceivedAt } = await observer.progress();
        const serverCpuS = window.used(server.pid);
        const otherCores = window.otherCores();
        const values: Record<string, number> = {
          updatesPerSec: received / ((lastReceivedAt - sent.firstSentAt) / 1000),
          cpuUsPerUpdate: (serverCpuS / params.updates) * 1e6,
          serverCpuS,
          peakRssMB: peakRssBytes(server.pid) / 2 ** 20,
          durableAfterKill: NaN,
        };
        if (dataDir) {
          await server.stop('SIGKILL');
          server = await startServerOn(dataDir);
          const [open] = await observer.openTimed({ base: server.ws, token: fixture.token, rooms: [room], timeoutMs: 60_000 });
          // The writer's client holds the largest clock: one per character it typed.
          values.durableAfterKill = Math.max(0, ...Y.decodeStateVector(Buffer.from(open.stateVector, 'base64')).values());
        }
        return { values, otherCores, notes: received < params.updates ? [`observer got ${received}/${params.updates}`] : [] };
      } finally {
        await closeFleet(fleet);
        await server?.stop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
    async dispose() {
      fixture.dispose();
    },
  };
}
