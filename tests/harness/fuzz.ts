/**
 * A seeded fuzz over the in-memory harness. Everything that varies is drawn from the seed:
 * which client edits and how, which frames are delivered and how many, which instance gets its
 * pub/sub messages, disconnects, reconnects (to which instance), instance restarts. Yjs client
 * ids come from the seed too, so a run is a pure function of its seed: `runSeed(seed)` twice
 * gives the same trace, event for event, and a failing seed replays exactly.
 *
 * At the end everybody reconnects and everything is delivered; the run then reports whether
 * every client, every instance's room and a fresh load from storage hold the same document.
 */
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { SqliteStorage } from '../../server/src/storage/sqlite';
import { MemoryBus } from '../../server/src/pubsub/memory';
import { CollabInstance } from './collabInstance';
import { ProtocolClient } from './protocolClient';
import type { MemorySocketPair } from './socketPair';

export interface FuzzOptions {
  steps?: number;
  clients?: number;
  instances?: number;
  compactAfter?: number;
}

export interface FuzzResult {
  /** One line per step and the final state: identical for identical seeds. */
  trace: string[];
  /** The text every participant should hold; `converged` says whether they all do. */
  texts: Record<string, string>;
  converged: boolean;
  /** Who holds updates it cannot integrate yet (waiting for ones it never received). */
  waiting: string[];
  /** Per participant, the state vector as {clientId: clock}. */
  stateVectors: Record<string, Record<number, number>>;
}

const ROOM = 'fuzzroom1.en';

/** Canonical content of a doc: text and map, comparable across docs. */
function contentOf(doc: Y.Doc): string {
  const map = doc.getMap<number>('m');
  const entries = [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${doc.getText('t').toString()}|${JSON.stringify(entries)}`;
}

export async function runSeed(seed: number, options: FuzzOptions = {}): Promise<FuzzResult> {
  const { steps = 200, clients: clientCount = 4, instances: instanceCount = 2, compactAfter = 25 } = options;
  const gen = prng.create(seed);
  const trace: string[] = [];
  const storage = new SqliteStorage(':memory:');
  const bus = new MemoryBus({ delivery: 'manual' });
  const instances: CollabInstance[] = [];
  for (let i = 0; i < instanceCount; i++) instances.push(await CollabInstance.start(`i${i}`, { storage, bus, room: ROOM, compactAfter }));
  const clients = Array.from({ length: clientCount }, (_, i) => new ProtocolClient(`c${i}`, prng.uint32(gen, 1, 2 ** 31)));
  const pairs = new Map<ProtocolClient, MemorySocketPair>();
  const connect = (c: ProtocolClient, at: CollabInstance) => pairs.set(c, at.connect(c).pair);
  for (const c of clients) connect(c, prng.oneOf(gen, instances));
  const settleAll = async () => {
    for (const i of instances) await i.settle();
  };

  try {
    for (let step = 0; step < steps; step++) {
      const client = prng.oneOf(gen, clients);
      const pair = pairs.get(client)!;
      const text = client.doc.getText('t');
      const dice = prng.int32(gen, 0, 99);
      let event: string;
      if (dice < 30) {
        const at = prng.int32(gen, 0, text.length);
        const word = prng.word(gen, 1, 5);
        text.insert(at, word);
        event = `${client.name} insert ${at} ${word}`;
      } else if (dice < 40 && text.length > 0) {
        const at = prng.int32(gen, 0, text.length - 1);
        const len = Math.min(prng.int32(gen, 1, 3), text.length - at);
        text.delete(at, len);
        event = `${client.name} delete ${at} ${len}`;
      } else if (dice < 48) {
        const key = prng.word(gen, 1, 1);
        const value = prng.int32(gen, 0, 99);
        client.doc.getMap('m').set(key, value);
        event = `${client.name} set ${key}=${value}`;
      } else if (dice < 63) {
        const n = prng.int32(gen, 1, 4);
        event = `${client.name} up ${pair.deliverToServer(n)}/${n}`;
      } else if (dice < 78) {
        const n = prng.int32(gen, 1, 4);
        event = `${client.name} down ${pair.deliverToClient(n)}/${n}`;
      } else if (dice < 86) {
        const to = prng.oneOf(gen, instances);
        event = `bus to ${to.name} ${bus.deliver(prng.int32(gen, 1, 3), to.pubsub)}`;
      } else if (dice < 93) {
        if (client.connected) {
          client.disconnect();
          event = `${client.name} disconnect`;
        } else {
          const to = prng.oneOf(gen, instances);
          client.disconnect();
          connect(client, to);
          event = `${client.name} connect ${to.name}`;
        }
      } else if (dice < 96) {
        const at = prng.oneOf(gen, instances);
        await at.restart();
        event = `restart ${at.name}`;
      } else {
        await settleAll();
        event = 'settle';
      }
      // Writes complete between steps, the same way every run.
      await settleAll();
      const waiting = instances.filter((i) => i.room.waitsForMissing()).map((i) => i.name);
      trace.push(`${step} ${event}${waiting.length ? ` (waiting: ${waiting.join(' ')})` : ''}`);
    }

    // Everybody back, everything delivered, until nothing moves.
    for (const c of clients) {
      if (!c.connected) {
        c.disconnect();
        connect(c, prng.oneOf(gen, instances));
      }
    }
    for (let round = 0; round < 20; round++) {
      let moved = bus.deliver();
      for (const p of pairs.values()) moved += p.flush();
      await settleAll();
      moved += bus.pending;
      for (const p of pairs.values()) moved += p.pendingToClient + p.pendingToServer;
      if (moved === 0) break;
    }

    const fresh = new Y.Doc();
    const log = await storage.loadRoom(ROOM);
    if (log.snapshot) Y.applyUpdate(fresh, log.snapshot);
    for (const u of log.updates) Y.applyUpdate(fresh, u);
    const docs: Record<string, Y.Doc> = { storage: fresh };
    for (const c of clients) docs[c.name] = c.doc;
    for (const i of instances) docs[i.name] = i.room.doc;
    const texts: Record<string, string> = {};
    const stateVectors: Record<string, Record<number, number>> = {};
    const waiting: string[] = [];
    for (const [who, doc] of Object.entries(docs)) {
      texts[who] = contentOf(doc);
      stateVectors[who] = Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
      if (doc.store.pendingStructs || doc.store.pendingDs) waiting.push(who);
    }
    fresh.destroy();
    for (const [who, content] of Object.entries(texts)) trace.push(`final ${who} ${content}`);
    const converged = new Set(Object.values(texts)).size === 1;
    return { trace, texts, converged, waiting, stateVectors };
  } finally {
    for (const c of clients) c.destroy();
    for (const i of instances) await i.stop();
    await storage.close();
  }
}
