/**
 * Opens the thread named in the page's `?thread=` (an inbox item links there, issue 13) once
 * it has arrived from the review room — also when the link is followed from the same report —
 * showing every thread if it is no longer open.
 */
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import type { Thread } from '../../../shared/src/review/threads';

export function useOpenThreadFromUrl(threads: readonly Thread[], setActive: (id: string) => void, showAll: () => void): void {
  const { search } = useLocation();
  const handled = useRef<string | null>(null);
  useEffect(() => {
    const wanted = new URLSearchParams(search).get('thread');
    if (!wanted || handled.current === search) return;
    const thread = threads.find((t) => t.id === wanted);
    if (!thread) return;
    handled.current = search;
    if (thread.status !== 'open') showAll();
    setActive(thread.id);
    requestAnimationFrame(() => document.querySelector(`.review-card[data-thread="${CSS.escape(thread.id)}"]`)?.scrollIntoView({ block: 'center' }));
  }, [search, threads, setActive, showAll]);
}
