/**
 * Experiment entry: Plenary with SQLite at `synchronous=NORMAL` (WAL): a commit reaches the
 * OS but is not fsynced, so it survives a crash of the server (kill -9) but not of the OS.
 * Measures what the fsync per commit costs. Not a product configuration.
 */
import { SqliteStorage } from '../../server/src/storage/sqlite';
import type { AppendEntry } from '../../server/src/storage/types';

const append = SqliteStorage.prototype.appendUpdates;
const relaxed = new WeakSet<SqliteStorage>();
SqliteStorage.prototype.appendUpdates = function (this: SqliteStorage, entries: readonly AppendEntry[]) {
  if (!relaxed.has(this)) {
    (this as unknown as { db: { pragma(sql: string): unknown } }).db.pragma('synchronous = NORMAL');
    relaxed.add(this);
  }
  return append.call(this, entries);
};
await import('../../server/src/main');
