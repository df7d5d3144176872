/**
 * A room's presence (awareness): who is here and where their caret is. It lives on a doc of
 * its own, so the content doc can hibernate. Presence is one's own ([R4]): a peer sets state
 * only for the one client id it introduced and no other peer holds (awarenessFilter.ts), and
 * leaving removes exactly those states. Everyone's state is encoded once per change for
 * joiners and awareness queries.
 */
import { serverDoc } from './serverDoc';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Peer } from './peer';
import { encodeAwareness } from './messages';
import { type AwarenessEntry, encodeAwarenessEntries, filterAwareness, PresenceOwners } from './awarenessFilter';

/** Transaction origin of presence from other instances (not published again). */
export const REMOTE_PRESENCE = Symbol('remote presence');

export class RoomPresence {
  readonly awareness = new awarenessProtocol.Awareness(serverDoc());
  private readonly owners = new PresenceOwners<Peer>();
  /** undefined: not encoded since the last change. */
  private message: Uint8Array | null | undefined;

  /** `onChange` hears the changed ids; `local` when they came from a peer here. */
  constructor(private readonly onChange: (changed: number[], local: boolean) => void) {
    // Awareness is about people; the server has none of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Everyone's state as one message (null when nobody has any). */
  state(): Uint8Array | null {
    if (this.message === undefined) {
      const states = [...this.awareness.getStates().keys()];
      this.message = states.length > 0 ? encodeAwareness(this.awareness, states) : null;
    }
    return this.message;
  }

  /** Applies what `peer` may set of `entries`; returns how many claims on others' ids were refused. */
  apply(peer: Peer, entries: readonly AwarenessEntry[]): number {
    const states = this.awareness.getStates();
    const { allowed, refused } = filterAwareness(entries, {
      claimState: (id) => this.owners.claimState(id, peer, states.has(id)),
      claim: (id) => this.owners.claim(id, peer),
      release: (id) => this.owners.release(id, peer),
      clockOf: (id) => this.awareness.meta.get(id)?.clock ?? -1,
    });
    if (allowed.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(allowed), peer);
    return refused;
  }

  /** Presence published by another instance. */
  applyRemote(payload: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, REMOTE_PRESENCE);
  }

  /** Removes the states `peer` set. */
  leave(peer: Peer): void {
    const mine = this.owners.releaseAll(peer);
    if (mine.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, mine, null);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
    this.awareness.doc.destroy();
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    this.message = undefined;
    this.onChange(changed, origin !== REMOTE_PRESENCE);
  };
}
