/**
 * One compaction of a room's log, built from storage (not from a room's memory) so that
 * updates other instances stored are never dropped: snapshot and log rows merged into a new
 * snapshot, then the rows it covers pruned. With other instances (Redis), the rows of the
 * previous generation are kept: an instance whose catch-up cursor is still inside them can
 * read them (docs/scaling.md, "compaction").
 */
import * as Y from 'yjs';
import type { Storage } from '../storage/types';

export interface Compacted {
  /** Log rows merged into the snapshot (0: nothing to do). */
  merged: number;
  bytes: number;
}

export async function compactLog(storage: Storage, room: string, shared: boolean): Promise<Compacted> {
  const log = await storage.loadRoom(room);
  if (log.updates.length === 0) return { merged: 0, bytes: 0 };
  const merged = new Y.Doc({ gc: true });
  Y.transact(merged, () => {
    if (log.snapshot) Y.applyUpdate(merged, log.snapshot);
    for (const u of log.updates) Y.applyUpdate(merged, u);
  });
  const state = Y.encodeStateAsUpdate(merged);
  merged.destroy();
  await storage.writeSnapshot(room, state, log.lastSeq);
  await storage.pruneUpdates(room, shared ? log.snapshotSeq : log.lastSeq);
  return { merged: log.updates.length, bytes: state.length };
}
