/**
 * The wiring between an editor's review highlights and the thread cards beside it, the same on
 * the report page's margin (ReviewLayer) and in the translation grid's row panel (RowReview):
 * which card is open and which is pointed at, the thread being written, the ranges drawn in the
 * editor, starting a thread from a selection, accepting a suggestion, and the cards themselves.
 * Where the cards go, and which threads get one, stays with the caller.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { createThread, setStatus, type Anchor, type Thread, type ThreadKind } from '../../../shared/src/review/threads';
import { userColor } from '../collab/userColor';
import { anchorOfRange } from './anchors';
import { NewThreadCard, type NewThreadInput } from './NewThreadCard';
import { reviewRanges, showReview } from './reviewDecorations';
import type { Selected } from './SelectionBubble';
import { ThreadCard } from './ThreadCard';
import { useHighlightLinks } from './useHighlightLinks';
import { acceptMany, ACCEPTED, ACCEPTED_OUTER, undoManagerOf } from '../suggest/acceptChanges';
import { reanchor, type Outer } from '../suggest/reanchor';
import { setSuggestTarget } from '../suggest/suggestingPlugin';

export interface PendingThread {
  kind: ThreadKind;
  anchor: Anchor;
  quote: string;
  /** The paragraph the thread will belong to. */
  pid: string;
}

export interface ThreadCardsOptions {
  /** The editor the threads anchor in; null while there is none to draw in. */
  editor: Editor | null;
  review: Y.Doc | null;
  /** The language room new threads are about. */
  lang: string;
  /** The threads whose ranges are drawn in the editor. */
  threads: readonly Thread[];
  /** Whether a thread's range is highlighted, given the open card. */
  isVisible: (thread: Thread, active: string | null) => boolean;
  me: { id: string; name: string };
  members: readonly { userId: string; name: string }[];
  /** May write the review room. */
  canComment: boolean;
  /** May write the text: accepts and rejects suggestions. */
  canDecide: boolean;
  /** The paragraph new threads belong to; by default the one the selection starts in. */
  pid?: string;
  /** A thread was just created (its card opens next). */
  onCreated?: () => void;
}

export interface ThreadCards {
  /** The thread whose card is open. */
  active: string | null;
  setActive: (id: string | null) => void;
  /** The thread being written, not yet in the review room. */
  pending: PendingThread | null;
  /** Starts writing a thread on a selection (SelectionBubble's `onStart`). */
  start: (kind: ThreadKind, selected: Selected) => void;
  card: (thread: Thread) => ReactNode;
  /** The card of the thread being written, if any. */
  newCard: ReactNode;
}

/** Applies one suggestion as one undo step (acceptMany); false when its text is gone. */
function acceptSuggestion(editor: Editor, review: Y.Doc, thread: Thread): boolean {
  return acceptMany(editor, review, [thread]).length > 0;
}

/**
 * Undoing an accepted suggestion reopens its thread; redoing accepts it again. Yjs gives the
 * step that replaces a popped one fresh meta, so the thread id is carried over to it.
 */
function useAcceptUndo(editor: Editor | null, review: Y.Doc | null): void {
  useEffect(() => {
    const undo = editor && !editor.isDestroyed ? undoManagerOf(editor) : undefined;
    if (!undo || !review || !editor) return;
    const onPopped = ({ stackItem, type }: { stackItem: { meta: Map<unknown, unknown> }; type: 'undo' | 'redo' }) => {
      const id = stackItem.meta.get(ACCEPTED);
      const ids = typeof id === 'string' ? [id] : Array.isArray(id) ? id.filter((x): x is string => typeof x === 'string') : [];
      if (!ids.length) return;
      const outer = stackItem.meta.get(ACCEPTED_OUTER);
      const around = outer instanceof Map ? (outer as Map<string, Outer>) : new Map<string, Outer>();
      review.transact(() =>
        ids.forEach((one) => {
          const at = around.get(one);
          if (type === 'undo' && at && !editor.isDestroyed) reanchor(editor.state, review, one, at);
          setStatus(review, one, type === 'undo' ? 'open' : 'accepted');
        }),
      );
      const next = (type === 'undo' ? undo.redoStack : undo.undoStack).at(-1);
      next?.meta.set(ACCEPTED, ids);
      next?.meta.set(ACCEPTED_OUTER, around);
    };
    undo.on('stack-item-popped', onPopped);
    return () => undo.off('stack-item-popped', onPopped);
  }, [editor, review]);
}

export function useThreadCards(options: ThreadCardsOptions): ThreadCards {
  const { editor, review, lang, threads, isVisible, me, members, canComment, canDecide, pid, onCreated } = options;
  const [active, setActive] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingThread | null>(null);

  // The members list may be a new array on every render of the page: key it by content.
  const memberKey = members.map((m) => `${m.userId}\u0000${m.name}`).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const memberIds = useMemo(() => new Map(members.map((m) => [m.name, m.userId])), [memberKey]);
  // Whom one may mention: everyone else (one's own mentions are still highlighted).
  const memberNames = useMemo(() => [...memberIds.keys()].filter((name) => name !== me.name), [memberIds, me.name]);
  const colorOf = useCallback((name: string) => userColor(memberIds.get(name) ?? name), [memberIds]);

  const visible = useMemo(() => new Set(threads.filter((t) => isVisible(t, active)).map((t) => t.id)), [threads, isVisible, active]);

  useEffect(() => {
    if (editor) showReview(editor, { threads, visible, active, hover, pending: pending?.anchor ?? null, colorOf });
  }, [editor, threads, visible, active, hover, pending, colorOf]);

  // Suggesting mode writes into this review room, as this author.
  useEffect(() => {
    if (!editor || !review || !canComment) return;
    setSuggestTarget(editor, { review, room: lang, author: me.name, ...(pid ? { pid } : {}) });
    return () => setSuggestTarget(editor, null);
  }, [editor, review, canComment, lang, me.name, pid]);

  // The text links to its card: click a highlight to open its thread, hover to point at it.
  useHighlightLinks(editor, setActive, setHover);
  useAcceptUndo(editor, review);

  const start = useCallback(
    (kind: ThreadKind, selected: Selected) => {
      if (!editor) return;
      const anchor = anchorOfRange(editor.state, selected);
      if (!anchor) return;
      setActive(null);
      setPending({ kind, anchor, quote: selected.quote, pid: pid ?? selected.pid });
    },
    [editor, pid],
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
    onCreated?.();
    setActive(id);
    document.getSelection()?.removeAllRanges();
  };

  const accept = (thread: Thread): boolean => !!editor && !!review && canDecide && acceptSuggestion(editor, review, thread);

  const ranges = editor ? reviewRanges(editor) : null;
  const card = (t: Thread): ReactNode => {
    if (!review) return null;
    const range = ranges?.get(t.id);
    const now = range && editor ? editor.state.doc.textBetween(range.from, range.to, ' ', ' ') : null;
    return (
      <ThreadCard
        key={t.id}
        thread={t}
        review={review}
        detached={!!editor && !range && (t.status === 'open' || t.status === 'resolved')}
        currentText={now !== null && now !== t.quote ? now : null}
        active={active === t.id}
        hovered={hover === t.id}
        me={me.name}
        colorOf={colorOf}
        members={memberNames}
        canComment={canComment}
        canDecide={canDecide && !!editor}
        onActivate={setActive}
        onHover={setHover}
        onAccept={accept}
      />
    );
  };

  const newCard = pending && (
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
  );

  return { active, setActive, pending, start, card, newCard };
}
