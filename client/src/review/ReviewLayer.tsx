/**
 * Review on the report page: opens the `<id>.review` room, shows the threads of this language
 * in a margin column placed beside the editor's page, draws their ranges in the editor (through
 * the ReviewDecorations extension), and starts threads from a text selection. Who may do what
 * follows DESIGN §2: every member but viewers writes the review room; accepting a suggestion
 * writes the text, so only members who may write this language see Accept/Reject.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { createThread, setStatus, type Anchor, type Thread, type ThreadKind } from '../../../shared/src/review/threads';
import type { Role } from '../../../shared/src/roles';
import { userColor } from '../collab/userColor';
import { anchorOfRange, blockAt } from './anchors';
import { mentionsMe } from './mentionText';
import { NewThreadCard, type NewThreadInput } from './NewThreadCard';
import { useHighlightLinks } from './useHighlightLinks';
import { reviewEditorOf, reviewRanges, showReview, subscribeReviewEditors } from './reviewDecorations';
import { ReviewMargin, PENDING_KEY, type Filter, type MarginCard } from './ReviewMargin';
import { SelectionBubble, type Selected } from './SelectionBubble';
import { ThreadCard } from './ThreadCard';
import { useReviewRoom, useThreads } from './useReviewRoom';
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

interface Pending {
  kind: ThreadKind;
  anchor: Anchor;
  quote: string;
  pid: string;
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

/** A key that changes whenever a thread attaches, detaches or moves to another paragraph. */
function useRangeKey(editor: Editor | null): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!editor) return () => undefined;
      editor.on('transaction', onChange);
      return () => void editor.off('transaction', onChange);
    },
    [editor],
  );
  const snapshot = useCallback(() => {
    if (!editor || editor.isDestroyed) return '';
    const doc = editor.state.doc;
    return [...reviewRanges(editor)].map(([id, r]) => `${id}:${blockAt(doc, r.from)?.pid ?? ''}`).join(',');
  }, [editor]);
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Applies a suggestion as one editor transaction: one undo step, and the thread accepted.
 * False when its text is gone (nothing changes). Shared with the translation grid.
 */
export function acceptSuggestion(editor: Editor, review: Y.Doc, thread: Thread): boolean {
  if (editor.isDestroyed) return false;
  const range = reviewRanges(editor).get(thread.id);
  if (!range) return false;
  const undo = (yUndoPluginKey.getState(editor.state) as { undoManager?: { stopCapturing(): void } } | undefined)?.undoManager;
  undo?.stopCapturing();
  const tr = editor.state.tr;
  if (thread.proposed) tr.insertText(thread.proposed, range.from, range.to);
  else tr.delete(range.from, range.to);
  editor.view.dispatch(tr);
  undo?.stopCapturing();
  setStatus(review, thread.id, 'accepted');
  return true;
}

export function ReviewLayer({ reportId, lang, doc, me, role, canWriteContent, members }: ReviewLayerProps) {
  const editor = useEditorOf(doc);
  const room = useReviewRoom(reportId);
  const review = room?.doc ?? null;
  const all = useThreads(review);
  const threads = useMemo(() => all.filter((t) => t.room === lang), [all, lang]);
  const [filter, setFilter] = useState<Filter>('open');
  const [active, setActive] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const host = useMarginHost(editor);
  const rangeKey = useRangeKey(editor);
  const canComment = role !== 'viewer';
  // The members list may be a new array on every render of the page: key it by content.
  const memberKey = members.map((m) => `${m.userId}\u0000${m.name}`).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const memberIds = useMemo(() => new Map(members.map((m) => [m.name, m.userId])), [memberKey]);
  // Whom one may mention: everyone else (one's own mentions are still highlighted).
  const memberNames = useMemo(() => [...memberIds.keys()].filter((name) => name !== me.name), [memberIds, me.name]);
  const colorOf = useCallback((name: string) => userColor(memberIds.get(name) ?? name), [memberIds]);

  const shown = useMemo(() => threads.filter((t) => passes(t, filter, me.name)), [threads, filter, me.name]);
  const visible = useMemo(() => new Set(shown.map((t) => t.id)), [shown]);

  useEffect(() => {
    if (editor) showReview(editor, { threads, visible, active, hover, pending: pending?.anchor ?? null });
  }, [editor, threads, visible, active, hover, pending]);

  // Without any thread the page keeps its full width; the margin opens with the first one.
  const idle = threads.length === 0 && !pending;
  useLayoutEffect(() => {
    host?.parentElement?.classList.toggle('review-idle', idle);
  }, [host, idle]);

  // The text links to its card: click a highlight to open its thread, hover to point at it.
  useHighlightLinks(editor, setActive, setHover);

  // A click anywhere else closes the open card (a thread being written stays until cancelled).
  useEffect(() => {
    if (!active) return;
    const onDown = (event: MouseEvent) => {
      const target = event.target as Element | null;
      if (!target?.closest || target.closest('.review-margin, .review-bubble, .review-mark, .review-suggest-old, .review-suggest-new')) return;
      setActive(null);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setActive(null);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [active]);

  const start = useCallback(
    (kind: ThreadKind, selected: Selected) => {
      if (!editor) return;
      const anchor = anchorOfRange(editor.state, selected);
      if (!anchor) return;
      setActive(null);
      setPending({ kind, anchor, quote: selected.quote, pid: selected.pid });
    },
    [editor],
  );

  const submit = (input: NewThreadInput) => {
    if (!review || !pending) return;
    const id = createThread(review, {
      room: lang,
      pid: pending.pid,
      anchor: pending.anchor,
      quote: pending.quote,
      kind: pending.kind,
      ...(pending.kind === 'suggestion' ? { proposed: input.proposed ?? '' } : {}),
      author: me.name,
      body: input.body,
    });
    setPending(null);
    if (filter === 'resolved') setFilter('open');
    setActive(id);
    document.getSelection()?.removeAllRanges();
  };

  const accept = (thread: Thread): boolean => !!editor && !!review && acceptSuggestion(editor, review, thread);

  if (!editor || !host || !review) return null;

  const ranges = reviewRanges(editor);
  const pidOf = (t: Thread) => {
    const range = ranges.get(t.id);
    return (range && blockAt(editor.state.doc, range.from)?.pid) || t.pid;
  };
  const counts = new Map<string, number>();
  for (const t of shown) counts.set(pidOf(t), (counts.get(pidOf(t)) ?? 0) + 1);
  const filterCounts = { open: 0, resolved: 0, mine: 0, all: 0 } as Record<Filter, number>;
  for (const t of threads) for (const f of ['open', 'resolved', 'mine', 'all'] as const) if (passes(t, f, me.name)) filterCounts[f]++;

  const cards: MarginCard[] = shown.map((t) => {
    const range = ranges.get(t.id);
    const now = range ? editor.state.doc.textBetween(range.from, range.to, ' ', ' ') : null;
    return {
      key: t.id,
      pid: pidOf(t),
      node: (
        <ThreadCard
          thread={t}
          review={review}
          detached={!range && (t.status === 'open' || t.status === 'resolved')}
          currentText={now !== null && now !== t.quote ? now : null}
          active={active === t.id}
          hovered={hover === t.id}
          me={me.name}
          colorOf={colorOf}
          members={memberNames}
          canComment={canComment}
          canDecide={canWriteContent}
          onActivate={setActive}
          onHover={setHover}
          onAccept={accept}
        />
      ),
    };
  });
  if (pending) {
    cards.push({
      key: PENDING_KEY,
      pid: pending.pid,
      node: (
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
      ),
    });
  }

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
    </>
  );
}
