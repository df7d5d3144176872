/**
 * `npx tsx bench/experiments/afterCreation.ts [reports] [paragraphs] [seconds]`: what a
 * Plenary process does after `reports` reports were created through the API (as the
 * independent harness of issue 16 did before measuring): the server's CPU per second from
 * the last creation on, while nobody is connected. Prints one line per second.
 */
import { cpuSeconds } from '../load/procstat';
import { startServer } from '../servers/launch';
import { createReport, signUp } from '../servers/plenaryApi';
import { reportText } from '../scenarios/reportText';

const reports = Number(process.argv[2] ?? 200);
const paragraphs = Number(process.argv[3] ?? 0);
const seconds = Number(process.argv[4] ?? 30);

const server = await startServer('plenary');
try {
  const token = await signUp(server.http);
  const text = paragraphs > 0 ? reportText('en', paragraphs) : undefined;
  const started = performance.now();
  let cpu = cpuSeconds(server.pid);
  for (let i = 0; i < reports; i++) await createReport(server.http, token, { title: `Report ${i}`, languages: ['fr'], text });
  const took = (performance.now() - started) / 1000;
  console.log(`created ${reports} reports (${paragraphs} paragraphs) in ${took.toFixed(1)} s, server CPU ${(cpuSeconds(server.pid) - cpu).toFixed(2)} s`);
  cpu = cpuSeconds(server.pid);
  for (let s = 1; s <= seconds; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuSeconds(server.pid);
    console.log(`t+${String(s).padStart(2)} s  server CPU ${((now - cpu) * 1000).toFixed(0).padStart(4)} ms`);
    cpu = now;
  }
} finally {
  await server.stop();
}
