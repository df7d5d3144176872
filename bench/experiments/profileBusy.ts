/**
 * Experiment (issue 16): the busy room of scenario e beside N idle report rooms, measured per
 * server kind, with CPU profiles in /tmp/i16prof. `npx tsx bench/experiments/profileBusy.ts
 * [idleRooms=200] [kinds=plenary]`.
 */
import { fanoutScenario } from '../scenarios/fanout';
const idle = Number(process.argv[2] ?? 200);
const s = fanoutScenario('e50', { clients: 50, writers: 10, editsPerSecond: 5, durationMs: 10_000, processes: 2, idleRooms: idle, idleParagraphs: 30 }, { quick: false, profileDir: '/tmp/i16prof' });
await s.prepare();
try {
  for (const kind of (process.argv[3] ?? 'plenary').split(',')) {
    const m = await s.measure(kind as 'plenary');
    console.log(kind, JSON.stringify(Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, Number(Number(v).toFixed(1))]))), 'other', m.otherCores.toFixed(2));
  }
} finally { await s.dispose(); }
