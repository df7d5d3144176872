/**
 * Awareness updates from a client are decoded and filtered before they reach the room:
 * a connection may set only its own clientID's state (bound on its first awareness message),
 * each state is bounded in size, and removals (null states) of other clients are dropped.
 * Returns the re-encoded update to apply, or null when nothing is left.
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

export function filterAwareness(
  entries: readonly AwarenessEntry[],
  ownClientId: number | null,
  maxStateBytes: number,
): { clientId: number | null; allowed: AwarenessEntry[] } {
  let clientId = ownClientId;
  const allowed: AwarenessEntry[] = [];
  for (const entry of entries) {
    if (entry.state.length > maxStateBytes) throw new AwarenessPolicyError(`awareness state over ${maxStateBytes} bytes`);
    if (clientId === null && entry.state !== 'null') clientId = entry.clientId;
    if (entry.clientId === clientId) allowed.push(entry);
  }
  return { clientId, allowed };
}
