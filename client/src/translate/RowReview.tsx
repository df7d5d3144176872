/**
 * Review in the translation grid (issue 6): the threads of this language (`room === lang`) from
 * the report's review room, counted per row for the badges, and for the focused row its cards in
 * the side panel, its ranges drawn in the row's editor, and Comment / Suggest on a selection.
 * The pieces are the report page's (ThreadCard, NewThreadCard, SelectionBubble, anchors,
 * reviewDecorations); anchors are relative positions into the row's segment fragment, which is
 * the type the row editor's sync binding is bound to.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { createThread, type Anchor, type Thread, type ThreadKind } from '../../../shared/src/review/threads';
import { userColor } from '../collab/userColor';
import { anchorOfRange } from '../review/anchors';
import { NewThreadCard, type NewThreadInput } from '../review/NewThreadCard';
import { acceptSuggestion } from '../review/ReviewLayer';
import { reviewRanges, showReview } from '../review/reviewDecorations';
import { SelectionBubble, type Selected } from '../review/SelectionBubble';
import { ThreadCard } from '../review/ThreadCard';
import { useReviewRoom, useThreads } from '../review/useReviewRoom';
import { useHighlightLinks } from '../review/useHighlightLinks';
import '../review/review.css';

export interface GridThreads {
  review: Y.Doc | null;
  /** Threads of this language, oldest first. */
  threads: readonly Thread[];
  /** Row pid → open threads on it. */
  openByPid: ReadonlyMap<string, number>;
}

export function useGridThreads(reportId: string, lang: string): GridThreads {
  const room = useReviewRoom(reportId);
  const review = room?.doc ?? null;
  const all = useThreads(review);
  const threads = useMemo(() => all.filter((t) => t.room === lang), [all, lang]);
  const openByPid = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of threads) if (t.status === 'open') counts.set(t.pid, (counts.get(t.pid) ?? 0) + 1);
    return counts;
  }, [threads]);
  return { review, threads, openByPid };
}

interface Pending {
  kind: ThreadKind;
  anchor: Anchor;
  quote: string;
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

/** The focused row's threads, in the side panel. */
export function RowReview({ grid, lang, pid, editor, me, canComment, canDecide, members }: RowReviewProps) {
  const { review } = grid;
  const threads = useMemo(() => grid.threads.filter((t) => t.pid === pid), [grid.threads, pid]);
  const [active, setActive] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const live = editor && !editor.isDestroyed ? editor : null;
  // Re-render when ranges attach, detach or their text changes (cards show detached / changed text).
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!live) return () => undefined;
      live.on('transaction', onChange);
      return () => void live.off('transaction', onChange);
    },
    [live],
  );
  useSyncExternalStore(subscribe, () => {
    if (!live || live.isDestroyed) return '';
    const doc = live.state.doc;
    return [...reviewRanges(live)].map(([id, r]) => `${id}:${doc.textBetween(r.from, r.to, ' ', ' ')}`).join('\u0001');
  });

  const memberKey = members.map((m) => `${m.userId}\u0000${m.name}`).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const memberIds = useMemo(() => new Map(members.map((m) => [m.name, m.userId])), [memberKey]);
  const memberNames = useMemo(() => [...memberIds.keys()].filter((name) => name !== me.name), [memberIds, me.name]);
  const colorOf = useCallback((name: string) => userColor(memberIds.get(name) ?? name), [memberIds]);

  const visible = useMemo(() => new Set(threads.filter((t) => t.status === 'open' || t.id === active).map((t) => t.id)), [threads, active]);

  useEffect(() => {
    if (live) showReview(live, { threads, visible, active, hover, pending: pending?.anchor ?? null });
  }, [live, threads, visible, active, hover, pending]);

  // The text links to its card: click a highlight to open its thread, hover to point at it.
  useHighlightLinks(live, setActive, setHover);

  const start = useCallback(
    (kind: ThreadKind, selected: Selected) => {
      if (!live) return;
      const anchor = anchorOfRange(live.state, selected);
      if (!anchor) return;
      setActive(null);
      setPending({ kind, anchor, quote: selected.quote });
    },
    [live],
  );

  const submit = (input: NewThreadInput) => {
    if (!review || !pending) return;
    const id = createThread(review, {
      room: lang,
      pid,
      anchor: pending.anchor,
      quote: pending.quote,
      kind: pending.kind,
      ...(pending.kind === 'suggestion' ? { proposed: input.proposed ?? '' } : {}),
      author: me.name,
      body: input.body,
    });
    setPending(null);
    setActive(id);
    document.getSelection()?.removeAllRanges();
  };

  const accept = (thread: Thread): boolean => !!live && !!review && canDecide && acceptSuggestion(live, review, thread);

  if (!review) return null;
  const ranges = live ? reviewRanges(live) : null;
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
        {threads.map((t) => {
          const range = ranges?.get(t.id);
          const now = range && live ? live.state.doc.textBetween(range.from, range.to, ' ', ' ') : null;
          return (
            <ThreadCard
              key={t.id}
              thread={t}
              review={review}
              detached={!!live && !range && (t.status === 'open' || t.status === 'resolved')}
              currentText={now !== null && now !== t.quote ? now : null}
              active={active === t.id}
              hovered={hover === t.id}
              me={me.name}
              colorOf={colorOf}
              members={memberNames}
              canComment={canComment}
              canDecide={canDecide && !!live}
              onActivate={setActive}
              onHover={setHover}
              onAccept={accept}
            />
          );
        })}
        {pending && (
          <NewThreadCard
            key={pending.anchor.from + pending.anchor.to + pending.kind}
            kind={pending.kind}
            quote={pending.quote}
            me={me.name}
            color={userColor(me.id)}
            members={memberNames}
            onSubmit={submit}
            onCancel={() => setPending(null)}
          />
        )}
      </div>
      {canComment && live && <SelectionBubble editor={live} onStart={start} />}
    </section>
  );
}
