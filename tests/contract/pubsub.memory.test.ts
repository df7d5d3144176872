/**
 * The pub/sub contract in full on the in-memory bus: several instances in one process that
 * really carry messages to each other, so it runs without Redis.
 */
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../../server/src/pubsub/memory';
import { runPubSubContract } from './pubsub.contract';

runPubSubContract('memory (auto delivery)', async () => {
  const bus = new MemoryBus();
  return { open: async (id) => bus.open(id), fansOut: true, teardown: async () => {} };
});

describe('memory pub/sub: manual delivery', () => {
  it('[R15] holds messages until deliver(), in publish order per subscriber, never to the publisher', async () => {
    const bus = new MemoryBus({ delivery: 'manual' });
    const [a, b, c] = [bus.open('a'), bus.open('b'), bus.open('c')];
    const got: string[] = [];
    for (const [name, p] of [['a', a], ['b', b], ['c', c]] as const) await p.subscribe('r.en', (m) => got.push(`${name}${m[0]}`));
    await a.publish('r.en', new Uint8Array([1]));
    await b.publish('r.en', new Uint8Array([2]));
    await a.publish('r.en', new Uint8Array([3]));
    expect(got).toEqual([]);
    expect(bus.pending).toBe(6);
    expect(bus.deliver(Infinity, c)).toBe(3);
    expect(got).toEqual(['c1', 'c2', 'c3']);
    expect(bus.drop(b)).toBe(2); // lost, as over a dropped connection
    bus.deliver();
    expect(got).toEqual(['c1', 'c2', 'c3', 'a2']);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('[R8] needsCatchUp is the bus’s say, and resubscribed() reaches the callbacks until disposed', async () => {
    expect(new MemoryBus().open('x').needsCatchUp).toBe(false);
    const p = new MemoryBus({ needsCatchUp: true }).open('y');
    expect(p.needsCatchUp).toBe(true);
    let calls = 0;
    const off = p.onResubscribed(() => calls++);
    p.resubscribed();
    off();
    p.resubscribed();
    expect(calls).toBe(1);
    await p.close();
  });
});
