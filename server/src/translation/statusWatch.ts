/**
 * What the memory indexer (tm/indexer.ts) and the repetition filler (repetitions.ts) share:
 * watching the statuses of a language room for changes made on this instance (remote and
 * load transactions were handled where they were made), the rule for a confirmed row, and
 * the set of work in flight that `settled()` waits for (imports, shutdown, tests).
 */
import type * as Y from 'yjs';
import { parseRoomName } from '../../../shared/src/rooms';
import { isSegmentStatus, statusMap, type SegmentStatus } from '../../../shared/src/model/translation';
import { LOAD_ORIGIN, REMOTE_ORIGIN, type Room } from '../collab/room';

/** A row counts as confirmed when it is translated or reviewed. */
export const isConfirmed = (s: unknown): s is SegmentStatus => isSegmentStatus(s) && (s.state === 'translated' || s.state === 'reviewed');

export interface LanguageRoom {
  reportId: string;
  language: string;
}

/**
 * Calls `onChange` with each local change to a language room's statuses; returns the
 * dispose, or undefined when the room is not a language room.
 */
export function watchLocalStatuses(
  room: Room,
  onChange: (event: Y.YMapEvent<SegmentStatus>, statuses: Y.Map<SegmentStatus>, where: LanguageRoom) => void,
): (() => void) | undefined {
  const kind = parseRoomName(room.name);
  if (kind?.kind !== 'language') return undefined;
  const statuses = statusMap(room.doc);
  const where = { reportId: kind.reportId, language: kind.language };
  const observer = (event: Y.YMapEvent<SegmentStatus>, tr: Y.Transaction) => {
    if (tr.origin === REMOTE_ORIGIN || tr.origin === LOAD_ORIGIN) return;
    onChange(event, statuses, where);
  };
  statuses.observe(observer);
  return () => statuses.unobserve(observer);
}

/** Work started from observers, which `settled()` waits for. */
export class InFlight {
  private readonly pending = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
