/**
 * The rooms this instance holds. A room loads on first use (concurrent callers share the
 * load) and unloads `unloadDelayMs` after its last holder leaves, once its writes are durable.
 */
import type { Room, RoomDeps } from './room';
import { Room as RoomImpl } from './room';

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The rooms whose load has finished (for metrics). */
  private readonly ready = new Set<Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being flushed and released; a new load of the same name waits for it. */
  private readonly unloading = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    private readonly deps: RoomDeps,
    private readonly unloadDelayMs: number,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** Loaded rooms whose doc is hibernating (RoomDocument). */
  get dormant(): number {
    let n = 0;
    for (const room of this.ready) if (room.isDormant) n++;
    return n;
  }

  /** Loaded rooms (for metrics and server-side reads). */
  loaded(name: string): Promise<Room> | undefined {
    return this.rooms.get(name);
  }

  async acquire(name: string): Promise<Room> {
    if (this.closing) throw new Error('server shutting down');
    this.cancelUnload(name);
    let pending = this.rooms.get(name);
    if (!pending) {
      const previous = this.unloading.get(name);
      pending = previous ? previous.then(() => RoomImpl.load(name, this.deps)) : RoomImpl.load(name, this.deps);
      this.rooms.set(name, pending);
      pending.then(
        (room) => this.ready.add(room),
        () => this.rooms.delete(name),
      );
    }
    return pending;
  }

  /** Runs `fn` with the room held, so it cannot unload underneath. */
  async withRoom<T>(name: string, fn: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(name);
    room.refs++;
    try {
      return await fn(room);
    } finally {
      room.refs--;
      this.releaseIfIdle(room);
    }
  }

  releaseIfIdle(room: Room): void {
    if (!room.isIdle || this.closing) return;
    this.cancelUnload(room.name);
    const timer = setTimeout(() => void this.unload(room), this.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room.name, timer);
  }

  private cancelUnload(name: string): void {
    const timer = this.unloadTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(name);
    }
  }

  private async unload(room: Room): Promise<void> {
    this.unloadTimers.delete(room.name);
    if (!room.isIdle || this.rooms.get(room.name) === undefined) return;
    this.rooms.delete(room.name);
    this.ready.delete(room);
    room.compactIfBehind();
    const done = room.destroy().finally(() => this.unloading.delete(room.name));
    this.unloading.set(room.name, done);
    await done;
  }

  /** Flushes and releases every room; connections must be closed first. */
  async closeAll(): Promise<void> {
    this.closing = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    this.rooms.clear();
    this.ready.clear();
    await Promise.all(rooms.map((r) => (r.status === 'fulfilled' ? r.value.destroy() : undefined)));
    await Promise.all(this.unloading.values());
  }
}
