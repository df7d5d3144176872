/**
 * The one rule for what may enter a room: an update is accepted only if a fresh document
 * could load the stored log with it, in Yjs and in other implementations (yrs). Every path
 * that applies bytes nobody has checked yet — a client's update, a stored row at load —
 * runs `validateUpdate` first.
 *
 * The update is decoded with Yjs's own decoder (Y.decodeUpdate) after `scanUpdate` has
 * proved it well-formed to the last byte. Refused, each with a reason counted in /metrics:
 * - `zero_length`: a struct of length 0 of any kind (GC, skip, deleted content, an empty
 *   string, JSON or Any list), or a deletion range of length 0. Yjs applies one, then cannot
 *   read the state it encodes (`Unexpected case`): the room would never load again.
 * - `bad_reference`: an origin or parent of a struct's own client at or after its clock
 *   (a reference that can never resolve), or a clock range past 2^53.
 * - `bad_parent`: a parent id naming a struct that is known (in the update or the doc) and
 *   is neither a shared type nor a collected (deleted) one.
 * - `unsupported_content`: what Plenary never writes and yrs cannot read (ywasm 0.18 fails
 *   on it): legacy JSON content (Yjs has written Any content since v13), XmlHook types, and
 *   subdocuments (their loading is a second protocol). Checked on what clients send, not on
 *   stored rows at load (`stored: true`): Yjs loads those, so they are no reason to quarantine.
 * - and what `scanUpdate` refuses: `unknown_content`, `trailing_bytes`, `undecodable`.
 * A reference to a struct neither the update nor the doc holds is a missing dependency, not
 * an error: Yjs keeps the update pending (bounded by PendingGuard).
 */
import * as Y from 'yjs';
import { InvalidUpdateError, scanUpdate, type UpdateCost } from './updateScan';

export { InvalidUpdateError, type InvalidUpdateReason } from './updateScan';

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Finds the struct holding (client, clock) among the update's own structs: a binary search
 * over each client's structs in clock order (validateUpdate sorts them; a linear scan made
 * validating a large stored state quadratic).
 */
function structIn(update: Map<number, Struct[]>, client: number, clock: number): Struct | undefined {
  const list = update.get(client);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = list[mid];
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The doc's struct holding (client, clock), or undefined when the doc does not have it yet. */
function structInDoc(doc: Y.Doc | undefined, client: number, clock: number): Y.Item | Y.GC | undefined {
  if (!doc || Y.getState(doc.store, client) <= clock) return undefined;
  const structs = doc.store.clients.get(client);
  if (!structs) return undefined;
  return structs[Y.findIndexSS(structs, clock)];
}

function checkSelfReference(item: Y.Item, ref: Y.ID | null, what: string): void {
  if (ref && ref.client === item.id.client && ref.clock >= item.id.clock) {
    throw new InvalidUpdateError('bad_reference', `${what} of ${item.id.client}:${item.id.clock} points at or after itself`);
  }
}

function checkParent(item: Y.Item, update: Map<number, Struct[]>, doc: Y.Doc | undefined): void {
  const parent = item.parent;
  if (!(parent instanceof Y.ID)) return; // a root type name, or inherited from an origin
  checkSelfReference(item, parent, 'parent');
  const target = structIn(update, parent.client, parent.clock) ?? structInDoc(doc, parent.client, parent.clock);
  if (!target || target instanceof Y.GC || target instanceof Y.Skip) return; // missing (pending) or collected
  // A deleted type whose content was collected (ContentDeleted): Yjs integrates the child as
  // a GC struct. This is the common race "insert into a paragraph someone just deleted".
  if (target.content instanceof Y.ContentDeleted) return;
  if (!(target.content instanceof Y.ContentType)) {
    throw new InvalidUpdateError('bad_parent', `parent ${parent.client}:${parent.clock} is not a shared type`);
  }
}

function checkSupported(content: Y.Item['content']): void {
  if (content instanceof Y.ContentDoc) throw new InvalidUpdateError('unsupported_content', 'subdocuments are not supported');
  if (content instanceof Y.ContentJSON) throw new InvalidUpdateError('unsupported_content', 'legacy JSON content');
  if (content instanceof Y.ContentType && content.type instanceof Y.XmlHook) throw new InvalidUpdateError('unsupported_content', 'XmlHook types');
}

/**
 * Throws InvalidUpdateError unless `update` is safe to apply to `doc` (or to a fresh doc,
 * without one) and to store. Returns the scan's cost figures and `needs`: per client, the
 * clock the doc must reach to hold all of it (else part of it waits, pending).
 */
export function validateUpdate(
  update: Uint8Array,
  doc?: Y.Doc,
  limits?: { maxStructs: number; maxDeleteRanges: number },
  options: { stored?: boolean; scanned?: UpdateCost } = {},
) {
  // The caller's scan of the same bytes (Connection scans for its budgets first) is reused.
  const cost = options.scanned ?? scanUpdate(update, limits);
  if (limits && (cost.structs > limits.maxStructs || cost.deleteRanges > limits.maxDeleteRanges)) return { ...cost, needs: new Map<number, number>() };
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    throw new InvalidUpdateError('undecodable', String(err));
  }
  const byClient = new Map<number, Struct[]>();
  for (const s of decoded.structs as Struct[]) {
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  // Yjs writes each client's structs in clock order; a hand-made update may repeat a client.
  for (const list of byClient.values()) {
    for (let i = 1; i < list.length; i++) {
      if (list[i].id.clock < list[i - 1].id.clock) {
        list.sort((a, b) => a.id.clock - b.id.clock);
        break;
      }
    }
  }
  for (const s of decoded.structs as Struct[]) {
    if (s.length <= 0) throw new InvalidUpdateError('zero_length', `struct ${s.id.client}:${s.id.clock} has length 0`);
    if (s.id.clock + s.length > Number.MAX_SAFE_INTEGER) throw new InvalidUpdateError('bad_reference', 'clock out of range');
    if (!(s instanceof Y.Item)) continue;
    if (!options.stored) checkSupported(s.content);
    checkSelfReference(s, s.origin, 'origin');
    checkSelfReference(s, s.rightOrigin, 'right origin');
    checkParent(s, byClient, doc);
  }
  const needs = new Map<number, number>();
  const need = (client: number, end: number) => needs.set(client, Math.max(needs.get(client) ?? 0, end));
  for (const s of decoded.structs as Struct[]) if (!(s instanceof Y.Skip)) need(s.id.client, s.id.clock + s.length);
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) {
      if (r.len <= 0) throw new InvalidUpdateError('zero_length', 'deletion range of length 0');
      if (r.clock + r.len > Number.MAX_SAFE_INTEGER) throw new InvalidUpdateError('bad_reference', 'deletion out of range');
      need(client, r.clock + r.len);
    }
  }
  return { ...cost, needs };
}
