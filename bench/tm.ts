/**
 * Translation-memory lookup benchmark (issue 5: p95 under 50 ms over 50,000 segments).
 * Fills a fresh store with 50,000 synthetic UN-style segments (seeded: Zipf-distributed words,
 * numbers, document symbols; 10–60 words each), then times `search` for three kinds of query
 * — an existing segment (exact), an existing one with a few words changed (fuzzy), a new
 * sentence (mostly no match) — and `concordance` for a phrase. SQLite always; PostgreSQL too
 * when DATABASE_URL names one (in a scratch database, dropped after).
 *
 * Run: `npx tsx bench/tm.ts` (SEGMENTS=… and QUERIES=… to change the sizes; STORES=postgres
 * or STORES=sqlite for one store only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openTranslationStores, type TranslationStores } from '../server/src/tm/open';
import type { TmEntry } from '../server/src/tm/types';

const SEGMENTS = Number(process.env.SEGMENTS ?? 50_000);
const QUERIES = Number(process.env.QUERIES ?? 300);
const REPORTS = 200;

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS = 'the of and to in on for with by that its at as from be was were is are which this an or a would will also has have'.split(' ');

export function makeVocabulary(random: () => number, size: number): string[] {
  const syllables = ['con', 'ven', 'tion', 'mi', 'grant', 'pro', 'to', 'col', 'par', 'ties', 'work', 'ing', 'group', 'de', 'ci', 'sion', 'gov', 'ern', 'ment', 'al', 'ex', 'pert', 'ses', 'sion', 'im', 'ple', 'men', 'ta', 're', 'port', 'tra', 'fick', 'sea', 'land', 'air', 'or', 'gan', 'ized', 'crime', 'na', 'tions', 'man', 'date', 'bu', 'reau', 'as', 'sist', 'ad', 'vise'];
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(random() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

export function makeSentence(random: () => number, vocabulary: readonly string[]): string {
  const length = 10 + Math.floor(random() * 50);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.4) words.push(FUNCTION_WORDS[Math.floor(random() * FUNCTION_WORDS.length)]);
    else if (r < 0.43) words.push(String(1 + Math.floor(random() * 2030)));
    else if (r < 0.44) words.push(`CTOC/COP/${2000 + Math.floor(random() * 25)}/${1 + Math.floor(random() * 20)}`);
    // Zipf-like: low indices far more often.
    else words.push(vocabulary[Math.floor(vocabulary.length * random() ** 3)]);
  }
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
}

export function mutate(random: () => number, sentence: string, vocabulary: readonly string[]): string {
  const words = sentence.split(' ');
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) words[Math.floor(random() * words.length)] = vocabulary[Math.floor(random() * vocabulary.length)];
  return words.join(' ');
}

export const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function time(queries: readonly string[], lookup: (q: string) => Promise<unknown[]>) {
  const ms: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    const found = await lookup(q);
    ms.push(performance.now() - t);
    if (found.length) hits++;
  }
  return { p50Ms: Number(quantile(ms, 0.5).toFixed(2)), p95Ms: Number(quantile(ms, 0.95).toFixed(2)), maxMs: Number(Math.max(...ms).toFixed(2)), hitRate: Number((hits / queries.length).toFixed(2)) };
}

/** `afterFill` brings the store to its steady state before timing (PostgreSQL: VACUUM ANALYZE). */
export async function runTmBench(stores: TranslationStores, afterFill?: () => Promise<void>) {
  const random = prng(20120710);
  const vocabulary = makeVocabulary(random, 4000);
  const sources = Array.from({ length: SEGMENTS }, () => makeSentence(random, vocabulary));
  const reportIds = Array.from({ length: REPORTS }, (_, i) => `report${i}`);
  const fillStart = performance.now();
  for (let i = 0; i < SEGMENTS; i += 1000) {
    const batch: TmEntry[] = sources.slice(i, i + 1000).map((source, k) => ({
      reportId: reportIds[(i + k) % REPORTS], pid: `p${i + k}`, sourceLang: 'en', targetLang: 'fr',
      source, target: `FR ${source}`, updatedAt: i + k,
    }));
    await stores.tm.upsert(batch);
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  await afterFill?.();

  const pick = () => sources[Math.floor(random() * sources.length)];
  const exact = Array.from({ length: QUERIES }, pick);
  const fuzzyOrigins = Array.from({ length: QUERIES }, () => Math.floor(random() * sources.length));
  const fuzzy = fuzzyOrigins.map((i) => mutate(random, sources[i], vocabulary));
  const fresh = Array.from({ length: QUERIES }, () => makeSentence(random, vocabulary));
  const phrases = Array.from({ length: QUERIES }, () => {
    const words = pick().split(' ');
    const at = Math.floor(random() * Math.max(1, words.length - 3));
    return words.slice(at, at + 3).join(' ').replace(/\.$/, '');
  });
  // The caller is a member of every report: the widest (slowest) case.
  const search = (q: string) => stores.tm.search(q, 'en', 'fr', reportIds, 10);
  // Warm-up (JIT, page cache) with queries of every kind that are not measured.
  for (let i = 0; i < 50; i++) await search(i % 2 ? makeSentence(random, vocabulary) : mutate(random, pick(), vocabulary));
  // Recall: how often the segment a fuzzy query was made from is among its matches.
  let recalled = 0;
  const results = {
    exact: await time(exact, search),
    fuzzy: await time(fuzzy, async (q) => {
      const found = await search(q);
      if (found.some((m) => m.pid === `p${fuzzyOrigins[fuzzy.indexOf(q)]}`)) recalled++;
      return found;
    }),
    noMatch: await time(fresh, search),
    concordance: await time(phrases, (q) => stores.tm.concordance(q, 'en', 'fr', reportIds, 10)),
  };
  return { segments: SEGMENTS, fillSeconds: Number(fillSeconds.toFixed(1)), fuzzyRecall: recalled / QUERIES, ...results };
}

const STORES = (process.env.STORES ?? 'sqlite,postgres').split(',');

function report(store: string, result: Awaited<ReturnType<typeof runTmBench>>) {
  console.log(`== Translation memory, ${store}: ${result.segments} segments (filled in ${result.fillSeconds} s), ${QUERIES} queries each; fuzzy recall ${result.fuzzyRecall} ==`);
  console.table({ exact: result.exact, fuzzy: result.fuzzy, noMatch: result.noMatch, concordance: result.concordance });
}

async function main() {
  if (STORES.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-tm-bench-'));
    try {
      const sqlite = await openTranslationStores(`sqlite:${join(dir, 'tm.db')}`);
      const result = await runTmBench(sqlite);
      await sqlite.close();
      report('SQLite FTS5', result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const url = process.env.DATABASE_URL;
  if (STORES.includes('postgres') && url && /^postgres(ql)?:\/\//.test(url)) {
    const name = `plenary_tm_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    try {
      const stores = await openTranslationStores(dbUrl.toString());
      // A bulk load leaves GIN pending lists and no planner statistics; autovacuum would see
      // to both within minutes on a live server.
      const result = await runTmBench(stores, async () => {
        const client = new pg.Client({ connectionString: dbUrl.toString() });
        await client.connect();
        await client.query('VACUUM ANALYZE tm_segments');
        await client.query('VACUUM ANALYZE tm_terms');
        await client.end();
      });
      await stores.close();
      report('PostgreSQL pg_trgm', result);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
