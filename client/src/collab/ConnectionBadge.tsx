/**
 * Online, reconnecting, or offline with the reassurance that edits are kept on this device —
 * said once IndexedDB has them (RoomConnection.savedLocally), "saving" until then; and the
 * notice that edits the server refused were discarded.
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
  return (
    <>
      <span className={`connection-badge state-${snapshot.state}`} data-state={snapshot.state} data-saved={snapshot.savedLocally} role="status" aria-live="polite">
        <span className="dot" aria-hidden="true" />
        {label}
      </span>
      {snapshot.notice && (
        <span className="refused-notice" role="alert">
          {snapshot.notice}
        </span>
      )}
    </>
  );
}
