/**
 * What the kernel says a process cost: CPU seconds (utime + stime from /proc/<pid>/stat),
 * resident and peak resident memory (VmRSS, VmHWM from /proc/<pid>/status), and the busy
 * CPU time of the whole machine (/proc/stat), from which the share used by processes that
 * are not part of the measurement is derived: on a shared 2-core machine that share says
 * whether a run was noisy.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ; 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
  } catch {
    return 0; // the process is gone
  }
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export const rssBytes = (pid: number) => statusKb(pid, 'VmRSS') * 1024;
export const peakRssBytes = (pid: number) => statusKb(pid, 'VmHWM') * 1024;

/** Busy CPU seconds of the whole machine, all cores (user, nice, system, irq, softirq, steal). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / CLOCK_TICKS;
}

/**
 * A window over which the processes of a measurement (server, load clients, this process)
 * are charged, and everything else the machine did is counted as noise.
 */
export class CpuWindow {
  private readonly startedAt = performance.now();
  private readonly machineStart = machineBusySeconds();
  private readonly ownStart: Map<number, number>;

  constructor(private readonly pids: number[]) {
    this.ownStart = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** CPU seconds used since the start by `pid` (one of the window's processes). */
  used(pid: number): number {
    return cpuSeconds(pid) - (this.ownStart.get(pid) ?? 0);
  }

  /** Average cores used by processes outside the measurement since the start. */
  otherCores(): number {
    const wall = (performance.now() - this.startedAt) / 1000;
    const ours = this.pids.reduce((sum, pid) => sum + this.used(pid), 0);
    return Math.max(0, (machineBusySeconds() - this.machineStart - ours) / wall);
  }

  get seconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}

/**
 * Waits until the rest of the machine has used under `limitCores` over `sampleMs`, or
 * `maxWaitMs` passed; returns the last sample. Call it between measurements, when none of
 * the measurement's processes run.
 */
export async function waitForQuiet(limitCores: number, maxWaitMs: number, sampleMs = 2000): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const window = new CpuWindow([process.pid]);
    await new Promise((r) => setTimeout(r, sampleMs));
    const other = window.otherCores();
    if (other < limitCores || performance.now() > deadline) return other;
  }
}

/** Per-thread CPU ticks (utime, stime) of a process: where a server's CPU goes (BENCH_THREADS=1). */
export function threadTicks(pid: number): Map<string, { comm: string; user: number; sys: number }> {
  const out = new Map<string, { comm: string; user: number; sys: number }>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { comm, user: Number(fields[11]), sys: Number(fields[12]) });
    }
  } catch {
    // the process is gone
  }
  return out;
}

const pidOf = (snapshot: ReturnType<typeof threadTicks>) => Math.min(...[...snapshot.keys()].map(Number));

/** The per-thread CPU between two `threadTicks` snapshots, summed by thread name, in seconds. */
export function threadCpuBetween(before: ReturnType<typeof threadTicks>, after: ReturnType<typeof threadTicks>): Record<string, { user: number; sys: number }> {
  const byName: Record<string, { user: number; sys: number }> = {};
  for (const [tid, a] of after) {
    const b = before.get(tid) ?? { user: 0, sys: 0 };
    const entry = (byName[tid === String(pidOf(after)) ? 'main' : a.comm] ??= { user: 0, sys: 0 });
    entry.user += (a.user - b.user) / CLOCK_TICKS;
    entry.sys += (a.sys - b.sys) / CLOCK_TICKS;
  }
  return byName;
}
