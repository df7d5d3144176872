/**
 * Single-instance pub/sub: there is no other instance to reach, so publishing delivers to
 * nobody. Subscriptions are kept only so the contract (unsubscribe, close) holds.
 */
import type { PubSub, RoomMessageHandler } from './types';

export class LocalPubSub implements PubSub {
  readonly kind = 'local' as const;
  /** No other instance: nothing can be missed. */
  readonly needsCatchUp = false;
  private readonly handlers = new Map<string, Set<RoomMessageHandler>>();

  async publish(): Promise<void> {}

  async subscribe(room: string, onMessage: RoomMessageHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(room);
    if (!set) this.handlers.set(room, (set = new Set()));
    set.add(onMessage);
    return async () => {
      set.delete(onMessage);
      if (set.size === 0) this.handlers.delete(room);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
