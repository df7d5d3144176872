/**
 * `npx tsx bench/experiments/compareVariants.ts [clients] [writers] [rounds] [variants]`:
 * scenario (a) with Plenary variants and the reference server interleaved, one line per
 * measurement. Variants (comma-separated): stock (PLENARY_SQLITE_SYNC=FULL: WAL fdatasync off the
 * event loop); syncInline (FULL_INLINE: SQLite's synchronous=FULL); syncNormal (NORMAL);
 * bundle=<path> (another build's dist/server/main.js, e.g. an earlier commit's);
 * noStorage and offThreadAppend (entries in this folder, started through
 * BENCH_PLENARY_ENTRY; `entry@value` passes value as BENCH_VARIANT_PARAM, e.g. commitWindow@5);
 * reference.
 */
import { fanoutScenario } from '../scenarios/fanout';
import { waitForQuiet } from '../load/procstat';

const clients = Number(process.argv[2] ?? 50);
const writers = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 3);
const variants = (process.argv[5] ?? 'stock,syncNormal,noStorage,reference').split(',');

const scenario = fanoutScenario('variants', { clients, writers, editsPerSecond: 5, durationMs: 20_000, processes: 2 }, { quick: false });
await scenario.prepare();
try {
  for (let round = 1; round <= rounds; round++) {
    for (const variant of variants) {
      await waitForQuiet(0.25, 20_000);
      delete process.env.BENCH_PLENARY_ENTRY;
      delete process.env.BENCH_PLENARY_SQLITE_SYNC;
      delete process.env.BENCH_PLENARY_BUNDLE;
      if (variant.startsWith('bundle=')) process.env.BENCH_PLENARY_BUNDLE = variant.slice('bundle='.length);
      if (variant === 'syncNormal') process.env.BENCH_PLENARY_SQLITE_SYNC = 'NORMAL';
      else if (variant === 'syncInline') process.env.BENCH_PLENARY_SQLITE_SYNC = 'FULL_INLINE';
      else if (variant !== 'stock' && variant !== 'reference' && variant !== 'syncInline' && !variant.startsWith('bundle=')) {
        // `entry@value`: the entry reads its parameter from BENCH_VARIANT_PARAM (commitWindow@5).
        const [entry, param] = variant.split('@');
        process.env.BENCH_PLENARY_ENTRY = `bench/experiments/${entry}.ts`;
        if (param !== undefined) process.env.BENCH_VARIANT_PARAM = param;
        else delete process.env.BENCH_VARIANT_PARAM;
      }
      const { values: v, otherCores } = await scenario.measure(variant === 'reference' ? 'reference' : 'plenary');
      console.log(
        `round ${round} ${variant.padEnd(16)} p50 ${v.p50.toFixed(1)} ms  p99 ${v.p99.toFixed(1)} ms  max ${v.max.toFixed(0)} ms  ` +
          `CPU/delivery ${v.cpuUsPerDelivery.toFixed(1)} µs  lost ${v.lost}  other ${otherCores.toFixed(2)} cores` +
          (v.commits ? `  commits ${v.commits} (mean ${v.commitMeanMs.toFixed(1)} ms, ${v.commitsOver10msPct.toFixed(0)}% over 10 ms)` : ''),
      );
    }
  }
} finally {
  await scenario.dispose();
}
