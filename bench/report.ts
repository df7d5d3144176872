/**
 * What a bench run says: the results file (bench/results/latest.json), a table per scenario
 * (medians with min–max over rounds, and ratios of Plenary's median to the reference's and
 * the relay's measured in the same run), the issue's targets checked against the numbers,
 * and the same tables in Markdown for docs/performance.md.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { format } from './scenarios/rounds';
import type { RoomMemory } from './scenarios/roomMemory';
import type { ScenarioResult } from './scenarios/types';
import { ALL_SERVER_KINDS, SERVER_LABELS, type ServerKind } from './servers/launch';

export interface BenchResults {
  updatedAt: string;
  machine: { cpus: number; cpuModel: string; node: string };
  scenarios: Record<string, ScenarioResult>;
  roomMemory?: { measuredAt: string; rooms: RoomMemory[] };
  foundation?: { measuredAt: string; values: Record<string, number> };
}

export function loadResults(file: string): BenchResults {
  const empty: BenchResults = { updatedAt: '', machine: machine(), scenarios: {} };
  return existsSync(file) ? { ...empty, ...(JSON.parse(readFileSync(file, 'utf8')) as BenchResults) } : empty;
}

export function saveResults(file: string, results: BenchResults): void {
  writeFileSync(file, `${JSON.stringify({ ...results, updatedAt: new Date().toISOString(), machine: machine() }, round, 1)}\n`);
}

/** Three significant decimals are plenty and keep the file small. */
const round = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(4)) : value);

function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version };
}

const cell = (r: ScenarioResult, kind: ServerKind, key: string, digits?: number) => {
  const s = r.servers[kind]?.summary[key];
  if (!s || s.n === 0) return '–';
  return s.n === 1 || s.min === s.max ? format(s.median, digits) : `${format(s.median, digits)} (${format(s.min, digits)}–${format(s.max, digits)})`;
};

const ratio = (r: ScenarioResult, key: string, other: ServerKind) => {
  const p = r.servers.plenary?.summary[key]?.median;
  const o = r.servers[other]?.summary[key]?.median;
  if (p === undefined || o === undefined || !Number.isFinite(p) || !Number.isFinite(o) || o === 0) return '–';
  return `${(p / o).toFixed(2)}×`;
};

function rows(r: ScenarioResult): { header: string[]; body: string[][] } {
  const kinds = ALL_SERVER_KINDS.filter((k) => r.servers[k]);
  const others = kinds.filter((k) => k !== 'plenary');
  const header = ['', ...kinds.map((k) => SERVER_LABELS[k]), ...others.map((k) => `Plenary / ${k}`)];
  const body = r.metrics.map((m) => [
    `${m.label}${m.unit ? ` (${m.unit})` : ''}`,
    ...kinds.map((k) => cell(r, k, m.key, m.digits)),
    ...others.map((k) => ratio(r, m.key, k)),
  ]);
  body.push(['other processes during the run (cores)', ...kinds.map((k) => cell(r, k, 'otherCores', 2)), ...others.map(() => '')]);
  return { header, body };
}

export function renderTable(r: ScenarioResult): string {
  const { header, body } = rows(r);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const runs = Object.values(r.servers)[0]?.runs.length ?? 0;
  return [`(${r.id}) ${r.title} — ${r.mode}, ${runs} round(s), median (min–max)`, line(header), ...body.map(line), ...r.notes.map((n) => `  note: ${n}`)].join('\n');
}

