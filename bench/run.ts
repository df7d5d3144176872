/**
 * `npm run bench`: every benchmark suite, printing its numbers.
 *
 *   --quick          a short smoke run: 1 round, shorter, fewer clients (results in bench/results/quick.json)
 *   --only=a,b,…     a subset of: foundation, tm, assets, mem, a, b, c, d, e, f (a = the 200- and 50-client rooms;
 *                    e = the 50-client room on a server with 200 idle report rooms just created;
 *                    f = 60 clients in one room over 3 instances on PostgreSQL + Redis: needs
 *                    BENCH_PG_URL (or a postgres DATABASE_URL) and Redis at BENCH_REDIS_URL)
 *   --editor         also the browser editor bench (bench/editor.ts; needs Chromium)
 *   --accept-all     also the time to accept 500 open suggestions in Chromium (bench/acceptAll.ts)
 *   --rounds=N       rounds of the load scenarios (default 3; 1 with --quick)
 *   --profile        every server writes a V8 CPU profile into bench/results/profiles/
 *   --max-noise=X    rerun a measurement while other processes used more than X cores (default 0.5)
 *   --out=FILE       write results there instead (an experiment; docs and plot are left alone)
 *
 * The load scenarios (a–d) run Plenary, the reference y-websocket server and a raw relay as
 * separate processes, interleaved, with the clients in other processes (bench/load). A full
 * run updates bench/results/latest.json, docs/performance/latency.svg and the results block
 * of docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runFoundationBench } from './foundation';
import { checkTargets, loadResults, renderTable, renderTargets, saveResults, writeDocsResults } from './report';
import { writeLatencyPlot } from './plot';
import { runScenario } from './scenarios/rounds';
import { fanoutScenario } from './scenarios/fanout';
import { scaleOutScenario } from './scenarios/scaleOut';
import { manyRoomsScenario } from './scenarios/manyRooms';
import { coldSyncScenario } from './scenarios/coldSync';
import { durableThroughputScenario } from './scenarios/durableThroughput';
import type { RoomMemory } from './scenarios/roomMemory';
import type { Scenario, ScenarioOptions } from './scenarios/types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SUITES = ['foundation', 'tm', 'assets', 'mem', 'a', 'b', 'c', 'd', 'e', 'f'] as const;
type Suite = (typeof SUITES)[number];

const flag = (name: string) => process.argv.includes(`--${name}`);
const value = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const quick = flag('quick');
const only = value('only')?.split(',').map((s) => s.trim()) ?? [...SUITES];
const unknown = only.filter((s) => !(SUITES as readonly string[]).includes(s));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  process.exit(2);
}
const selected = (s: Suite) => only.includes(s);
const rounds = Number(value('rounds') ?? (quick ? 1 : 3));
const options: ScenarioOptions = { quick, profileDir: flag('profile') ? `${ROOT}bench/results/profiles` : undefined };

const resultsFile = value('out') ?? `${ROOT}bench/results/${quick ? 'quick' : 'latest'}.json`;
const official = !quick && !value('out');
const results = loadResults(resultsFile);
mkdirSync(`${ROOT}bench/results`, { recursive: true });
const started = performance.now();

if (selected('foundation')) {
  console.log('== Foundation: storage and rooms (SQLite, synchronous=FULL) ==');
  const foundation = await runFoundationBench();
  console.table(Object.fromEntries(Object.entries(foundation).map(([k, v]) => [k, Number(v.toFixed(3))])));
  results.foundation = { measuredAt: new Date().toISOString(), values: foundation };
}

if (selected('tm') && existsSync(`${ROOT}bench/tm.ts`)) {
  // Its own process: it fills 50,000 segments and prints its own tables.
  const env = quick ? { ...process.env, SEGMENTS: process.env.SEGMENTS ?? '5000', QUERIES: process.env.QUERIES ?? '100' } : process.env;
  const tm = spawnSync(process.execPath, ['--import', 'tsx', 'bench/tm.ts'], { cwd: ROOT, stdio: 'inherit', env });
  if (tm.status !== 0) console.error(`bench/tm.ts exited with ${tm.status}`);
}

if (selected('assets')) {
  // Its own processes: TMX import of 100,000 units (time, peak RSS), lookups over them, MT latency.
  const env = quick ? { ...process.env, UNITS: process.env.UNITS ?? '5000', QUERIES: process.env.QUERIES ?? '100', MT_RUNS: process.env.MT_RUNS ?? '5' } : process.env;
  const assets = spawnSync(process.execPath, ['--import', 'tsx', 'bench/translationAssets.ts'], { cwd: ROOT, stdio: 'inherit', env });
  if (assets.status !== 0) console.error(`bench/translationAssets.ts exited with ${assets.status}`);
}

if (selected('mem')) {
  console.log('== Memory per idle open room (in-process RoomRegistry, after GC) ==');
  const mem = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/scenarios/roomMemory.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (mem.status === 0) {
    const rooms = JSON.parse(mem.stdout.trim().split('\n').pop()!) as RoomMemory[];
    console.table(rooms.map((r) => ({ ...r, bytesPerRoom: Math.round(r.bytesPerRoom), perStateByte: Number((r.bytesPerRoom / r.stateBytes).toFixed(2)) })));
    results.roomMemory = { measuredAt: new Date().toISOString(), rooms };
  } else {
    console.error(`room memory bench failed:\n${mem.stderr}`);
  }
}

const scenarios: Scenario[] = [];
if (selected('a')) {
  scenarios.push(fanoutScenario('a200', quick ? { clients: 100, writers: 10, editsPerSecond: 5, durationMs: 8000, processes: 2 } : { clients: 200, writers: 20, editsPerSecond: 5, durationMs: 30_000, processes: 2 }, options));
  scenarios.push(fanoutScenario('a50', quick ? { clients: 50, writers: 10, editsPerSecond: 5, durationMs: 8000, processes: 2 } : { clients: 50, writers: 10, editsPerSecond: 5, durationMs: 20_000, processes: 2 }, options));
}
if (selected('e')) {
  // The independent harness's case (issue 16): 201 reports created through the API, 200 of
  // them open by one idle client each, then the busy room; 10 s rounds.
  scenarios.push(fanoutScenario('e50', quick ? { clients: 50, writers: 10, editsPerSecond: 5, durationMs: 8000, processes: 2, idleRooms: 100, idleParagraphs: 30 } : { clients: 50, writers: 10, editsPerSecond: 5, durationMs: 10_000, processes: 2, idleRooms: 200, idleParagraphs: 30 }, options));
}
if (selected('f')) scenarios.push(scaleOutScenario({ clients: 60, writers: 12, editsPerSecond: 5, durationMs: quick ? 8000 : 20_000, instances: 3, processes: 2 }, options));
if (selected('b')) scenarios.push(manyRoomsScenario(quick ? { rooms: 200, connectConcurrency: 4, editsPerSecond: 0.5, durationMs: 6000 } : { rooms: 1000, connectConcurrency: 4, editsPerSecond: 0.5, durationMs: 15_000 }, options));
if (selected('c')) scenarios.push(coldSyncScenario({ paragraphs: 500, reports: quick ? 1 : 3 }, options));
if (selected('d')) scenarios.push(durableThroughputScenario({ updates: quick ? 5000 : 20_000 }, options));

for (const scenario of scenarios) {
  const result = await runScenario(scenario, {
    rounds,
    mode: quick ? 'quick' : 'full',
    noiseLimitCores: Number(value('max-noise') ?? 0.5),
    maxReruns: quick ? 0 : 1,
    maxQuietWaitMs: quick ? 10_000 : 20_000,
    log: (line) => console.log(line),
  });
  results.scenarios[result.id] = result;
  console.log(`\n${renderTable(result)}\n`);
  saveResults(resultsFile, results); // after each scenario, so an interrupted run keeps what it measured
}

if (flag('editor')) {
  // The sample report, a 500-paragraph report and a 6,000-paragraph one (a 2.2 MB paste), unless BENCH_EDITOR_SIZES says otherwise.
  for (const size of (process.env.BENCH_EDITOR_SIZES ?? 'sample,500,6000').split(',')) {
    const editor = spawnSync(process.execPath, ['--import', 'tsx', 'bench/editor.ts'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BENCH_PARAGRAPHS: size } });
    if (editor.status !== 0) console.error(`bench/editor.ts (${size} paragraphs) exited with ${editor.status}`);
  }
}

if (flag('accept-all')) {
  const accept = spawnSync(process.execPath, ['--import', 'tsx', 'bench/acceptAll.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (accept.status !== 0) console.error(`bench/acceptAll.ts exited with ${accept.status}`);
}

saveResults(resultsFile, results);
console.log('== Targets (issue 7) ==');
console.log(renderTargets(checkTargets(results)));
if (official) {
  writeLatencyPlot(results, `${ROOT}docs/performance/latency.svg`);
  writeDocsResults(`${ROOT}docs/performance.md`, results);
}
console.log(`\nresults: ${resultsFile.replace(ROOT, '')}; took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
