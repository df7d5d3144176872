/**
 * (c) Cold sync of a large report: 500 numbered paragraphs in English, translated into five
 * languages (created and imported through Plenary's HTTP API). A fresh client opens the
 * original room — or all six language rooms at once — of a report the server has not
 * loaded since it started. Timed from opening the socket to the first SyncStep2 frame (the
 * server's share: handshake, auth, loading from storage, encoding, the wire) and to
 * `synced` (the client has applied the state too). Before the timed opens, another report
 * is opened once, so that the server's code is warmed up as on a server that has been running.
 *
 * The reference server keeps no storage: its rooms are seeded by a client first, so for it
 * this is an in-memory sync, not a cold load. The relay keeps no state and takes no part.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { closeFleet, startFleet } from '../load/fleet';
import { CpuWindow } from '../load/procstat';
import type { TimedOpen } from '../load/protocol';
import { spread } from '../load/stats';
import { PlenaryFixture, startServer, type ServerKind } from '../servers/launch';
import { createReport, importTranslation, signUp } from '../servers/plenaryApi';
import { reportText } from './reportText';
import type { Measurement, Scenario, ScenarioOptions } from './types';

export interface ColdSyncParams {
  paragraphs: number;
  /** Reports opened one room at a time, and as many again opened whole (six rooms). */
  reports: number;
}

const TARGETS = ['ar', 'zh', 'fr', 'ru', 'es'];

interface PreparedRoom {
  room: string;
  state: Uint8Array;
  stateVector: string;
}

async function fetchState(base: string, token: string, room: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base, room, doc, { params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const state = Y.encodeStateAsUpdate(doc);
  provider.destroy();
  doc.destroy();
  return state;
}

export function coldSyncScenario(params: ColdSyncParams, options: ScenarioOptions): Scenario {
  const fixture = new PlenaryFixture();
  let warmUp: PreparedRoom[] = [];
  let single: PreparedRoom[] = [];
  let whole: PreparedRoom[][] = [];
  return {
    id: 'c',
    title: `cold sync of a ${params.paragraphs}-paragraph report in 6 languages (${params.reports} reports per kind of open)`,
    params: { ...params },
    servers: ['plenary', 'reference'],
    metrics: [
      { key: 'stateMs', label: 'original room: state arrives (server share)', unit: 'ms', digits: 1 },
      { key: 'syncedMs', label: 'original room: state applied (synced)', unit: 'ms', digits: 1 },
      { key: 'wholeStateMs', label: '6 rooms at once: last state arrives', unit: 'ms', digits: 1 },
      { key: 'wholeSyncedMs', label: '6 rooms at once: all synced', unit: 'ms', digits: 1 },
      { key: 'stateKB', label: 'original room state frame', unit: 'KB', digits: 0 },
      { key: 'wholeKB', label: '6 rooms state frames', unit: 'KB', digits: 0 },
      { key: 'serverCpuMs', label: 'server CPU per original-room open', unit: 'ms', digits: 1 },
      { key: 'mismatched', label: 'rooms served a different state', unit: '', digits: 0 },
    ],
    notes: [
      'The reference server has no storage: its rooms are seeded by a client before the timed opens, so its figure is an in-memory sync, not a cold load. The raw relay keeps no state and cannot serve one.',
    ],
    async prepare() {
      [warmUp, single, whole] = await fixture.prepare(async (server) => {
        fixture.token = await signUp(server.http);
        const prepared: PreparedRoom[][] = [];
        for (let r = 0; r < params.reports * 2 + 1; r++) {
          const report = await createReport(server.http, fixture.token, { title: '', languages: TARGETS, text: reportText('en', params.paragraphs, r + 1) });
          for (const lang of TARGETS) await importTranslation(server.http, fixture.token, report.id, lang, reportText(lang, params.paragraphs, r + 1));
          const rooms: PreparedRoom[] = [];
          for (const lang of ['en', ...TARGETS]) {
            const room = `${report.id}.${lang}`;
            const state = await fetchState(server.ws, fixture.token, room);
            rooms.push({ room, state, stateVector: Buffer.from(Y.encodeStateVectorFromUpdate(state)).toString('base64') });
          }
          prepared.push(rooms);
        }
        return [prepared[0], prepared.slice(1, params.reports + 1).map((rooms) => rooms[0]), prepared.slice(params.reports + 1)] as const;
      });
    },
    async measure(kind: ServerKind): Promise<Measurement> {
      const [server, [client]] = await Promise.all([startServer(kind, { fixture, cpuProfileDir: options.profileDir }), startFleet(1)]);
      try {
        if (kind !== 'plenary') for (const { room, state } of [...warmUp, ...single, ...whole.flat()]) await client.seed(server.ws, room, state);
        // "Cold" is about the room, not the process: a running server has run this code before.
        await client.openTimed({ base: server.ws, token: fixture.token, rooms: warmUp.map((r) => r.room), timeoutMs: 30_000 });
        let mismatched = 0;
        const check = (opens: TimedOpen[], expected: PreparedRoom[]) => {
          opens.forEach((o, i) => (mismatched += o.stateVector === expected[i].stateVector ? 0 : 1));
          return opens;
        };
        const window = new CpuWindow([server.pid, process.pid, client.pid]);
        const singles: TimedOpen[] = [];
        for (const prepared of single) {
          singles.push(...check(await client.openTimed({ base: server.ws, token: fixture.token, rooms: [prepared.room], timeoutMs: 30_000 }), [prepared]));
        }
        const serverCpuMs = (window.used(server.pid) / single.length) * 1000;
        const wholes: TimedOpen[][] = [];
        for (const rooms of whole) {
          wholes.push(check(await client.openTimed({ base: server.ws, token: fixture.token, rooms: rooms.map((r) => r.room), timeoutMs: 30_000 }), rooms));
        }
        const otherCores = window.otherCores();
        const median = (xs: number[]) => spread(xs).median;
        return {
          values: {
            stateMs: median(singles.map((o) => o.stateMs)),
            syncedMs: median(singles.map((o) => o.syncedMs)),
            wholeStateMs: median(wholes.map((os) => Math.max(...os.map((o) => o.stateMs)))),
            wholeSyncedMs: median(wholes.map((os) => Math.max(...os.map((o) => o.syncedMs)))),
            stateKB: median(singles.map((o) => o.stateBytes)) / 1024,
            wholeKB: median(wholes.map((os) => os.reduce((s, o) => s + o.stateBytes, 0))) / 1024,
            serverCpuMs,
            mismatched,
          },
          otherCores,
        };
      } finally {
        await closeFleet([client]);
        await server.stop();
      }
    },
    async dispose() {
      fixture.dispose();
    },
  };
}
