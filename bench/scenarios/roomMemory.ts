/**
 * Memory per idle open room, against its Yjs state size (target: under 2 × state + a
 * constant). Rooms are loaded through Plenary's own RoomRegistry from SQLite and held with no
 * connection, N at a time, in a process started with --expose-gc; the cost of a room is the
 * growth of V8 heap + external memory (array buffers included) after a full GC, divided by N. Two sizes: the
 * blank report a new room holds (which gives the constant) and a 500-paragraph original.
 * Each is measured twice: awake (just loaded, as while people type) and idle (after the
 * rooms have hibernated, RoomDocument; the server does so after PLENARY_HIBERNATE_MS).
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
  /** Idle: the rooms have hibernated. */
  bytesPerRoom: number;
  /** Awake: the rooms' docs are live. */
  awakeBytesPerRoom: number;
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
  // `external` already includes `arrayBuffers` (Node's docs): adding both counted buffers twice.
  return m.heapUsed + m.external;
}

const HIBERNATE_AFTER_MS = 100;

/** Bytes per room held, awake (never hibernating) or after every room has hibernated. */
async function bytesPerRoom(storage: SqliteStorage, prefix: string, state: Uint8Array, rooms: number, idle: boolean): Promise<number> {
  const log = pino({ level: 'silent' });
  const writer = new UpdateWriter(storage, log);
  await storage.appendUpdates(Array.from({ length: rooms }, (_, i) => ({ room: `${prefix}${i}.en`, update: state })));
  const deps = { storage, pubsub: new LocalPubSub(), writer, log, compactAfter: 1e9, hibernateAfterMs: idle ? HIBERNATE_AFTER_MS : 0 };
  const registry = new RoomRegistry(deps, 3_600_000);
  const held = [];
  const before = usedBytes();
  for (let i = 0; i < rooms; i++) held.push(await registry.acquire(`${prefix}${i}.en`));
  while (idle && held.some((room) => !room.isDormant)) await new Promise((r) => setTimeout(r, HIBERNATE_AFTER_MS));
  const after = usedBytes();
  await registry.closeAll();
  return (after - before) / rooms;
}

async function measure(storage: SqliteStorage, label: string, state: Uint8Array, rooms: number): Promise<RoomMemory> {
  const awakeBytesPerRoom = await bytesPerRoom(storage, `${label}-awake`, state, rooms, false);
  const idleBytesPerRoom = await bytesPerRoom(storage, `${label}-idle`, state, rooms, true);
  return { label, rooms, stateBytes: state.length, bytesPerRoom: idleBytesPerRoom, awakeBytesPerRoom };
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
