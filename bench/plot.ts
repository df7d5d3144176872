/**
 * `npx tsx bench/plot.ts [results.json] [out.svg]`: a bar chart of propagation latency, p50
 * and p99 per server per scenario (medians over rounds, whiskers from min to max), on a log
 * scale, as a hand-written SVG. Defaults: bench/results/latest.json → docs/performance/latency.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResults, type BenchResults } from './report';
import { SERVER_KINDS, SERVER_LABELS, type ServerKind } from './servers/launch';

const COLORS: Record<ServerKind, string> = { plenary: '#1f5fa8', cluster: '#5b8fd0', reference: '#d9822b', relay: '#7a7a7a' };
const GROUPS: { id: string; label: (r: BenchResults) => string }[] = [
  { id: 'a50', label: (r) => `(a) one room, ${r.scenarios.a50?.params.clients} clients` },
  { id: 'a200', label: (r) => `(a) one room, ${r.scenarios.a200?.params.clients} clients` },
  { id: 'b', label: (r) => `(b) ${Number(r.scenarios.b?.params.rooms) * 2} connections, light load` },
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function renderLatencySvg(results: BenchResults): string {
  const groups = GROUPS.filter((g) => results.scenarios[g.id]);
  const width = 860;
  const height = 420;
  const left = 64;
  const top = 48;
  const plotH = 270;
  const plotW = width - left - 24;
  const values = groups.flatMap((g) => SERVER_KINDS.flatMap((k) => [results.scenarios[g.id].servers[k]?.summary.p99?.max ?? 1]));
  const lo = 0.5;
  const hi = 10 ** Math.ceil(Math.log10(Math.max(10, ...values.filter(Number.isFinite))));
  const y = (v: number) => top + plotH - (Math.log10(Math.max(lo, v) / lo) / Math.log10(hi / lo)) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="600">Update propagation latency, p50 (solid) and p99 (light), ms, log scale</text>`,
  ];
  for (let v = 1; v <= hi; v *= 10) {
    for (const t of [v, 2 * v, 5 * v].filter((t) => t <= hi && t >= lo)) {
      out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="${t === v ? '#ccc' : '#eee'}"/>`);
      out.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" fill="#555">${t}</text>`);
    }
  }
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(36, (groupW - 40) / (SERVER_KINDS.length * 2));
  groups.forEach((g, gi) => {
    const r = results.scenarios[g.id];
    const x0 = left + gi * groupW + (groupW - barW * SERVER_KINDS.length * 2 - 8 * (SERVER_KINDS.length - 1)) / 2;
    SERVER_KINDS.forEach((kind, ki) => {
      const s = r.servers[kind]?.summary;
      if (!s) return;
      (['p50', 'p99'] as const).forEach((key, j) => {
        const v = s[key];
        if (!v || !Number.isFinite(v.median)) return;
        const x = x0 + ki * (barW * 2 + 8) + j * barW;
        out.push(`<rect x="${x}" y="${y(v.median)}" width="${barW - 2}" height="${top + plotH - y(v.median)}" fill="${COLORS[kind]}" fill-opacity="${j === 0 ? 1 : 0.45}"/>`);
        if (v.max > v.min) {
          const cx = x + (barW - 2) / 2;
          out.push(`<path d="M${cx} ${y(v.min)}V${y(v.max)}M${cx - 4} ${y(v.min)}h8M${cx - 4} ${y(v.max)}h8" stroke="#222" stroke-width="1"/>`);
        }
        out.push(`<text x="${x + (barW - 2) / 2}" y="${y(v.median) - 4}" text-anchor="middle" font-size="10" fill="#222">${v.median < 10 ? v.median.toFixed(1) : v.median.toFixed(0)}</text>`);
      });
    });
    out.push(`<text x="${left + gi * groupW + groupW / 2}" y="${top + plotH + 20}" text-anchor="middle">${escape(g.label(results))}</text>`);
  });
  SERVER_KINDS.forEach((kind, i) => {
    const x = left + i * 260;
    out.push(`<rect x="${x}" y="${height - 56}" width="14" height="14" fill="${COLORS[kind]}"/>`);
    out.push(`<text x="${x + 20}" y="${height - 44}">${escape(SERVER_LABELS[kind])}</text>`);
  });
  const when = Object.values(results.scenarios).map((s) => s.measuredAt).sort().pop()?.slice(0, 10) ?? '';
  out.push(`<text x="${left}" y="${height - 16}" fill="#555">Medians over rounds, whiskers min–max; servers interleaved in one run; ${results.machine.cpus} cores, Node ${results.machine.node}; ${when}.</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export function writeLatencyPlot(results: BenchResults, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderLatencySvg(results));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const input = process.argv[2] ?? `${root}bench/results/latest.json`;
  const output = process.argv[3] ?? `${root}docs/performance/latency.svg`;
  writeLatencyPlot(loadResults(input), output);
  console.log(`wrote ${output}`);
}
