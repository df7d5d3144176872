/**
 * Translation-asset benchmark (issue 14): TMX import of 100,000 units (time and peak RSS of
 * the importing process), TM lookup p50/p95 over the imported memory, and machine-translation
 * latency p50/p95 for a 60-word paragraph through the local Apertium (en→es).
 *
 * The TMX file is written by one child process and imported by another, so the importer's
 * peak RSS (getrusage maxrss) is that of the import alone, not of making the file. SQLite
 * always; PostgreSQL too when DATABASE_URL names one (a scratch database, dropped after).
 *
 * Run: `npx tsx bench/translationAssets.ts` (UNITS=…, QUERIES=…, MT_RUNS=…; STORES=sqlite).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openTranslationStores } from '../server/src/tm/open';
import { importTmx } from '../server/src/tm/tmx/import';
import { IMPORTED_TM } from '../shared/src/translation/tmMatch';
import { ApertiumProvider, apertiumModes } from '../server/src/mt/apertium';
import { makeSentence, makeVocabulary, mutate, prng, quantile } from './tm';

const UNITS = Number(process.env.UNITS ?? 100_000);
const QUERIES = Number(process.env.QUERIES ?? 300);
const MT_RUNS = Number(process.env.MT_RUNS ?? 20);
const SEED = 20190315;
const SELF = fileURLToPath(import.meta.url);

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Child 1: writes the TMX file, a unit in ten with superscript and bold inline markup. */
async function generate(file: string): Promise<void> {
  const random = prng(SEED);
  const vocabulary = makeVocabulary(random, 4000);
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="bench" datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="en-US" o-tmf="bench"/>\n<body>\n');
  for (let i = 0; i < UNITS; i++) {
    const source = makeSentence(random, vocabulary);
    const target = i % 10 === 0
      ? `FR <bpt i="1" type="bold">&lt;b&gt;</bpt>${xml(source.slice(0, 20))}<ept i="1">&lt;/b&gt;</ept> le 1<bpt i="2">&lt;sup&gt;</bpt>er<ept i="2">&lt;/sup&gt;</ept> ${xml(source.slice(20))}`
      : `FR ${xml(source)}`;
    await write(`<tu creationid="bench" creationdate="20190315T101500Z"><tuv xml:lang="en-US"><seg>${xml(source)}</seg></tuv><tuv xml:lang="fr-FR"><seg>${target}</seg></tuv></tu>\n`);
  }
  await write('</body>\n</tmx>\n');
  out.end();
  await once(out, 'finish');
}

/** Child 2: imports the file into a fresh store, then times lookups over it. Prints JSON. */
async function importAndLookUp(file: string, url: string): Promise<void> {
  const stores = await openTranslationStores(url);
  const rssBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await importTmx(stores.tm, createReadStream(file), { fileName: 'bench.tmx', userName: 'bench' });
  const importSeconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  if (url.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('VACUUM ANALYZE tm_segments');
    await client.query('VACUUM ANALYZE tm_terms');
    await client.end();
  }
  // The same sentences again (same seed), for exact and fuzzy queries.
  const random = prng(SEED);
  const vocabulary = makeVocabulary(random, 4000);
  const sources = Array.from({ length: UNITS }, () => makeSentence(random, vocabulary));
  const pick = () => sources[Math.floor(random() * sources.length)];
  const search = (q: string) => stores.tm.search(q, 'en', 'fr', [IMPORTED_TM, 'report1', 'report2'], 10);
  for (let i = 0; i < 30; i++) await search(mutate(random, pick(), vocabulary));
  const time = async (queries: string[]) => {
    const ms: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t = performance.now();
      if ((await search(q)).length) hits++;
      ms.push(performance.now() - t);
    }
    return { p50Ms: Number(quantile(ms, 0.5).toFixed(2)), p95Ms: Number(quantile(ms, 0.95).toFixed(2)), hitRate: hits / queries.length };
  };
  const exact = await time(Array.from({ length: QUERIES }, pick));
  const fuzzy = await time(Array.from({ length: QUERIES }, () => mutate(random, pick(), vocabulary)));
  await stores.close();
  console.log(JSON.stringify({
    imported: result.imported, skipped: result.skipped, fileMb: Number((statSync(file).size / 1024 / 1024).toFixed(1)),
    importSeconds: Number(importSeconds.toFixed(1)), baselineRssMb: Math.round(rssBefore / 1024), peakRssMb: Math.round(peakRssMb), exact, fuzzy,
  }));
}

function child(args: string[]): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, ...args], { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`bench child ${args[0]} failed:\n${run.stderr}`);
  return run.stdout.trim().split('\n').pop()!;
}

async function mtLatency() {
  const modes = await apertiumModes();
  if (!modes?.has('en-es')) return null;
  const provider = new ApertiumProvider(modes, 30_000);
  const random = prng(7);
  const vocabulary = 'the working group conference parties session report meeting decided recommended requested secretariat states members migrants smuggling protocol implementation resolution assistance technical'.split(' ');
  const paragraph = () => {
    const words = Array.from({ length: 60 }, () => vocabulary[Math.floor(random() * vocabulary.length)]);
    return `${words.join(' ')}.`;
  };
  await provider.translate(paragraph(), 'en', 'es');
  const ms: number[] = [];
  for (let i = 0; i < MT_RUNS; i++) {
    const text = paragraph();
    const t = performance.now();
    await provider.translate(text, 'en', 'es');
    ms.push(performance.now() - t);
  }
  return { engine: 'apertium en→es (one process per call)', words: 60, runs: MT_RUNS, p50Ms: Math.round(quantile(ms, 0.5)), p95Ms: Math.round(quantile(ms, 0.95)) };
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function main() {
  console.log(`load average at start: ${load()} (2 cores shared with other work)`);
  const dir = mkdtempSync(join(tmpdir(), 'plenary-assets-bench-'));
  const file = join(dir, 'bench.tmx');
  try {
    child(['generate', file]);
    const stores = (process.env.STORES ?? 'sqlite,postgres').split(',');
    if (stores.includes('sqlite')) {
      const r = JSON.parse(child(['import', file, `sqlite:${join(dir, 'tm.db')}`]));
      console.log(`== TMX import, SQLite: ${r.imported} units (${r.fileMb} MB) in ${r.importSeconds} s, peak RSS ${r.peakRssMb} MB (${r.baselineRssMb} MB before) ==`);
      console.table({ exact: r.exact, fuzzy: r.fuzzy });
    }
    const url = process.env.DATABASE_URL;
    if (stores.includes('postgres') && url && /^postgres(ql)?:\/\//.test(url)) {
      const name = `plenary_assets_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      try {
        const r = JSON.parse(child(['import', file, dbUrl.toString()]));
        console.log(`== TMX import, PostgreSQL: ${r.imported} units (${r.fileMb} MB) in ${r.importSeconds} s, peak RSS ${r.peakRssMb} MB (${r.baselineRssMb} MB before) ==`);
        console.table({ exact: r.exact, fuzzy: r.fuzzy });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
    const mt = await mtLatency();
    if (mt) console.log(`== MT latency: ${mt.engine}, ${mt.words}-word paragraph, ${mt.runs} runs: p50 ${mt.p50Ms} ms, p95 ${mt.p95Ms} ms ==`);
    else console.log('== MT latency: skipped (Apertium eng-spa not installed) ==');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    console.log(`load average at the end: ${load()}`);
  }
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'generate') await generate(a);
else if (mode === 'import') await importAndLookUp(a, b);
else if (import.meta.url === `file://${process.argv[1]}`) await main();
