/**
 * The pub/sub contract on Redis, when REDIS_URL is set, plus what only Redis can do: lose
 * the subscriber connection. Rooms are named per run, so runs sharing one Redis never meet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisPubSub } from '../../server/src/pubsub/redis';
import { waitFor } from '../helpers/yclient';
import { runPubSubContract } from './pubsub.contract';

const redisUrl = process.env.REDIS_URL;

if (redisUrl) {
  runPubSubContract('redis', async () => ({
    open: (id) => RedisPubSub.connect(redisUrl, id),
    fansOut: true,
    teardown: async () => {},
  }));

  describe('redis pub/sub: a dropped subscriber connection', () => {
    let admin: Redis;
    beforeAll(() => {
      admin = new Redis(redisUrl);
    });
    afterAll(async () => {
      await admin.quit();
    });

    /** Kills only this instance's subscriber connection (found by its client name). */
    async function killSubscriber(instanceId: string): Promise<void> {
      const list = (await admin.client('LIST')) as string;
      const line = list.split('\n').find((l) => l.includes(` name=plenary-sub-${instanceId} `));
      expect(line, 'subscriber connection is listed').toBeDefined();
      const id = /\bid=(\d+)/.exec(line!)![1];
      expect(await admin.client('KILL', 'ID', id)).toBe(1);
    }

    it('re-subscribes by itself, tells onResubscribed, and delivers again', async () => {
      const run = randomBytes(4).toString('hex');
      const [aId, bId] = [`drop-a-${run}`, `drop-b-${run}`];
      const [a, b] = [await RedisPubSub.connect(redisUrl, aId), await RedisPubSub.connect(redisUrl, bId)];
      try {
        const got: number[] = [];
        await b.subscribe(`drop${run}.en`, (m) => got.push(m[0]));
        let resubscribed = 0;
        const off = b.onResubscribed(() => resubscribed++);

        await killSubscriber(bId);
        await waitFor(() => resubscribed === 1, 10_000, 'onResubscribed');
        await a.publish(`drop${run}.en`, new Uint8Array([42]));
        await waitFor(() => got.length >= 1, 5000, 'delivery after reconnect');
        expect(got).toEqual([42]);

        off();
        await killSubscriber(bId);
        await a.publish(`drop${run}.en`, new Uint8Array([43]));
        // Publishing keeps going while B reconnects; 43 may be lost, which is what catch-up
        // from storage is for. Delivery must resume afterwards.
        await waitFor(() => {
          void a.publish(`drop${run}.en`, new Uint8Array([44]));
          return got.includes(44);
        }, 10_000, 'delivery after the second reconnect');
        expect(resubscribed).toBe(1); // the disposed callback is not called again
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('a subscribe issued while reconnecting resolves only once the channel is active', async () => {
      const run = randomBytes(4).toString('hex');
      const id = `late-${run}`;
      const b = await RedisPubSub.connect(redisUrl, id);
      try {
        await b.subscribe(`first${run}.en`, () => {});
        await killSubscriber(id);
        await b.subscribe(`late${run}.en`, () => {});
        const numsub = (await admin.pubsub('NUMSUB', `plenary:room:late${run}.en`)) as [string, number];
        expect(numsub[1]).toBe(1);
      } finally {
        await b.close();
      }
    });

    it('connect rejects when Redis is unreachable', async () => {
      await expect(RedisPubSub.connect('redis://127.0.0.1:1', 'unreachable', { onError: () => {} })).rejects.toThrow();
    });
  });
} else {
  console.warn('Redis tests skipped: REDIS_URL not set (REDIS_URL=redis://… to run them)');
  describe.skip('pub/sub contract: redis (Redis tests skipped: REDIS_URL not set)', () => {
    it('needs REDIS_URL=redis://…', () => {});
  });
}
