/** Online, reconnecting, or offline with the reassurance that edits are kept on this device. */
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
  const label = snapshot.refused === 'forbidden' ? 'No access to this report' : LABELS[snapshot.state];
  return (
    <span className={`connection-badge state-${snapshot.state}`} data-state={snapshot.state} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
