/** A SQLite store whose appends wait until `open()`: what "not yet durable" looks like. */
import { SqliteStorage } from '../../server/src/storage/sqlite';
import type { Storage } from '../../server/src/storage/types';

export function gatedStorage(): { storage: Storage; open: () => void } {
  const real = new SqliteStorage(':memory:');
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const gated = Object.create(real) as Storage;
  gated.appendUpdates = async (entries) => {
    await gate;
    return real.appendUpdates(entries);
  };
  gated.close = () => real.close();
  return { storage: gated, open };
}
