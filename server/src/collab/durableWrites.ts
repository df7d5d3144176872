/**
 * A room's writes to its log ([R1]): each update the room must store is appended through the
 * group commit (UpdateWriter), and `onDurable` hears it only once it is committed — the relay
 * and the compaction count start there. `flushed()` resolves once everything appended so far
 * is durable (sync answers, acknowledgments and server changes wait on it).
 */
import type { UpdateWriter } from './updateWriter';
import type { Peer } from './peer';

export type OnDurable = (update: Uint8Array, sender: Peer | undefined, receivedAt: number) => void;

export class DurableWrites {
  private last: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  /** Writes ever started (a reload checks that none started while it read). */
  private started = 0;

  constructor(
    private readonly room: string,
    private readonly writer: UpdateWriter,
    private readonly onDurable: OnDurable,
  ) {}

  /** Stores `update` (written by `sender`, if a peer); `onDurable` runs once it is committed. */
  append(update: Uint8Array, sender: Peer | undefined): void {
    const receivedAt = performance.now();
    this.inFlight++;
    this.started++;
    const write = this.writer.append(this.room, update).then(() => this.onDurable(update, sender, receivedAt));
    const settled = () => void this.inFlight--;
    write.then(settled, settled);
    this.last = write;
  }

  /** Resolves once every update appended so far is durable. */
  flushed(): Promise<void> {
    return this.last.then(() => undefined);
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** A mark to compare with `quietSince` after an asynchronous read. */
  mark(): number {
    return this.started;
  }

  /** No write started since `mark` and none is in flight. */
  quietSince(mark: number): boolean {
    return this.started === mark && this.inFlight === 0;
  }
}
