/**
 * Stored bytes that could not be loaded: moved out of a room's log (or snapshot) into a
 * quarantine table, in the same transaction that removes them, so a room never fails to load
 * whole ([R20], docs/PROTOCOL.md). Admins list them (GET /api/admin/quarantine) and download the bytes.
 */

export type QuarantineKind = 'update' | 'snapshot';

/** A stored row to move: the log row `seq`, or the snapshot (its `upto_seq`). */
export interface QuarantineRequest {
  kind: QuarantineKind;
  seq: number;
  error: string;
}

export interface QuarantineRecord {
  id: number;
  room: string;
  kind: QuarantineKind;
  seq: number;
  error: string;
  /** Size of the quarantined bytes. */
  bytes: number;
  /** When it was moved, ms since the epoch. */
  at: number;
}

/** Longest error text kept (an error message of a hostile row could be anything). */
export const MAX_QUARANTINE_ERROR = 500;

export interface QuarantineStore {
  /** Moves the rows into quarantine in one transaction; returns how many were moved. */
  quarantine(room: string, rows: readonly QuarantineRequest[]): Promise<number>;
  /** Newest first. */
  listQuarantine(limit?: number): Promise<QuarantineRecord[]>;
  /** The quarantined bytes, or null for an unknown id. */
  quarantinedBytes(id: number): Promise<{ record: QuarantineRecord; data: Uint8Array } | null>;
}
