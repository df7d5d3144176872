/**
 * Review in the translation grid (issue 6): the threads of this language (`room === lang`) from
 * the report's review room, counted per row for the badges, and for the focused row its cards in
 * the side panel, its ranges drawn in the row's editor, and Comment / Suggest on a selection.
 * The pieces are the report page's (useThreadCards, SelectionBubble); anchors are relative
 * positions into the row's segment fragment, which is the type the row editor's sync binding
 * is bound to.
 */
import { useMemo } from 'react';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import type { Thread } from '../../../shared/src/review/threads';
import { SelectionBubble } from '../review/SelectionBubble';
import { useReviewRoom, useThreads } from '../review/useReviewRoom';
import { useRangesKey } from '../review/useRangesKey';
import { useThreadCards } from '../review/useThreadCards';
import '../review/review.css';

export interface GridThreads {
  review: Y.Doc | null;
  /** Threads of this language, oldest first. */
  threads: readonly Thread[];
  /** Row pid → open threads on it. */
  openByPid: ReadonlyMap<string, number>;
  /** Row pid → open suggestions on the original's paragraph: a pending change in the source. */
  sourcePendingByPid: ReadonlyMap<string, number>;
}

export function useGridThreads(reportId: string, lang: string, sourceLang?: string): GridThreads {
  const room = useReviewRoom(reportId);
  const review = room?.doc ?? null;
  const all = useThreads(review);
  const threads = useMemo(() => all.filter((t) => t.room === lang), [all, lang]);
  const openByPid = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of threads) if (t.status === 'open') counts.set(t.pid, (counts.get(t.pid) ?? 0) + 1);
    return counts;
  }, [threads]);
  const sourcePendingByPid = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of all) if (sourceLang && t.room === sourceLang && t.kind === 'suggestion' && t.status === 'open') counts.set(t.pid, (counts.get(t.pid) ?? 0) + 1);
    return counts;
  }, [all, sourceLang]);
  return { review, threads, openByPid, sourcePendingByPid };
}

export interface RowReviewProps {
  grid: GridThreads;
  lang: string;
  pid: string;
  /** The focused row's editor, once it is bound to this row's segment. */
  editor: Editor | null;
  me: { id: string; name: string };
  /** Writes the review room: every member but viewers. */
  canComment: boolean;
  /** Writes the language room (owner, its translators): accepts and rejects suggestions. */
  canDecide: boolean;
  members: readonly { userId: string; name: string }[];
}

/** A row's open threads are drawn, and a closed one while its card is open. */
const openOrActive = (t: Thread, active: string | null) => t.status === 'open' || t.id === active;

/** The focused row's threads, in the side panel. */
export function RowReview({ grid, lang, pid, editor, me, canComment, canDecide, members }: RowReviewProps) {
  const { review } = grid;
  const threads = useMemo(() => grid.threads.filter((t) => t.pid === pid), [grid.threads, pid]);
  const live = editor && !editor.isDestroyed ? editor : null;
  // Re-render when ranges attach, detach or their text changes (cards show detached / changed text).
  useRangesKey(live, (doc, r) => doc.textBetween(r.from, r.to, ' ', ' '));

  const { start, card, newCard, pending } = useThreadCards({
    editor: live,
    review,
    lang,
    threads,
    isVisible: openOrActive,
    me,
    members,
    canComment,
    canDecide,
    pid,
  });

  if (!review) return null;
  const open = threads.filter((t) => t.status === 'open').length;

  return (
    <section className="panel-section row-review" aria-label="Comments on this row">
      <h3 className="sidebar-title">
        Comments{threads.length > 0 && <span className="muted">{open} open</span>}
      </h3>
      {threads.length === 0 && !pending && (
        <p className="muted small">{canComment ? (live ? 'Select text in the translation to comment or suggest.' : 'No comments on this row.') : 'No comments on this row.'}</p>
      )}
      <div className="row-review-cards">
        {threads.map((t) => card(t))}
        {newCard}
      </div>
      {canComment && live && <SelectionBubble editor={live} onStart={start} />}
    </section>
  );
}
