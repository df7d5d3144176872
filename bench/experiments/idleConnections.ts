/**
 * Experiment (issue 16): server CPU with 50 clients in one room and almost no edits (1 writer,
 * 1 edit/s, 20 s) — what connected clients cost by themselves (heartbeats, awareness renewals,
 * timers), Plenary beside the reference. `npx tsx bench/experiments/idleConnections.ts`.
 */
import { fanoutScenario } from '../scenarios/fanout';
const s = fanoutScenario('idle50', { clients: 50, writers: 1, editsPerSecond: 1, durationMs: 20_000, processes: 2 }, { quick: false });
await s.prepare();
try {
  for (const kind of ['plenary', 'reference', 'plenary', 'reference'] as const) {
    const m = await s.measure(kind);
    console.log(kind, 'server CPU s', Number(m.values.serverCpuS).toFixed(2), 'delivered', m.values.delivered, 'other cores', m.otherCores.toFixed(2));
  }
} finally {
  await s.dispose();
}
