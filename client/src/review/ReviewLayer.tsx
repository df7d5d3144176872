/**
 * Review on the report page: opens the `<id>.review` room, shows the threads of this language
 * in a margin column placed beside the editor's page, draws their ranges in the editor (through
 * the ReviewDecorations extension), and starts threads from a text selection; the cards and
 * their wiring to the editor are useThreadCards, shared with the translation grid. Who may do
 * what follows docs/PROTOCOL.md §1: every member but viewers writes the review room; accepting a
 * suggestion writes the text, so only members who may write this language see Accept/Reject.
 */
import { useCallback, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import type { Thread } from '../../../shared/src/review/threads';
import type { Role } from '../../../shared/src/roles';
import { useDismiss } from '../components/useDismiss';
import { blockAt } from './anchors';
import { mentionsMe } from './mentionText';
import { reviewEditorOf, reviewRanges, subscribeReviewEditors } from './reviewDecorations';
import { ReviewMargin, PENDING_KEY, type Filter, type MarginCard } from './ReviewMargin';
import { SelectionBubble } from './SelectionBubble';
import { useReviewRoom, useThreads } from './useReviewRoom';
import { useRangesKey } from './useRangesKey';
import { useThreadCards } from './useThreadCards';
import { SuggestionMenu } from '../suggest/SuggestionMenu';
import { useOpenThreadFromUrl } from '../inbox/useOpenThreadFromUrl';
import '../suggest/suggest.css';
import './review.css';

export interface ReviewLayerProps {
  reportId: string;
  /** The language of the editor's room (the original, on the report page). */
  lang: string;
  /** The content doc the editor is bound to. */
  doc: Y.Doc;
  me: { id: string; name: string };
  role: Role;
  /** May write the content room: accepts and rejects suggestions. */
  canWriteContent: boolean;
  members: readonly { userId: string; name: string }[];
}

function passes(thread: Thread, filter: Filter, me: string): boolean {
  switch (filter) {
    case 'open':
      return thread.status === 'open';
    case 'resolved':
      return thread.status !== 'open';
    case 'mine':
      return thread.createdBy === me || thread.messages.some((m) => m.author === me || (!m.deleted && mentionsMe(m.body, me)));
    case 'all':
      return true;
  }
}

function useEditorOf(doc: Y.Doc): Editor | null {
  return useSyncExternalStore(subscribeReviewEditors, () => reviewEditorOf(doc));
}

/** A column of our own inside the editor's desk, next to the page. */
function useMarginHost(editor: Editor | null): HTMLElement | null {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (!editor) return;
    let frame = 0;
    let cleanup = () => undefined as void;
    const attach = () => {
      const desk = editor.isDestroyed ? null : editor.view.dom.closest('.desk');
      if (!desk) {
        frame = requestAnimationFrame(attach);
        return;
      }
      const el = document.createElement('aside');
      el.className = 'review-margin';
      el.setAttribute('aria-label', 'Comments and suggestions');
      desk.appendChild(el);
      desk.classList.add('with-review');
      setHost(el);
      cleanup = () => {
        el.remove();
        desk.classList.remove('with-review', 'review-idle');
      };
    };
    attach();
    return () => {
      cancelAnimationFrame(frame);
      cleanup();
      setHost(null);
    };
  }, [editor]);
  return host;
}

export function ReviewLayer({ reportId, lang, doc, me, role, canWriteContent, members }: ReviewLayerProps) {
  const editor = useEditorOf(doc);
  const room = useReviewRoom(reportId);
  const review = room?.doc ?? null;
  const all = useThreads(review);
  const threads = useMemo(() => all.filter((t) => t.room === lang), [all, lang]);
  const [filter, setFilter] = useState<Filter>('open');
  const host = useMarginHost(editor);
  // The margin re-places its cards when a thread attaches, detaches or changes paragraph.
  const rangeKey = useRangesKey(editor, (doc, r) => blockAt(doc, r.from)?.pid ?? '');
  const canComment = role !== 'viewer';

  const isVisible = useCallback((t: Thread) => passes(t, filter, me.name), [filter, me.name]);
  const shown = useMemo(() => threads.filter((t) => isVisible(t)), [threads, isVisible]);
  const { active, setActive, pending, start, card, newCard } = useThreadCards({
    editor,
    review,
    lang,
    threads,
    isVisible,
    me,
    members,
    canComment,
    canDecide: canWriteContent,
    // The new thread would be hidden under "Resolved": show where it is.
    onCreated: () => {
      if (filter === 'resolved') setFilter('open');
    },
  });

  useOpenThreadFromUrl(threads, setActive, useCallback(() => setFilter('all'), []));

  // Without any thread the page keeps its full width; the margin opens with the first one.
  const idle = threads.length === 0 && !pending;
  useLayoutEffect(() => {
    host?.parentElement?.classList.toggle('review-idle', idle);
  }, [host, idle]);

  // A click anywhere else closes the open card (a thread being written stays until cancelled).
  useDismiss(
    !!active,
    (target) => !(target instanceof Element) || !!target.closest('.review-margin, .review-bubble, .review-mark, .review-suggest-old, .review-suggest-new'),
    () => setActive(null),
  );

  if (!editor || !host || !review) return null;
  const menuHost = editor.view.dom.closest('.editor-shell')?.querySelector<HTMLElement>('.toolbar-review-slot') ?? null;

  const ranges = reviewRanges(editor);
  const pidOf = (t: Thread) => {
    const range = ranges.get(t.id);
    return (range && blockAt(editor.state.doc, range.from)?.pid) || t.pid;
  };
  const counts = new Map<string, number>();
  for (const t of shown) counts.set(pidOf(t), (counts.get(pidOf(t)) ?? 0) + 1);
  const filterCounts = { open: 0, resolved: 0, mine: 0, all: 0 } as Record<Filter, number>;
  for (const t of threads) for (const f of ['open', 'resolved', 'mine', 'all'] as const) if (passes(t, f, me.name)) filterCounts[f]++;

  const cards: MarginCard[] = shown.map((t) => ({ key: t.id, pid: pidOf(t), node: card(t) }));
  if (pending) cards.push({ key: PENDING_KEY, pid: pending.pid, node: newCard });

  return (
    <>
      {createPortal(
        <ReviewMargin
          editor={editor}
          cards={cards}
          counts={counts}
          active={pending ? null : active}
          filter={filter}
          filterCounts={filterCounts}
          onFilter={setFilter}
          onBadge={(pid) => setActive(shown.find((t) => pidOf(t) === pid)?.id ?? null)}
          rangeKey={rangeKey}
        />,
        host,
      )}
      {canComment && <SelectionBubble editor={editor} onStart={start} />}
      {menuHost && createPortal(<SuggestionMenu editor={editor} review={review} threads={threads} canDecide={canWriteContent} />, menuHost)}
    </>
  );
}
