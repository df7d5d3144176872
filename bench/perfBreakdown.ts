/**
 * `npx tsx bench/perfBreakdown.ts <perf.data> <deliveries per second>`: where a server's CPU
 * went, per delivered update, from a `perf record -g` of it under load (started with
 * `BENCH_NODE_ARGS=--perf-basic-prof`, so that JavaScript frames have names). Each sample is
 * given to the first category whose pattern one of its frames matches; the main thread's
 * samples by category, the other threads' by kind (V8's helper threads, libuv's pool).
 * How it was used: docs/notes/issue16.md, "Where the CPU per delivery goes".
 */
import { execFileSync } from 'node:child_process';

const CATEGORIES: [string, RegExp][] = [
  ['garbage collection', /Heap::|Scavenge|MarkCompact|GCTracer|ConcurrentMarking|Sweeper/],
  ['V8 compiler', /compiler::|Compile|Deoptimiz|Baseline|Maglev/],
  ['SQLite', /sqlite3|better_sqlite/],
  ['sending frames (ws, kernel)', /sender\.js/],
  ['receiving frames (ws, checks, apply)', /receiver\.js|socketOnData/],
  ['after a commit (promises, relay)', /FSReqCallback|AfterNoArgs/],
  ['timers', /listOnTimeout|processTimers/],
  ['waiting in epoll', /epoll_wait/],
];

const [file, perSecond] = [process.argv[2], Number(process.argv[3])];
if (!file || !(perSecond > 0)) throw new Error('usage: perfBreakdown.ts <perf.data> <deliveries per second>');
const script = execFileSync('perf', ['script', '-i', file, '-F', 'tid,time,ip,sym'], { maxBuffer: 1 << 30, encoding: 'utf8' });

interface Sample { tid: string; time: number; frames: string[] }
const samples: Sample[] = [];
for (const block of script.split('\n\n')) {
  const [head, ...frames] = block.split('\n').filter((l) => l.trim());
  if (!head) continue;
  const [tid, time] = head.trim().split(/\s+/);
  samples.push({ tid, time: Number.parseFloat(time), frames: frames.map((f) => f.trim().replace(/^\S+\s+/, '')) });
}
const byThread = new Map<string, number>();
for (const s of samples) byThread.set(s.tid, (byThread.get(s.tid) ?? 0) + 1);
const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
const seconds = samples.at(-1)!.time - samples[0].time;
const us = (n: number) => ((n / seconds / perSecond) * 1e3).toFixed(1).padStart(6);

const counts = new Map<string, number>();
let pool = 0;
let helpers = 0;
for (const s of samples) {
  const stack = s.frames.join(' | ');
  if (s.tid !== main) {
    if (/uv__fs_work|worker \(|uv_sem|fdatasync/.test(stack)) pool++;
    else helpers++;
    continue;
  }
  const name = CATEGORIES.find(([, pattern]) => pattern.test(stack))?.[0] ?? 'other JavaScript and node';
  counts.set(name, (counts.get(name) ?? 0) + 1);
}
console.log(`${samples.length} samples over ${seconds.toFixed(1)} s; µs of CPU per delivered update (${perSecond}/s):`);
console.log(`${us(samples.length)}  all threads`);
console.log(`${us(byThread.get(main)!)}  main thread`);
for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${us(n)}    ${name}`);
console.log(`${us(helpers)}  V8 helper threads (compiler, GC)`);
console.log(`${us(pool)}  libuv thread pool (fdatasync)`);
