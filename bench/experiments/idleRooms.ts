/**
 * `npx tsx bench/experiments/idleRooms.ts [rounds]`: scenario (e) on Plenary, interleaved:
 * the 200 just-created idle rooms awake (hibernation after the default 60 s, i.e. not during
 * the run), hibernated (PLENARY_HIBERNATE_MS=2000: asleep before the busy room starts), and
 * no idle rooms at all. Tells whether the awake docs (heap, GC) cost the busy room's tail.
 */
import { fanoutScenario } from '../scenarios/fanout';

const rounds = Number(process.argv[2] ?? 2);
const base = { clients: 50, writers: 10, editsPerSecond: 5, durationMs: 10_000, processes: 2, idleParagraphs: 30 };
const variants = [
  { label: '200 idle rooms, awake', idleRooms: 200, hibernateMs: undefined },
  { label: '200 idle rooms, asleep', idleRooms: 200, hibernateMs: '2000' },
  { label: 'no idle rooms', idleRooms: 0, hibernateMs: undefined },
];
for (let round = 1; round <= rounds; round++) {
  for (const v of variants) {
    if (v.hibernateMs) process.env.PLENARY_HIBERNATE_MS = v.hibernateMs;
    else delete process.env.PLENARY_HIBERNATE_MS;
    const scenario = fanoutScenario('e-variant', { ...base, idleRooms: v.idleRooms }, { quick: false });
    await scenario.prepare();
    try {
      const { values: m, otherCores } = await scenario.measure('plenary');
      console.log(
        `round ${round} ${v.label.padEnd(24)} p50 ${m.p50.toFixed(1)} p99 ${m.p99.toFixed(1)} max ${m.max.toFixed(0)} ms  CPU/delivery ${m.cpuUsPerDelivery.toFixed(1)} µs  ` +
          `peak RSS ${m.peakRssMB.toFixed(0)} MB  commits ${m.commits} (mean ${m.commitMeanMs?.toFixed(1)} ms)  lost ${m.lost}  other ${otherCores.toFixed(2)}`,
      );
    } finally {
      await scenario.dispose();
    }
  }
}
