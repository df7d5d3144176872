/**
 * Apertium run locally (Debian packages `apertium` and pair packages such as
 * `apertium-eng-spa`, `apertium-fr-es`). Installed pairs come from `apertium -l` (modes such
 * as `eng-spa`, `fr-es`; variants like `spa-eng_US` are left out), their ISO 639-3 codes
 * mapped to Plenary's primary codes. Each translation is one `apertium -f html -u <mode> <file>`
 * child process (HTML so inline formatting survives, -u so unknown words carry no `*`), killed
 * with its pipeline at the timeout; at most two run at once (the machine's cores). The input
 * goes through a temporary file, not stdin: Apertium's HTML deformatter (transfuse) cannot
 * read the socket Node gives a child as its stdin.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { engineLanguage } from '../interchange/languageTag';
import { htmlToMarkup, markupToHtml } from './html';
import { MtError, type MtPair, type MtProvider } from './types';

const run = promisify(execFile);

/** Modes of `apertium -l` → the pairs they serve, keyed by pair. */
export function parseModes(listing: string): Map<string, { pair: MtPair; mode: string }> {
  const out = new Map<string, { pair: MtPair; mode: string }>();
  for (const mode of listing.split(/\s+/)) {
    const m = /^([a-z]{2,3})-([a-z]{2,3})$/.exec(mode);
    const from = m && engineLanguage(m[1]);
    const to = m && engineLanguage(m[2]);
    if (from && to && from !== to && !out.has(`${from}-${to}`)) out.set(`${from}-${to}`, { pair: { from, to }, mode });
  }
  return out;
}

/** Whether the `apertium` command runs here, and its modes. */
export async function apertiumModes(): Promise<Map<string, { pair: MtPair; mode: string }> | null> {
  try {
    const { stdout } = await run('apertium', ['-l'], { timeout: 10_000 });
    return parseModes(stdout);
  } catch {
    return null;
  }
}

export class ApertiumProvider implements MtProvider {
  readonly name = 'apertium';
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly modes: Map<string, { pair: MtPair; mode: string }>,
    private readonly timeoutMs: number,
    private readonly concurrency = 2,
  ) {}

  async pairs(): Promise<MtPair[]> {
    return [...this.modes.values()].map((m) => m.pair);
  }

  async translate(markup: string, from: string, to: string): Promise<string> {
    const mode = this.modes.get(`${from}-${to}`)?.mode;
    if (!mode) throw new MtError('unsupported', `Apertium has no ${from}→${to} pair installed`);
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return htmlToMarkup(await this.runMode(mode, markupToHtml(markup)));
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async runMode(mode: string, html: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'plenary-mt-'));
    try {
      const input = join(dir, 'in.html');
      await writeFile(input, html);
      return await this.spawnMode(mode, input);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private spawnMode(mode: string, input: string): Promise<string> {
    return new Promise((resolve, reject) => {
      // Its own process group, so the timeout kills the whole pipeline (lt-proc, cg-proc…).
      const child = spawn('apertium', ['-f', 'html', '-u', mode, input], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const out: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        reject(new MtError('timeout', `Apertium took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-500);
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new MtError('failed', `Apertium could not start: ${e.message}`));
      });
      child.on('close', (status) => {
        clearTimeout(timer);
        if (status === 0) resolve(Buffer.concat(out).toString('utf8').trim());
        else reject(new MtError('failed', `Apertium failed (${status}): ${err.trim() || 'no message'}`));
      });
    });
  }
}
