/**
 * Versions of a report (named or automatic): the Yjs state of every room at that moment, and
 * the authorship table that maps Yjs client ids to the users who wrote through them (recorded
 * as updates are applied, so diffs can say who changed what). One contract, SQLite and
 * PostgreSQL implementations beside it.
 */
export interface VersionRecord {
  id: number;
  reportId: string;
  label: string;
  auto: boolean;
  createdBy: string;
  createdAt: number;
}

export interface RoomState {
  room: string;
  state: Uint8Array;
}

export interface HistoryStore {
  createVersion(v: Omit<VersionRecord, 'id'>, states: readonly RoomState[]): Promise<VersionRecord>;
  listVersions(reportId: string): Promise<VersionRecord[]>;
  getVersion(reportId: string, id: number): Promise<VersionRecord | null>;
  versionState(versionId: number, room: string): Promise<Uint8Array | null>;
  /** Remembers that `clientId` wrote in `room` on behalf of `userName` (idempotent). */
  recordAuthors(room: string, entries: readonly { clientId: number; userName: string }[]): Promise<void>;
  authors(room: string): Promise<Map<number, string>>;
  close(): Promise<void>;
}
