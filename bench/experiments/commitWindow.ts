/**
 * Experiment entry: Plenary whose group commit waits BENCH_VARIANT_PARAM ms (compareVariants
 * `commitWindow@5`; 0 = unchanged) after the first queued update before its usual scheduling,
 * so that more updates share one transaction and one fdatasync — the design lever left for
 * CPU per delivery at a50 (docs/notes/issue16.md). It trades that much latency for it. Not a
 * product configuration.
 */
import { UpdateWriter } from '../../server/src/collab/updateWriter';

const windowMs = Number(process.env.BENCH_VARIANT_PARAM ?? 5);
interface Scheduling { scheduled: boolean; inFlight: Promise<void> | null; schedule(): void }
const proto = UpdateWriter.prototype as unknown as Scheduling;
const schedule = proto.schedule;
const waiting = new WeakSet<Scheduling>();
if (windowMs > 0) {
  // Delays UpdateWriter's own schedule() (setImmediate, then the append) by the window.
  proto.schedule = function (this: Scheduling) {
    if (this.scheduled || this.inFlight || waiting.has(this)) return;
    waiting.add(this);
    setTimeout(() => {
      waiting.delete(this);
      schedule.call(this);
    }, windowMs);
  };
}
await import('../../server/src/main');
