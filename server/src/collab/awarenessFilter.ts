/**
 * Awareness updates from a client are decoded and filtered before they reach the room:
 * presence is one's own ([R4], docs/PROTOCOL.md) — a connection may set awareness only for client ids it
 * introduced (one per connection, as a y-websocket client has) and that no other connection
 * in the room holds (PresenceOwners); a claim on an
 * id someone else holds is dropped and counted, not closed (a stale tab of a colleague must
 * not cost the claimant their connection). Each state is bounded in size; removals (null
 * states) count only for one's own ids, and leaving removes only those.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export class AwarenessPolicyError extends Error {}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Throws on a malformed payload, and AwarenessPolicyError on a state over `maxStateBytes`. */
export function decodeAwarenessUpdate(payload: Uint8Array, maxStateBytes = Infinity): AwarenessEntry[] {
  const d = decoding.createDecoder(payload);
  const count = decoding.readVarUint(d);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    if (state.length > maxStateBytes) throw new AwarenessPolicyError(`awareness state over ${maxStateBytes} bytes`);
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

/**
 * Whether a connection may set a client id's presence: `mine` (it introduced the id),
 * `free` (nobody holds it), or `taken` (another connection here or on another instance does).
 */
export type ClaimState = 'mine' | 'free' | 'taken';

/** The presence ids a connection may use, as filterAwareness asks about them. */
export interface PresenceClaims {
  claimState(clientId: number): ClaimState;
  claim(clientId: number): void;
  release(clientId: number): void;
  /** The room's clock for the id (−1 when unknown). */
  clockOf(clientId: number): number;
}

/**
 * Keeps the entries a connection may apply, claiming (or, for a null state, releasing) the
 * ids as it goes; counts the claims on ids others hold (with a newer clock: an echo of a
 * state it received is no claim). A removal counts only for an id of one's own. Sizes are
 * checked where the entries are decoded (decodeAwarenessUpdate).
 */
export function filterAwareness(
  entries: readonly AwarenessEntry[],
  claims: PresenceClaims,
): { allowed: AwarenessEntry[]; refused: number } {
  const allowed: AwarenessEntry[] = [];
  let refused = 0;
  for (const entry of entries) {
    const state = claims.claimState(entry.clientId);
    // Stock y-websocket clients echo the states they receive (same clock): not a claim.
    if (state === 'taken') refused += entry.clock > claims.clockOf(entry.clientId) ? 1 : 0;
    else if (entry.state === 'null') {
      if (state === 'mine') {
        claims.release(entry.clientId);
        allowed.push(entry);
      }
    } else {
      claims.claim(entry.clientId);
      allowed.push(entry);
    }
  }
  return { allowed, refused };
}

/** Who holds each awareness client id of one room, on this instance. */
export class PresenceOwners<T extends { readonly userId: string }> {
  private readonly owners = new Map<number, T>();
  /** The one id each holder has (a client has one awareness id per connection). */
  private readonly held = new Map<T, number>();

  /**
   * `heldElsewhere`: the room shows a state for the id that no local connection holds (it
   * came from another instance). A connection of the same user may take an id over (a
   * reconnect while the old socket is not yet known to be dead).
   */
  claimState(clientId: number, who: T, heldElsewhere: boolean): ClaimState {
    const owner = this.owners.get(clientId);
    if (owner === who) return 'mine';
    if (this.held.has(who)) return 'taken'; // a second id for one connection
    if (owner) return owner.userId === who.userId ? 'free' : 'taken';
    return heldElsewhere ? 'taken' : 'free';
  }

  claim(clientId: number, who: T): void {
    const previous = this.owners.get(clientId);
    if (previous && previous !== who) this.held.delete(previous); // taken over by the same user
    this.owners.set(clientId, who);
    this.held.set(who, clientId);
  }

  release(clientId: number, who: T): void {
    if (this.owners.get(clientId) !== who) return;
    this.owners.delete(clientId);
    this.held.delete(who);
  }

  /** Releases and returns the ids `who` holds. */
  releaseAll(who: T): number[] {
    const id = this.held.get(who);
    if (id === undefined) return [];
    this.release(id, who);
    return [id];
  }
}
