/**
 * The report's `<id>.review` room (docs/PROTOCOL.md §1), opened with the same RoomConnection as the
 * content rooms (cookie-authenticated socket, IndexedDB copy), and its threads as React state.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { RoomConnection } from '../collab/roomConnection';
import { roomName, REVIEW_SUFFIX } from '../../../shared/src/rooms';
import { readThread, threadsMap, type Anchor, type Thread } from '../../../shared/src/review/threads';

export function useReviewRoom(reportId: string): RoomConnection | null {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  useEffect(() => {
    // An empty review room is a normal room: content is only needed to open it offline.
    const room = new RoomConnection(roomName(reportId, REVIEW_SUFFIX), (doc) => threadsMap(doc).size > 0);
    setConnection(room);
    return () => {
      setConnection(null);
      room.destroy();
    };
  }, [reportId]);
  return connection;
}

const NO_THREADS: readonly Thread[] = [];

/**
 * The threads, oldest first, keeping only well-formed ones: the review room is written by every
 * member's client, so a malformed entry must cost its own thread, never the page.
 */
export function readThreads(doc: Y.Doc): Thread[] {
  const out: Thread[] = [];
  for (const [id, map] of threadsMap(doc).entries()) {
    try {
      const t = readThread(id, map);
      const anchor = t.anchor as Partial<Anchor> | undefined;
      if (!anchor || typeof anchor.from !== 'string' || typeof anchor.to !== 'string') continue;
      out.push({
        ...t,
        anchor: { from: anchor.from, to: anchor.to },
        proposed: typeof t.proposed === 'string' ? t.proposed : t.kind === 'suggestion' ? '' : null,
        messages: t.messages.filter((m) => Number.isFinite(m.at)),
      });
    } catch {
      // not a thread
    }
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

/** Every thread of the review doc; a new array on every change. */
export function useThreads(doc: Y.Doc | null): readonly Thread[] {
  const cache = useRef<{ doc: Y.Doc; threads: readonly Thread[] } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!doc) return () => undefined;
      const map = threadsMap(doc);
      const observer = () => {
        cache.current = null;
        onChange();
      };
      map.observeDeep(observer);
      return () => map.unobserveDeep(observer);
    },
    [doc],
  );
  const snapshot = useCallback(() => {
    if (!doc) return NO_THREADS;
    if (cache.current?.doc !== doc) cache.current = { doc, threads: readThreads(doc) };
    return cache.current.threads;
  }, [doc]);
  return useSyncExternalStore(subscribe, snapshot);
}
