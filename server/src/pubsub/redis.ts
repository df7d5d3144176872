/**
 * Fan-out between instances over Redis pub/sub (docs/scaling.md says why not streams).
 *
 * - Two connections: a subscriber connection may only run subscribe commands, so publishing
 *   needs its own.
 * - Channel per room, `plenary:room:<room>`. Each message is the publisher's 16-byte instance
 *   id followed by the payload; the subscriber drops its own instance's messages, which Redis
 *   would otherwise echo back.
 * - Pub/sub is at-most-once: while a connection is down, messages are lost. ioredis
 *   re-subscribes by itself on reconnect; we then confirm every channel once more and call the
 *   `onResubscribed` callbacks so rooms catch up from storage, where every update already is.
 */
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import type { PubSub, RoomMessageHandler } from './types';

export const CHANNEL_PREFIX = 'plenary:room:';
const ID_BYTES = 16;

/** 16 bytes for an instance id: a UUID's own bytes, or a digest of any other string. */
export function instanceIdBytes(instanceId: string): Buffer {
  const hex = instanceId.replace(/-/g, '');
  if (/^[0-9a-f]{32}$/i.test(hex)) return Buffer.from(hex, 'hex');
  return createHash('sha256').update(instanceId).digest().subarray(0, ID_BYTES);
}

interface Channel {
  handlers: Set<RoomMessageHandler>;
  /** Settles when Redis acknowledged the SUBSCRIBE. */
  ready: Promise<unknown>;
}

export interface RedisPubSubOptions {
  /**
   * Connection errors (ioredis keeps reconnecting by itself) and handler failures. Default:
   * one line on stderr per outage, rather than ioredis's line per reconnect attempt.
   */
  onError?: (err: unknown) => void;
}

function warnOncePerOutage(connections: Redis[]): (err: unknown) => void {
  let down = false;
  for (const c of connections) c.on('ready', () => (down = false));
  return (err) => {
    if (!down) console.warn(`plenary: Redis pub/sub error, reconnecting: ${String(err)}`);
    down = true;
  };
}

export class RedisPubSub implements PubSub {
  readonly kind = 'redis' as const;
  /** Pub/sub is at-most-once: what is lost while a connection is down is read from storage. */
  readonly needsCatchUp = true;
  private readonly channels = new Map<string, Channel>();
  private readonly resubscribedCallbacks = new Set<() => void>();
  private readonly id: Buffer;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    instanceId: string,
    private readonly onError: (err: unknown) => void,
  ) {
    this.id = instanceIdBytes(instanceId);
    subscriber.on('messageBuffer', this.onMessage);
    // Both connections are ready before we are built, so every later 'ready' is a reconnect.
    subscriber.on('ready', this.onReconnected);
  }

  /** Connects both connections; rejects (and gives up) if Redis is unreachable at start. */
  static async connect(url: string, instanceId: string, options: RedisPubSubOptions = {}): Promise<RedisPubSub> {
    const publisher = new Redis(url, { lazyConnect: true, connectionName: `plenary-pub-${instanceId}` });
    const subscriber = new Redis(url, { lazyConnect: true, connectionName: `plenary-sub-${instanceId}` });
    const onError = options.onError ?? warnOncePerOutage([publisher, subscriber]);
    publisher.on('error', onError);
    subscriber.on('error', onError);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (err) {
      publisher.disconnect();
      subscriber.disconnect();
      throw err;
    }
    return new RedisPubSub(publisher, subscriber, instanceId, onError);
  }

  async publish(room: string, message: Uint8Array): Promise<void> {
    await this.publisher.publish(CHANNEL_PREFIX + room, Buffer.concat([this.id, message]));
  }

  async subscribe(room: string, onMessage: RoomMessageHandler): Promise<() => Promise<void>> {
    const name = CHANNEL_PREFIX + room;
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { handlers: new Set(), ready: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    const ch = channel;
    ch.handlers.add(onMessage);
    const unsubscribe = async (): Promise<void> => {
      if (!ch.handlers.delete(onMessage) || ch.handlers.size > 0 || this.channels.get(name) !== ch) return;
      this.channels.delete(name);
      // Commands on one connection run in order, so a later SUBSCRIBE of the same name wins.
      await this.subscriber.unsubscribe(name);
    };
    try {
      await ch.ready;
    } catch (err) {
      await unsubscribe().catch(() => {});
      throw err;
    }
    return unsubscribe;
  }

  onResubscribed(cb: () => void): () => void {
    this.resubscribedCallbacks.add(cb);
    return () => void this.resubscribedCallbacks.delete(cb);
  }

  async close(): Promise<void> {
    this.channels.clear();
    this.resubscribedCallbacks.clear();
    this.subscriber.off('ready', this.onReconnected);
    await Promise.all([
      this.publisher.quit().catch(() => this.publisher.disconnect()),
      this.subscriber.quit().catch(() => this.subscriber.disconnect()),
    ]);
  }

  private readonly onMessage = (channel: Buffer, message: Buffer): void => {
    if (message.length < ID_BYTES || this.id.equals(message.subarray(0, ID_BYTES))) return;
    const ch = this.channels.get(channel.toString());
    if (!ch) return;
    const payload = new Uint8Array(message.buffer, message.byteOffset + ID_BYTES, message.length - ID_BYTES);
    for (const handler of ch.handlers) {
      try {
        handler(payload);
      } catch (err) {
        // One room's failure must not stop delivery to the others.
        this.onError(err);
      }
    }
  };

  /**
   * ioredis re-sends SUBSCRIBE for every channel right after 'ready'. Subscribing again is a
   * no-op for Redis and gives us a reply to wait on: once it arrives, every channel is live
   * and what the rooms read from storage next cannot miss an update.
   */
  private readonly onReconnected = (): void => {
    const names = [...this.channels.keys()];
    const confirmed = names.length > 0 ? this.subscriber.subscribe(...names) : Promise.resolve();
    confirmed.then(
      () => {
        for (const cb of [...this.resubscribedCallbacks]) {
          try {
            cb();
          } catch (err) {
            this.onError(err);
          }
        }
      },
      (err: unknown) => this.onError(err),
    );
  };
}
