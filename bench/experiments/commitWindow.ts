/**
 * Experiment entry: Plenary whose group commit waits BENCH_VARIANT_PARAM ms (compareVariants `commitWindow@5`; 0 = unchanged) after the
 * first queued update before appending, so that more updates share one transaction and one
 * fdatasync — the design lever left for CPU per delivery at a50 (docs/notes/issue16.md). It
 * trades that much latency for it. Not a product configuration.
 */
import { UpdateWriter } from '../../server/src/collab/updateWriter';

const windowMs = Number(process.env.BENCH_VARIANT_PARAM ?? 5);
interface Schedulable { scheduled: boolean; inFlight: Promise<void> | null; queue: unknown[]; idleWaiters: (() => void)[]; flush(): Promise<void>; schedule(): void }
// UpdateWriter.schedule with setTimeout(windowMs) in place of setImmediate; the rest as there.
if (windowMs > 0) (UpdateWriter.prototype as unknown as Schedulable).schedule = function (this: Schedulable) {
  if (this.scheduled || this.inFlight) return;
  this.scheduled = true;
  setTimeout(() => {
    this.scheduled = false;
    this.inFlight = this.flush().finally(() => {
      this.inFlight = null;
      if (this.queue.length > 0) this.schedule();
      else for (const w of this.idleWaiters.splice(0)) w();
    });
  }, windowMs);
};
await import('../../server/src/main');
