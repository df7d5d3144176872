/**
 * Online, reconnecting, or offline with the reassurance that edits are kept on this device —
 * said once IndexedDB has them (RoomConnection.savedLocally), "saving" until then; and the
 * notice that edits the server refused were discarded. While connected it also says whether
 * the server has stored every change ("Saving…" / "Saved", from its acknowledgments);
 * `data-durable` carries the same.
 *
 * "Saving…" / "Saved" flips on every keystroke, so it is written to the DOM directly instead
 * of through a React render: each React commit while the editor has focus makes React DOM
 * walk the whole editable text to save and restore the selection (`getSelectionInformation`),
 * ~5 ms per commit on a 6,000-paragraph report. React renders only when the rest changes.
 */
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { ConnectionSnapshot, RoomConnection } from './roomConnection';

const LABELS = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — changes saved on this device',
} as const;

export function ConnectionBadge({ connection }: { connection: RoomConnection }) {
  // Everything but `durable`: equal strings mean no render.
  const shown = useSyncExternalStore(connection.subscribe, () => {
    const s = connection.getSnapshot();
    return JSON.stringify([s.state, s.refused, s.savedLocally, s.notice]);
  });
  const [state, refused, savedLocally, notice] = JSON.parse(shown) as [ConnectionSnapshot['state'], ConnectionSnapshot['refused'], boolean, string | null];
  const badge = useRef<HTMLSpanElement>(null);
  const durable = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const write = () => {
      const { durable: value } = connection.getSnapshot();
      const text = ` · ${value === 'saved' ? 'Saved' : 'Saving…'}`;
      // Only real changes: observers of the attribute (tests, assistive tech) see each once.
      if (badge.current && badge.current.getAttribute('data-durable') !== value) badge.current.setAttribute('data-durable', value);
      const node = durable.current;
      // The text node's data, not textContent: no node replaced on every keystroke.
      if (node && node.firstChild instanceof Text) {
        if (node.firstChild.data !== text) node.firstChild.data = text;
      } else if (node) node.textContent = text;
    };
    write();
    return connection.subscribe(write);
  }, [connection, shown]);
  const label = refused === 'forbidden' ? 'No access to this report' : state === 'offline' && !savedLocally ? 'Offline — saving on this device…' : LABELS[state];
  const showDurable = refused === null && (state === 'online' || state === 'reconnecting');
  return (
    <>
      <span
        ref={badge}
        className={`connection-badge state-${state}`}
        data-state={state}
        data-saved={savedLocally}
        role="status"
        aria-live="polite"
      >
        <span className="dot" aria-hidden="true" />
        {label}
        {/* Filled by the effect above: React never owns its text. */}
        {showDurable && <span className="durable" ref={durable} />}
      </span>
      {notice && (
        <span className="refused-notice" role="alert">
          {notice}
        </span>
      )}
    </>
  );
}
