/**
 * Builds a room's doc from its stored log without ever failing whole ([R20], docs/PROTOCOL.md): every
 * stored part (snapshot, then rows in seq order) passes the same validation as a client's
 * update before it is applied. A part that fails validation is skipped; a part that throws
 * while applying may have left the doc half-changed, so the build starts over in a fresh doc
 * without it. What was skipped is moved to quarantine (storage/quarantine.ts) in one
 * transaction, logged and counted; the room opens with every other edit.
 */
import * as Y from 'yjs';
import { serverDoc } from './serverDoc';
import type { Logger } from 'pino';
import type { LoadedRoom, RoomLog, RoomStore } from '../storage/types';
import type { QuarantineKind, QuarantineRequest } from '../storage/quarantine';
import { validateUpdate } from './updateValidation';

export interface StoredLogBuild {
  storage: Pick<RoomStore, 'quarantine'>;
  room: string;
  log: Logger;
  /** Transaction origin of the load (listeners ignore it). */
  origin: unknown;
  /** Called with the number of parts moved to quarantine. */
  onQuarantined?(count: number): void;
}

/** Index −1 is the snapshot. */
function parts(roomLog: LoadedRoom): { index: number; bytes: Uint8Array; request: Omit<QuarantineRequest, 'error'> }[] {
  const list = roomLog.updates.map((bytes, i) => ({ index: i, bytes, request: { kind: 'update' as QuarantineKind, seq: roomLog.updateSeqs[i] } }));
  if (roomLog.snapshot) list.unshift({ index: -1, bytes: roomLog.snapshot, request: { kind: 'snapshot', seq: roomLog.snapshotSeq } });
  return list;
}

/**
 * Applies `roomLog` to `first` (an empty doc); if it must start over, to docs from `fresh`.
 * Returns the doc that holds the result and how many parts were quarantined.
 */
export async function buildFromStoredLog(roomLog: LoadedRoom, first: Y.Doc, fresh: () => Y.Doc, build: StoredLogBuild): Promise<{ doc: Y.Doc; quarantined: number }> {
  const bad = new Map<number, QuarantineRequest>();
  const all = parts(roomLog);
  let doc = first;
  for (let attempt = 0; attempt <= all.length; attempt++) {
    let restart = false;
    Y.transact(doc, () => {
      for (const part of all) {
        if (bad.has(part.index)) continue;
        try {
          validateUpdate(part.bytes, doc, undefined, { stored: true });
        } catch (err) {
          bad.set(part.index, { ...part.request, error: String(err instanceof Error ? err.message : err) });
          continue;
        }
        try {
          Y.applyUpdate(doc, part.bytes);
        } catch (err) {
          bad.set(part.index, { ...part.request, error: `apply: ${String(err instanceof Error ? err.message : err)}` });
          restart = true;
          return;
        }
      }
    }, build.origin);
    if (!restart) break;
    doc = fresh();
  }
  if (bad.size > 0) {
    const requests = [...bad.values()];
    const moved = await build.storage.quarantine(build.room, requests);
    build.log.error({ room: build.room, quarantined: requests.map((r) => ({ kind: r.kind, seq: r.seq, error: r.error })), moved }, 'stored rows could not be loaded; quarantined');
    build.onQuarantined?.(requests.length);
  }
  return { doc, quarantined: bad.size };
}

/**
 * Whether `state` (a snapshot about to replace the previous one) loads in a fresh doc: the
 * previous snapshot is kept unless it does.
 */
export function loadsInFreshDoc(state: Uint8Array): boolean {
  const probe = serverDoc();
  try {
    validateUpdate(state, probe, undefined, { stored: true });
    Y.applyUpdate(probe, state);
    Y.encodeStateAsUpdate(probe);
    return true;
  } catch {
    return false;
  } finally {
    probe.destroy();
  }
}

/** Builds `roomLog` in a doc of its own (gc on), as compaction and a reload do; the caller owns it. */
export async function buildAside(roomLog: LoadedRoom, build: StoredLogBuild): Promise<Y.Doc> {
  let doc = serverDoc();
  ({ doc } = await buildFromStoredLog(roomLog, doc, () => (doc.destroy(), (doc = serverDoc())), build));
  return doc;
}

/** What a rebuild waits on: the room's writes (durableWrites.ts). */
export interface QuietWrites {
  flushed(): Promise<void>;
  mark(): number;
  quietSince(mark: number): boolean;
}

/**
 * Builds the room's doc from storage aside, for a live doc that may hold half an update. The
 * result counts only if nothing was written while it read (else it reads again, 5 times at
 * most): the caller swaps it in synchronously, so no update can land in a doc nobody listens
 * to, or be missing from the new one. Null when it never found a quiet moment or `closed()`.
 */
export async function rebuildWhenQuiet(storage: Pick<RoomLog, 'loadRoom'>, build: StoredLogBuild, writes: QuietWrites, closed: () => boolean): Promise<Y.Doc | null> {
  for (let attempt = 0; attempt < 5 && !closed(); attempt++) {
    await writes.flushed();
    const mark = writes.mark();
    const doc = await buildAside(await storage.loadRoom(build.room), build);
    if (writes.quietSince(mark) && !closed()) return doc;
    doc.destroy();
  }
  return null;
}
