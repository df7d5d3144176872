/**
 * Refused edits never come back ([R21], docs/PROTOCOL.md): when the server answers a room's sync with
 * permission-denied, this device's changes to that room were not accepted and never will be
 * — if they stayed in the doc or in IndexedDB, a later promotion would push the whole refused
 * backlog. So the room's IndexedDB copy is deleted and the page reloads to resync from the
 * server, showing the notice once it has. A second refusal within a minute (something keeps
 * writing) only disconnects the room, so the page cannot reload in a loop.
 */
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import type { WebsocketProvider } from 'y-websocket';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { MessageType } from '../../../shared/src/protocol';

export const REFUSED_NOTICE = 'You can comment and suggest here, not edit. Your changes to this text were not kept.';
const RELOAD_GUARD_MS = 60_000;
const key = (room: string) => `plenary:refused:${room}`;

/** Whether this page was reloaded because the room refused its edits (the flag is consumed). */
export function takeRefusedNotice(room: string): boolean {
  try {
    const at = sessionStorage.getItem(key(room));
    if (!at) return false;
    // Keep the time for the loop guard, mark it shown.
    sessionStorage.setItem(key(room), `shown:${at.replace(/^shown:/, '')}`);
    return !at.startsWith('shown:');
  } catch {
    return false;
  }
}

function lastRefusal(room: string): number {
  try {
    return Number((sessionStorage.getItem(key(room)) ?? '').replace(/^shown:/, '')) || 0;
  } catch {
    return 0;
  }
}

/**
 * Replaces y-websocket's permission-denied handler (which only logs, with the socket URL) by
 * the discard above. `onDiscarded` runs when the page does not reload (the loop guard).
 */
export function discardRefusedEdits(provider: WebsocketProvider, persistence: IndexeddbPersistence, room: string, onDiscarded: () => void): void {
  let discarding = false;
  provider.messageHandlers[MessageType.Auth] = (_encoder, decoder: decoding.Decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, () => {
      if (discarding) return;
      discarding = true;
      provider.disconnect();
      const reload = Date.now() - lastRefusal(room) > RELOAD_GUARD_MS;
      try {
        sessionStorage.setItem(key(room), String(Date.now()));
      } catch {
        // private mode: the notice is shown without a reload below
      }
      void persistence.clearData().finally(() => {
        if (reload) location.reload();
        else onDiscarded();
      });
    });
  };
}
