/**
 * A Y.Doc for the server's own use (a room's doc, its presence doc, a scratch doc a load or a
 * compaction builds). Yjs gives every doc a random uuidv4 guid, drawn one hex digit at a
 * time from crypto.getRandomValues: ~120 µs a doc here, twice per room load (content and
 * presence) — a fifth of a join's CPU on a server opening many rooms. The guid only names
 * subdocuments, which Plenary refuses; a counter does.
 */
import * as Y from 'yjs';

let docs = 0;

export function serverDoc(): Y.Doc {
  return new Y.Doc({ gc: true, guid: `plenary-${++docs}` });
}
