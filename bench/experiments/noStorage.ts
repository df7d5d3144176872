/**
 * Experiment entry: Plenary whose room updates are not stored at all (invented seqs): what
 * remains is its per-message work (auth'd connection, limits, update scan, awareness filter,
 * metrics). Not a product configuration.
 */
import { SqliteStorage } from '../../server/src/storage/sqlite';
import type { AppendEntry } from '../../server/src/storage/types';

let seq = 1e9;
SqliteStorage.prototype.appendUpdates = async (entries: readonly AppendEntry[]) => entries.map(() => seq++);
await import('../../server/src/main');
