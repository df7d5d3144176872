/**
 * The pub/sub contract (server/src/pubsub/types.ts), run against every implementation:
 * `runPubSubContract(name, setup)`. `setup().open(id)` starts one "instance" on a shared bus.
 *
 * An implementation that `fansOut` carries messages between instances; the in-process one
 * (single instance) delivers to nobody, and the suite checks exactly that. "Nothing arrived"
 * is never judged by waiting: a later message on the same path serves as the barrier.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { PubSub } from '../../server/src/pubsub/types';
import { waitFor } from '../helpers/yclient';

export interface PubSubFixture {
  /** Starts an instance on the shared bus. */
  open(instanceId: string): Promise<PubSub>;
  /** True when messages reach other instances (Redis); false for the in-process one. */
  fansOut: boolean;
  teardown(): Promise<void>;
}

/** Collects what one subscription receives, as hex for readable diffs. */
function inbox() {
  const received: string[] = [];
  return { received, handler: (m: Uint8Array) => void received.push(Buffer.from(m).toString('hex')) };
}
const hex = (...bytes: number[]) => Buffer.from(bytes).toString('hex');
const bytes = (...values: number[]) => new Uint8Array(values);

export function runPubSubContract(name: string, setup: () => Promise<PubSubFixture>): void {
  describe(`pub/sub contract: ${name}`, () => {
    let fixture: PubSubFixture;
    const opened: PubSub[] = [];
    let room: (suffix: string) => string;
    const open = async (id: string) => {
      const p = await fixture.open(`contract-${id}-${randomBytes(4).toString('hex')}`);
      opened.push(p);
      return p;
    };
    beforeEach(async () => {
      fixture = await setup();
      const run = randomBytes(5).toString('hex');
      room = (suffix) => `r${run}.${suffix}`;
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((p) => p.close()));
      await fixture.teardown();
    });

    it('delivers to the other instances, in publish order, once subscribe has resolved', async () => {
      const [a, b, c] = [await open('a'), await open('b'), await open('c')];
      const inB = inbox();
      const inC = inbox();
      await b.subscribe(room('en'), inB.handler);
      await c.subscribe(room('en'), inC.handler);
      // Published right after subscribe resolved: an implementation that resolved before the
      // subscription was active would lose these.
      for (let i = 1; i <= 3; i++) await a.publish(room('en'), bytes(i));
      if (fixture.fansOut) {
        await waitFor(() => inB.received.length >= 3 && inC.received.length >= 3, 5000, 'delivery');
        expect(inB.received).toEqual([hex(1), hex(2), hex(3)]);
        expect(inC.received).toEqual([hex(1), hex(2), hex(3)]);
      } else {
        expect(inB.received).toEqual([]);
        expect(inC.received).toEqual([]);
      }
    });

    it('[R15] never delivers a message back to the instance that published it', async () => {
      const a = await open('a');
      const inA = inbox();
      await a.subscribe(room('en'), inA.handler);
      await a.publish(room('en'), bytes(1));
      if (!fixture.fansOut) {
        expect(inA.received).toEqual([]);
        return;
      }
      // Barrier: B answers after seeing A's message; A's subscription receives in order, so
      // by the time B's answer reaches A, A's own message would have arrived before it.
      const b = await open('b');
      const inB = inbox();
      await b.subscribe(room('en'), inB.handler);
      await a.publish(room('en'), bytes(2));
      await waitFor(() => inB.received.length >= 1, 5000, 'B receives');
      await b.publish(room('en'), bytes(9));
      await waitFor(() => inA.received.length >= 1, 5000, 'A receives the barrier');
      expect(inA.received).toEqual([hex(9)]);
      expect(inB.received).toEqual([hex(2)]);
    });

    it('two instances see each other both ways', async ({ skip }) => {
      if (!fixture.fansOut) return skip('single instance: there is no other instance');
      const [a, b] = [await open('a'), await open('b')];
      const [inA, inB] = [inbox(), inbox()];
      await a.subscribe(room('fr'), inA.handler);
      await b.subscribe(room('fr'), inB.handler);
      await Promise.all([a.publish(room('fr'), bytes(0xa)), b.publish(room('fr'), bytes(0xb))]);
      await waitFor(() => inA.received.length >= 1 && inB.received.length >= 1, 5000, 'both directions');
      expect(inA.received).toEqual([hex(0xb)]);
      expect(inB.received).toEqual([hex(0xa)]);
    });

    it('binary payloads arrive byte for byte', async ({ skip }) => {
      if (!fixture.fansOut) return skip('single instance: nothing is carried');
      const [a, b] = [await open('a'), await open('b')];
      const inB = inbox();
      await b.subscribe(room('bin'), inB.handler);
      const everyByte = new Uint8Array(256).map((_, i) => i);
      const large = randomBytes(1024 * 1024);
      const backing = new Uint8Array([7, 7, 1, 0, 255, 7]);
      const payloads = [everyByte, new Uint8Array(0), large, backing.subarray(2, 5)];
      for (const p of payloads) await a.publish(room('bin'), p);
      await waitFor(() => inB.received.length >= payloads.length, 10_000, 'binary payloads');
      expect(inB.received).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
    });

    it('unsubscribe stops one handler; other handlers and rooms keep receiving', async () => {
      const a = await open('a');
      const b = await open('b');
      const [h1, h2, h3] = [inbox(), inbox(), inbox()];
      const off1 = await b.subscribe(room('en'), h1.handler);
      const off2 = await b.subscribe(room('en'), h2.handler);
      await b.subscribe(room('fr'), h3.handler);

      await off1();
      await off1(); // a second call is harmless
      await a.publish(room('en'), bytes(1));
      await a.publish(room('fr'), bytes(2));
      if (!fixture.fansOut) {
        expect([h1.received, h2.received, h3.received]).toEqual([[], [], []]);
        await off2();
        return;
      }
      // Messages of one publisher reach one subscriber in order: 'fr' arriving means 'en' has.
      await waitFor(() => h3.received.length >= 1, 5000, 'fr');
      expect(h2.received).toEqual([hex(1)]);
      expect(h1.received).toEqual([]);

      await off2(); // the last handler of the room: the instance leaves the channel
      await a.publish(room('en'), bytes(3));
      await a.publish(room('fr'), bytes(4));
      await waitFor(() => h3.received.length >= 2, 5000, 'fr again');
      expect(h2.received).toEqual([hex(1)]);
      expect(h1.received).toEqual([]);

      // Subscribing again after leaving works.
      const h4 = inbox();
      await b.subscribe(room('en'), h4.handler);
      await a.publish(room('en'), bytes(5));
      await waitFor(() => h4.received.length >= 1, 5000, 'resubscribed room');
      expect(h4.received).toEqual([hex(5)]);
    });

    it('rooms are separate: similar names do not receive each other', async ({ skip }) => {
      if (!fixture.fansOut) return skip('single instance: nothing is carried');
      const [a, b] = [await open('a'), await open('b')];
      const names = [room('en'), room('e'), `${room('en')}.x`, room('e*')];
      const boxes = names.map(() => inbox());
      for (const [i, n] of names.entries()) await b.subscribe(n, boxes[i].handler);
      for (const [i, n] of names.entries()) await a.publish(n, bytes(i));
      await waitFor(() => boxes.every((x) => x.received.length >= 1), 5000, 'every room');
      expect(boxes.map((x) => x.received)).toEqual(names.map((_, i) => [hex(i)]));
    });
  });
}
