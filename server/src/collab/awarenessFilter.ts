/**
 * Awareness updates from a client are decoded and filtered before they reach the room:
 * presence is one's own (DESIGN §3) — a connection may set awareness only for client ids it
 * introduced and that no other connection in the room holds (PresenceOwners); a claim on an
 * id someone else holds is dropped and counted, not closed (a stale tab of a colleague must
 * not cost the claimant their connection). Each state is bounded in size; removals (null
 * states) count only for one's own ids, and leaving removes only those.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

export function decodeAwarenessUpdate(payload: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(payload);
  const count = decoding.readVarUint(d);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    JSON.parse(state); // must be JSON; throws otherwise
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return encoding.toUint8Array(e);
}

export class AwarenessPolicyError extends Error {}

/**
 * Whether a connection may set a client id's presence: `mine` (it introduced the id),
 * `free` (nobody holds it), or `taken` (another connection here or on another instance does).
 */
export type ClaimState = 'mine' | 'free' | 'taken';

/**
 * Keeps the entries a connection may apply; counts the claims on ids others hold. A removal
 * (null state) counts only for an id of one's own. Throws AwarenessPolicyError on an
 * oversized state.
 */
export function filterAwareness(
  entries: readonly AwarenessEntry[],
  claim: (clientId: number) => ClaimState,
  maxStateBytes: number,
): { allowed: AwarenessEntry[]; refused: number } {
  const allowed: AwarenessEntry[] = [];
  let refused = 0;
  for (const entry of entries) {
    if (entry.state.length > maxStateBytes) throw new AwarenessPolicyError(`awareness state over ${maxStateBytes} bytes`);
    const state = claim(entry.clientId);
    if (state === 'mine' || (state === 'free' && entry.state !== 'null')) allowed.push(entry);
    else if (state === 'taken') refused++;
  }
  return { allowed, refused };
}

/** Who holds each awareness client id of one room, on this instance. */
export class PresenceOwners<T extends { readonly userId: string }> {
  private readonly owners = new Map<number, T>();

  /**
   * `heldElsewhere`: the room shows a state for the id that no local connection holds (it
   * came from another instance). A connection of the same user may take an id over (a
   * reconnect while the old socket is not yet known to be dead).
   */
  claimState(clientId: number, who: T, heldElsewhere: boolean): ClaimState {
    const owner = this.owners.get(clientId);
    if (owner === who) return 'mine';
    if (owner) return owner.userId === who.userId ? 'free' : 'taken';
    return heldElsewhere ? 'taken' : 'free';
  }

  claim(clientId: number, who: T): void {
    this.owners.set(clientId, who);
  }

  release(clientId: number, who: T): void {
    if (this.owners.get(clientId) === who) this.owners.delete(clientId);
  }

  /** Releases and returns every id `who` holds. */
  releaseAll(who: T): number[] {
    const ids: number[] = [];
    for (const [id, owner] of this.owners) if (owner === who) ids.push(id);
    for (const id of ids) this.owners.delete(id);
    return ids;
  }
}

const presence = new WeakMap<object, PresenceOwners<{ readonly userId: string }>>();
/** The owners of a room's presence, keyed by its Awareness instance. */
export function presenceOwnersOf<T extends { readonly userId: string }>(awareness: object): PresenceOwners<T> {
  let owners = presence.get(awareness);
  if (!owners) presence.set(awareness, (owners = new PresenceOwners()));
  return owners as PresenceOwners<T>;
}