export function renderMarkdownTable(r: ScenarioResult): string {
  const { header, body } = rows(r);
  const runs = Object.values(r.servers)[0]?.runs.length ?? 0;
  return [
    `**(${r.id}) ${r.title}** — ${runs} round(s), ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC${r.mode === 'quick' ? ', quick' : ''}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
    ...(r.notes.length ? ['', ...r.notes.map((n) => `*${n}*`)] : []),
  ].join('\n');
}

export interface TargetCheck {
  target: string;
  met: boolean | null;
  detail: string;
}

const median = (results: BenchResults, id: string, kind: ServerKind, key: string) => results.scenarios[id]?.servers[kind]?.summary[key]?.median;

/** The issue's targets (item 5), each against the numbers of one run. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const id of ['a200', 'a50']) {
    const p = median(results, id, 'plenary', 'p99');
    const ref = median(results, id, 'reference', 'p99');
    const relay = median(results, id, 'relay', 'p99');
    if (p === undefined) continue;
    const size = results.scenarios[id].params.clients;
    checks.push({
      target: `(a, ${size} clients) Plenary p99 ≤ reference p99`,
      met: ref === undefined ? null : p <= ref,
      detail: `${format(p)} ms vs ${format(ref)} ms`,
    });
    checks.push({
      target: `(a, ${size} clients) Plenary p99 ≤ 2 × relay p99`,
      met: relay === undefined ? null : p <= 2 * relay,
      detail: `${format(p)} ms vs 2 × ${format(relay)} ms`,
    });
  }
  const b = results.scenarios.b;
  const bp99 = median(results, 'b', 'plenary', 'p99');
  if (b && bp99 !== undefined) {
    const connections = Number(b.params.rooms) * 2;
    checks.push({
      target: '2,000 concurrent connections on one instance, p99 < 100 ms',
      met: connections >= 2000 ? bp99 < 100 : null,
      detail: `${connections} connections, light write load: p99 ${format(bp99)} ms${connections < 2000 ? ' (quick run: fewer connections, not conclusive)' : ''}`,
    });
  }
  const c = median(results, 'c', 'plenary', 'stateMs');
  if (c !== undefined) {
    checks.push({ target: '(c) cold sync under 100 ms server time', met: c < 100, detail: `original room (500 paragraphs): state arrives after ${format(c)} ms; all six rooms: ${format(median(results, 'c', 'plenary', 'wholeStateMs'))} ms` });
  }
  const mem = results.roomMemory?.rooms;
  const blank = mem?.find((m) => m.label === 'blank');
  const large = mem?.find((m) => m.label === 'large');
  if (blank && large) {
    const bound = 2 * large.stateBytes + blank.bytesPerRoom;
    checks.push({
      target: 'memory per idle open room < 2 × Yjs state + constant (constant = a blank room)',
      met: large.bytesPerRoom < bound,
      detail:
        `idle (hibernated): blank room ${(blank.bytesPerRoom / 1024).toFixed(1)} KB; 500-paragraph room ${(large.bytesPerRoom / 1024).toFixed(0)} KB for a ${(large.stateBytes / 1024).toFixed(0)} KB state ` +
        `(${(large.bytesPerRoom / large.stateBytes).toFixed(1)} × state; bound ${(bound / 1024).toFixed(0)} KB)` +
        (large.awakeBytesPerRoom ? `; awake: ${(large.awakeBytesPerRoom / 1024).toFixed(0)} KB (${(large.awakeBytesPerRoom / large.stateBytes).toFixed(1)} × state)` : ''),
    });
  }
  return checks;
}

export function renderTargets(checks: TargetCheck[], markdown = false): string {
  const mark = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : 'MISSED');
  if (!markdown) return checks.map((c) => `  [${mark(c.met).padEnd(6)}] ${c.target}: ${c.detail}`).join('\n');
  return ['| target | result | numbers |', '| --- | --- | --- |', ...checks.map((c) => `| ${c.target} | **${mark(c.met)}** | ${c.detail} |`)].join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated block of docs/performance.md with the latest tables and targets. */
export function writeDocsResults(file: string, results: BenchResults): void {
  if (!existsSync(file)) return;
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) return;
  const order = ['a200', 'a50', 'b', 'c', 'd'].filter((id) => results.scenarios[id]);
  const block = [
    START,
    `<!-- generated by \`npm run bench\` from bench/results/latest.json; edit the text around it, not this -->`,
    '',
    `Machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), Node ${results.machine.node}.`,
    '',
    '### Targets',
    '',
    renderTargets(checkTargets(results), true),
    '',
    ...order.flatMap((id) => [renderMarkdownTable(results.scenarios[id]), '']),
    END,
  ].join('\n');
  writeFileSync(file, doc.slice(0, from) + block + doc.slice(to + END.length));
}
