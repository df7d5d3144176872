/** Which translation memories a user may read: used by the TM routes and by pre-translation. */
import type { Directory } from '../storage/types';
import { IMPORTED_TM } from '../../../shared/src/translation/tmMatch';

/** The reports whose memory a user sees: theirs, and the imported workspace memory. */
export async function visibleMemories(storage: Directory, userId: string): Promise<string[]> {
  return [IMPORTED_TM, ...(await storage.listReportsForUser(userId)).map((r) => r.id)];
}
