/**
 * Presence ownership (server/src/collab/awarenessFilter.ts): one id per connection, claimed in
 * order; others' ids refused (counted only when the clock is newer — echoes are no claim);
 * the same user may take an id over; removals only of one's own; leaving releases only that.
 */
import { describe, expect, it } from 'vitest';
import { decodeAwarenessUpdate, encodeAwarenessEntries, filterAwareness, PresenceOwners, type AwarenessEntry } from '../../../server/src/collab/awarenessFilter';

const conn = (userId: string) => ({ userId });
const entry = (clientId: number, clock: number, state = '{"user":{}}'): AwarenessEntry => ({ clientId, clock, state });

function claimsFor(owners: PresenceOwners<{ userId: string }>, who: { userId: string }, clocks = new Map<number, number>(), remote = new Set<number>()) {
  return {
    claimState: (id: number) => owners.claimState(id, who, remote.has(id)),
    claim: (id: number) => owners.claim(id, who),
    release: (id: number) => owners.release(id, who),
    clockOf: (id: number) => clocks.get(id) ?? -1,
  };
}

describe('presence ownership', () => {
  it('binds one id per connection and refuses the rest, in order', () => {
    const owners = new PresenceOwners<{ userId: string }>();
    const a = conn('ana');
    const r = filterAwareness([entry(1, 1), entry(2, 1)], claimsFor(owners, a));
    expect(r.allowed.map((e) => e.clientId)).toEqual([1]);
    expect(r.refused).toBe(1);
  });

  it('refuses another user’s id, counts only newer clocks, and lets the same user take over', () => {
    const owners = new PresenceOwners<{ userId: string }>();
    const ana = conn('ana');
    const ben = conn('ben');
    filterAwareness([entry(1, 5)], claimsFor(owners, ana));
    const clocks = new Map([[1, 5]]);
    const echo = filterAwareness([entry(1, 5)], claimsFor(owners, ben, clocks));
    expect(echo).toEqual({ allowed: [], refused: 0 });
    const spoof = filterAwareness([entry(1, 9), entry(1, 10, 'null')], claimsFor(owners, ben, clocks));
    expect(spoof).toEqual({ allowed: [], refused: 2 });
    const anaAgain = conn('ana');
    expect(filterAwareness([entry(1, 6)], claimsFor(owners, anaAgain, clocks)).allowed).toHaveLength(1);
    // The first connection no longer holds it: its leaving removes nothing.
    expect(owners.releaseAll(ana)).toEqual([]);
    expect(owners.releaseAll(anaAgain)).toEqual([1]);
  });

  it('refuses ids another instance holds, and oversized states', () => {
    const owners = new PresenceOwners<{ userId: string }>();
    const ana = conn('ana');
    expect(filterAwareness([entry(7, 3)], claimsFor(owners, ana, new Map([[7, 1]]), new Set([7]))).refused).toBe(1);
    expect(() => decodeAwarenessUpdate(encodeAwarenessEntries([entry(8, 1, 'x'.repeat(2000))]), 1000)).toThrow(/over 1000 bytes/);
  });
});
