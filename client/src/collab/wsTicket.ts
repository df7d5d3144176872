/**
 * One-use WebSocket tickets (POST /api/auth/ws-ticket): the socket URL carries a ticket valid
 * for one minute and one connection, never the session token. A ticket is kept ready in the
 * provider's params for the next (re)connect and renewed after each use and every 50 s; if
 * none can be had (offline, signed out) the socket goes without, and the session cookie
 * still authenticates it.
 */
import type { WebsocketProvider } from 'y-websocket';

const RENEW_MS = 50_000;

async function fetchTicket(): Promise<string | null> {
  try {
    const res = await fetch('/api/auth/ws-ticket', { method: 'POST', credentials: 'same-origin' });
    if (!res.ok) return null;
    const body = (await res.json()) as { ticket?: unknown };
    return typeof body.ticket === 'string' ? body.ticket : null;
  } catch {
    return null;
  }
}

/** Keeps a fresh ticket in `provider.params`; returns the dispose. */
export function keepTicketReady(provider: WebsocketProvider): { renew(): Promise<void>; dispose(): void } {
  let disposed = false;
  const renew = async () => {
    const ticket = await fetchTicket();
    if (disposed) return;
    if (ticket) provider.params.ticket = ticket;
    else delete provider.params.ticket;
  };
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') void renew(); // the ticket in the URL is used up
  };
  provider.on('status', onStatus);
  // Offline there is nothing to ask (and a failed request is an error in the console); going
  // online renews before reconnecting (roomConnection.ts).
  const timer = setInterval(() => navigator.onLine && void renew(), RENEW_MS);
  return {
    renew,
    dispose: () => {
      disposed = true;
      clearInterval(timer);
      provider.off('status', onStatus);
    },
  };
}
