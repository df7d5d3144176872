/**
 * Opens the thread named in the page's `?thread=` (an inbox item links there, issue 13) once
 * it has arrived from the review room, showing every thread if it is no longer open.
 */
import { useEffect, useRef } from 'react';
import type { Thread } from '../../../shared/src/review/threads';

export function useOpenThreadFromUrl(threads: readonly Thread[], setActive: (id: string) => void, showAll: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    const wanted = new URLSearchParams(window.location.search).get('thread');
    if (!wanted) return void (done.current = true);
    const thread = threads.find((t) => t.id === wanted);
    if (!thread) return;
    done.current = true;
    if (thread.status !== 'open') showAll();
    setActive(thread.id);
    requestAnimationFrame(() => document.querySelector(`.review-card[data-thread="${CSS.escape(thread.id)}"]`)?.scrollIntoView({ block: 'center' }));
  }, [threads, setActive, showAll]);
}
