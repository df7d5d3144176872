/**
 * Online, reconnecting, or offline with the reassurance that edits are kept on this device —
 * said once IndexedDB has them (RoomConnection.savedLocally), "saving" until then; and the
 * notice that edits the server refused were discarded. While connected it also says whether
 * the server has stored every change ("Saving…" / "Saved", from its acknowledgments);
 * `data-durable` carries the same.
 */
import { useSyncExternalStore } from 'react';
import type { RoomConnection } from './roomConnection';

const LABELS = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — changes saved on this device',
} as const;

export function ConnectionBadge({ connection }: { connection: RoomConnection }) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const label =
    snapshot.refused === 'forbidden'
      ? 'No access to this report'
      : snapshot.state === 'offline' && !snapshot.savedLocally
        ? 'Offline — saving on this device…'
        : LABELS[snapshot.state];
  const showDurable = snapshot.refused === null && (snapshot.state === 'online' || snapshot.state === 'reconnecting');
  return (
    <>
      <span
        className={`connection-badge state-${snapshot.state}`}
        data-state={snapshot.state}
        data-saved={snapshot.savedLocally}
        data-durable={snapshot.durable}
        role="status"
        aria-live="polite"
      >
        <span className="dot" aria-hidden="true" />
        {label}
        {showDurable && <span className="durable"> · {snapshot.durable === 'saved' ? 'Saved' : 'Saving…'}</span>}
      </span>
      {snapshot.notice && (
        <span className="refused-notice" role="alert">
          {snapshot.notice}
        </span>
      )}
    </>
  );
}
