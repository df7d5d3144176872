/**
 * The storage interfaces, two of them: `RoomLog`, the append-only update log per room with a
 * compacted snapshot, which the collaboration core needs; and `Directory`, the relational data
 * (users, reports, members), which access decisions and the HTTP API need. `Storage` is both,
 * on one database. Each interface has its own contract suite (tests/contract/roomLog.contract.ts,
 * tests/contract/directory.contract.ts), run against every implementation.
 *
 * Log invariant: the state of a room is `snapshot ⊕ every update with seq > snapshot.uptoSeq`.
 * Compaction is two steps, `writeSnapshot` then `pruneUpdates`; a crash between them leaves
 * updates the snapshot already holds, which Yjs applies idempotently, so every step is safe
 * (docs/PROTOCOL.md [R9], [R10]).
 */
import type { Role } from '../../../shared/src/roles';
import type { QuarantineStore } from './quarantine';

/** What `loadRoom` reads: a room's snapshot and the log rows after it. */
export interface LoadedRoom {
  snapshot: Uint8Array | null;
  /** The seq the snapshot covers (0 when there is none). */
  snapshotSeq: number;
  /** Updates after the snapshot, in seq order. */
  updates: Uint8Array[];
  /** The seq of each of `updates` (to quarantine a row that cannot be loaded). */
  updateSeqs: number[];
  /** The highest seq of the room's log, or snapshotSeq when there are no updates. */
  lastSeq: number;
}

export interface AppendEntry {
  room: string;
  update: Uint8Array;
}

export interface UserRecord {
  id: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  createdAt: number;
}

export interface ReportRecord {
  id: string;
  title: string;
  symbol: string;
  originalLanguage: string;
  /** Target languages, without the original. */
  languages: string[];
  createdBy: string;
  createdAt: number;
}

export interface MemberRecord {
  reportId: string;
  userId: string;
  userName: string;
  role: Role;
  languages: string[];
}

/** The update log: append, load, snapshot, prune, and the catch-up read. */
export interface RoomLog {
  /** Appends in one transaction; resolves once durable. Returns the assigned seqs in order. */
  appendUpdates(entries: readonly AppendEntry[]): Promise<number[]>;
  loadRoom(room: string): Promise<LoadedRoom>;
  /** Number of log rows after the snapshot. */
  countUpdates(room: string): Promise<number>;
  /** Log rows with seq in (afterSeq, uptoSeq], for compaction and catch-up between instances. */
  readUpdates(room: string, afterSeq: number, uptoSeq?: number): Promise<{ seq: number; update: Uint8Array }[]>;
  /** Replaces the snapshot if `uptoSeq` is newer than the stored one. */
  writeSnapshot(room: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** Deletes log rows with seq ≤ uptoSeq (only rows the snapshot covers). */
  pruneUpdates(room: string, uptoSeq: number): Promise<number>;
  /**
   * Runs `fn` holding a per-room lock shared by every instance on this store, or returns null
   * at once when another instance holds it (compaction by one instance at a time). Absent on
   * single-instance stores.
   */
  withRoomLock?<T>(room: string, fn: () => Promise<T>): Promise<T | null>;
}

/** The directory: users, reports and who is a member of which, with what role. */
export interface Directory {
  /** Creates the user; the first user of an empty store is admin (decided atomically). */
  createUser(user: Omit<UserRecord, 'isAdmin' | 'createdAt'>): Promise<UserRecord>;
  getUserByName(name: string): Promise<UserRecord | null>;
  getUserById(id: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;

  createReport(report: ReportRecord): Promise<void>;
  getReport(id: string): Promise<ReportRecord | null>;
  updateReportTitle(id: string, title: string): Promise<void>;
  listReportsForUser(userId: string): Promise<(ReportRecord & { role: Role })[]>;
  listMembers(reportId: string): Promise<MemberRecord[]>;
  getMember(reportId: string, userId: string): Promise<MemberRecord | null>;
  setMember(reportId: string, userId: string, role: Role, languages: string[]): Promise<void>;
  removeMember(reportId: string, userId: string): Promise<boolean>;
}

/** What a room needs of storage: its log, and quarantine for stored rows that do not load. */
export type RoomStore = RoomLog & Pick<QuarantineStore, 'quarantine'>;

/** Log and directory on one database (one connection pool, one file). */
export interface Storage extends RoomLog, Directory, QuarantineStore {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}
