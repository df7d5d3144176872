/**
 * The bench's side of the load processes: forks bench/load/client.ts (under tsx), sends it
 * commands and awaits the answers. A fleet is a few such processes sharing the clients of a
 * scenario (BENCHMARKING.md: one Node process cannot receive for 200 busy clients).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  BurstResult,
  CollectCommand,
  CollectResult,
  Command,
  JoinCommand,
  JoinResult,
  OpenTimedCommand,
  ProgressResult,
  Response,
  TimedOpen,
  WriteCommand,
  WriteResult,
} from './protocol';

const CLIENT_ENTRY = fileURLToPath(new URL('./client.ts', import.meta.url));

export class LoadProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (response: Response) => {
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response.result);
      else waiter.reject(new Error(`load process ${child.pid}: ${response.error}`));
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load process exited (${code})`));
      this.pending.clear();
    });
  }

  static start(): Promise<LoadProcess> {
    const child = fork(CLIENT_ENTRY, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(new LoadProcess(child)));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`load process exited before it was ready (${code})`)));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  private request<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }

  join = (c: Omit<JoinCommand, 'type'>) => this.request<JoinResult>({ type: 'join', ...c });
  write = (c: Omit<WriteCommand, 'type'>) => this.request<WriteResult>({ type: 'write', ...c });
  burst = (count: number, perTurn = 200) => this.request<BurstResult>({ type: 'burst', count, perTurn });
  openTimed = (c: Omit<OpenTimedCommand, 'type'>) => this.request<TimedOpen[]>({ type: 'openTimed', ...c });
  seed = (base: string, room: string, update: Uint8Array) => this.request<void>({ type: 'seed', base, room, update });
  reset = () => this.request<null>({ type: 'reset' });
  progress = () => this.request<ProgressResult>({ type: 'progress' });
  collect = (c: Omit<CollectCommand, 'type'>) => this.request<CollectResult>({ type: 'collect', ...c });

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.request({ type: 'close' }).catch(() => {});
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export async function startFleet(size: number): Promise<LoadProcess[]> {
  return Promise.all(Array.from({ length: size }, () => LoadProcess.start()));
}

export async function closeFleet(fleet: LoadProcess[]): Promise<void> {
  await Promise.all(fleet.map((p) => p.close()));
}

/**
 * Waits until the fleet has applied `expected` remote updates, or until nothing new arrived
 * for `quietMs` (then some were lost), or `maxMs` passed.
 */
export async function waitForDeliveries(fleet: LoadProcess[], expected: number, quietMs = 5000, maxMs = 60_000): Promise<number> {
  const started = performance.now();
  let last = -1;
  let lastChange = performance.now();
  for (;;) {
    const got = (await Promise.all(fleet.map((p) => p.progress()))).reduce((s, p) => s + p.received, 0);
    if (got >= expected) return got;
    if (got !== last) {
      last = got;
      lastChange = performance.now();
    }
    if (performance.now() - lastChange > quietMs || performance.now() - started > maxMs) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
}
