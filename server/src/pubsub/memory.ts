/**
 * Several "instances" in one process on one bus: a real pub/sub whose messages travel between
 * `MemoryPubSub`s opened on the same `MemoryBus`, so multi-instance behaviour runs without
 * Redis (the contract suite, the deterministic fuzz). Like Redis it never echoes a message to
 * its publisher and keeps each publisher's order per subscriber.
 *
 * Delivery is `auto` (after the publishing call returns, as a network would) or `manual`:
 * messages wait on the bus until `deliver()` hands them over, so a test decides the order.
 * `needsCatchUp` says whether rooms must also read the log ([R8]); a test that drops messages
 * (`drop()`) or simulates a reconnect (`resubscribed()`) sets it.
 */
import type { PubSub, RoomMessageHandler } from './types';

interface InFlight {
  from: MemoryPubSub;
  to: MemoryPubSub;
  room: string;
  message: Uint8Array;
}

export interface MemoryBusOptions {
  delivery?: 'auto' | 'manual';
  needsCatchUp?: boolean;
}

export class MemoryBus {
  private readonly members = new Set<MemoryPubSub>();
  private readonly inFlight: InFlight[] = [];
  private scheduled = false;
  readonly delivery: 'auto' | 'manual';
  readonly needsCatchUp: boolean;

  constructor(options: MemoryBusOptions = {}) {
    this.delivery = options.delivery ?? 'auto';
    this.needsCatchUp = options.needsCatchUp ?? false;
  }

  /** Opens an instance on this bus. */
  open(instanceId: string): MemoryPubSub {
    const member = new MemoryPubSub(this, instanceId);
    this.members.add(member);
    return member;
  }

  /** Messages published but not yet handed to their subscriber. */
  get pending(): number {
    return this.inFlight.length;
  }

  /** Hands over up to `max` waiting messages (oldest first; `to`: only those for one instance). */
  deliver(max = Infinity, to?: MemoryPubSub): number {
    let done = 0;
    for (let i = 0; i < this.inFlight.length && done < max; ) {
      const m = this.inFlight[i];
      if (to && m.to !== to) {
        i++;
        continue;
      }
      this.inFlight.splice(i, 1);
      m.to.receive(m.room, m.message);
      done++;
    }
    return done;
  }

  /** Loses every waiting message (to one instance, or all): what a dropped connection does. */
  drop(to?: MemoryPubSub): number {
    const before = this.inFlight.length;
    for (let i = this.inFlight.length - 1; i >= 0; i--) if (!to || this.inFlight[i].to === to) this.inFlight.splice(i, 1);
    return before - this.inFlight.length;
  }

  /** @internal */
  leave(member: MemoryPubSub): void {
    this.members.delete(member);
    this.drop(member);
  }

  /** @internal: a copy per subscribed instance but the publisher, in publish order. */
  publish(from: MemoryPubSub, room: string, message: Uint8Array): void {
    const copy = message.slice();
    for (const to of this.members) {
      if (to !== from && to.isSubscribed(room)) this.inFlight.push({ from, to, room, message: copy });
    }
    if (this.delivery === 'auto' && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.deliver();
      });
    }
  }
}

export class MemoryPubSub implements PubSub {
  readonly kind = 'memory' as const;
  private readonly handlers = new Map<string, Set<RoomMessageHandler>>();
  private readonly resubscribedCallbacks = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly bus: MemoryBus,
    readonly instanceId: string,
  ) {}

  get needsCatchUp(): boolean {
    return this.bus.needsCatchUp;
  }

  isSubscribed(room: string): boolean {
    return !this.closed && (this.handlers.get(room)?.size ?? 0) > 0;
  }

  async publish(room: string, message: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('pub/sub closed');
    this.bus.publish(this, room, message);
  }

  async subscribe(room: string, onMessage: RoomMessageHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(room);
    if (!set) this.handlers.set(room, (set = new Set()));
    set.add(onMessage);
    const mine = set;
    return async () => {
      mine.delete(onMessage);
      if (mine.size === 0 && this.handlers.get(room) === mine) this.handlers.delete(room);
    };
  }

  onResubscribed(cb: () => void): () => void {
    this.resubscribedCallbacks.add(cb);
    return () => void this.resubscribedCallbacks.delete(cb);
  }

  /** Tells subscribers the subscription came back after an outage (they catch up from storage). */
  resubscribed(): void {
    for (const cb of [...this.resubscribedCallbacks]) cb();
  }

  /** @internal: one message from the bus. A failing handler does not stop the others. */
  receive(room: string, message: Uint8Array): void {
    for (const handler of [...(this.handlers.get(room) ?? [])]) {
      try {
        handler(message);
      } catch {
        // one room's failure must not stop delivery to the others (as in redis.ts)
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    this.resubscribedCallbacks.clear();
    this.bus.leave(this);
  }
}
