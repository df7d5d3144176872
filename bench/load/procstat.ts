/**
 * What the kernel says a process cost: CPU seconds (utime + stime from /proc/<pid>/stat),
 * resident and peak resident memory (VmRSS, VmHWM from /proc/<pid>/status), and the busy
 * CPU time of the whole machine (/proc/stat), from which the share used by processes that
 * are not part of the measurement is derived: on a shared 2-core machine that share says
 * whether a run was noisy.
 */
import { readFileSync } from 'node:fs';

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
