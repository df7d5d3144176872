/**
 * Memory per idle open room, against its Yjs state size (target: under 2 × state + a
 * constant). Rooms are loaded through Plenary's own RoomRegistry from SQLite and held with no
 * connection, N at a time, in a process started with --expose-gc; the cost of a room is the
 * growth of V8 heap + external + array buffers after a full GC, divided by N. Two sizes: the
 * blank report a new room holds (which gives the constant) and a 500-paragraph original.
 *
 * Run: `node --expose-gc --import tsx bench/scenarios/roomMemory.ts` (prints JSON).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import pino from 'pino';
import { SqliteStorage } from '../../server/src/storage/sqlite';
import { UpdateWriter } from '../../server/src/collab/updateWriter';
import { RoomRegistry } from '../../server/src/collab/registry';
import { LocalPubSub } from '../../server/src/pubsub/local';
import { blankBody } from '../../server/src/reports/service';
import { parsePlainText } from '../../shared/src/format/plainText';
import { BODY_FRAGMENT, META_MAP, writeBody, writeMeta } from '../../shared/src/model/yBody';
import type { ReportContent } from '../../shared/src/model/schema';
import { reportText } from './reportText';

export interface RoomMemory {
  label: string;
  rooms: number;
  stateBytes: number;
  bytesPerRoom: number;
}

function roomState(content: ReportContent): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    writeMeta(doc.getMap(META_MAP), { ...content.meta, title: content.meta.title || 'A report', originalLanguage: 'en' });
    writeBody(doc.getXmlFragment(BODY_FRAGMENT), content.body);
  });
  return Y.encodeStateAsUpdate(doc);
}

function usedBytes(): number {
  for (let i = 0; i < 3; i++) global.gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

async function measure(storage: SqliteStorage, label: string, state: Uint8Array, rooms: number): Promise<RoomMemory> {
  const log = pino({ level: 'silent' });
  const writer = new UpdateWriter(storage, log);
  await storage.appendUpdates(Array.from({ length: rooms }, (_, i) => ({ room: `${label}${i}.en`, update: state })));
  const registry = new RoomRegistry({ storage, pubsub: new LocalPubSub(), writer, log, compactAfter: 1e9 }, 3_600_000);
  const held = [];
  const before = usedBytes();
  for (let i = 0; i < rooms; i++) held.push(await registry.acquire(`${label}${i}.en`));
  const after = usedBytes();
  await registry.closeAll();
  return { label, rooms, stateBytes: state.length, bytesPerRoom: (after - before) / rooms };
}

export async function measureRoomMemory(): Promise<RoomMemory[]> {
  if (!global.gc) throw new Error('run with node --expose-gc');
  const dir = mkdtempSync(join(tmpdir(), 'plenary-bench-mem-'));
  const storage = new SqliteStorage(join(dir, 'mem.db'));
  try {
    const blank = roomState({ meta: {}, body: blankBody() });
    const large = roomState(parsePlainText(reportText('en', 500)));
    return [await measure(storage, 'blank', blank, 1000), await measure(storage, 'large', large, 40)];
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureRoomMemory()));
}
