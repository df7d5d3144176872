/**
 * Comment threads and suggestions in the `<id>.review` room (docs/PROTOCOL.md §1). A thread is a Y.Map
 * under `threads`, so concurrent replies and status changes merge field by field; messages
 * are a Y.Array. Anchors are Yjs relative positions (encoded, base64) into the content of
 * `room`, so they follow the text through concurrent edits; an anchor whose text was deleted
 * resolves to an empty range and the thread shows as detached with its `quote`.
 */
import * as Y from 'yjs';
import { THREADS_MAP } from '../model/yBody';

export const THREAD_KINDS = ['comment', 'suggestion'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export const THREAD_STATUSES = ['open', 'resolved', 'accepted', 'rejected'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/**
 * What a suggestion changes (issue 13). Threads written before this field existed carry only
 * `proposed`: they read as `replace` (or `delete` when `proposed` is empty). An `insert` has a
 * point anchor (`from` and `to` encode the same position); `format` toggles one mark.
 */
export const CHANGE_KINDS = ['insert', 'delete', 'replace', 'format'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const FORMAT_MARKS = ['bold', 'italic', 'superscript', 'subscript'] as const;
export type FormatMark = (typeof FORMAT_MARKS)[number];
export interface FormatChange {
  mark: FormatMark;
  /** true: add the mark; false: remove it. */
  on: boolean;
}

export interface Anchor {
  /** base64 of Y.encodeRelativePosition */
  from: string;
  to: string;
}

export interface Message {
  id: string;
  author: string;
  body: string;
  at: number;
  editedAt?: number;
  deleted?: boolean;
}

export interface Thread {
  id: string;
  room: string;
  pid: string;
  anchor: Anchor;
  quote: string;
  kind: ThreadKind;
  proposed: string | null;
  /** For suggestions: what kind of change; null for comments. */
  change?: ChangeKind | null;
  format?: FormatChange | null;
  status: ThreadStatus;
  createdBy: string;
  createdAt: number;
  /** The author is a name from an imported Word file, not a member of the report. */
  external?: boolean;
  /** A `delete` of the paragraph break at its point anchor (the end of the first paragraph). */
  join?: boolean;
  messages: Message[];
}

export interface NewThread {
  room: string;
  pid: string;
  anchor: Anchor;
  quote: string;
  kind: ThreadKind;
  proposed?: string;
  change?: ChangeKind;
  format?: FormatChange;
  external?: boolean;
  join?: boolean;
  author: string;
  body: string;
}

const randomId = (prefix: string) => {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return prefix + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14);
};

export function threadsMap(review: Y.Doc): Y.Map<Y.Map<unknown>> {
  return review.getMap(THREADS_MAP);
}

export function encodePosition(pos: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(pos);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function decodePosition(encoded: string): Y.RelativePosition {
  const s = atob(encoded);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return Y.decodeRelativePosition(bytes);
}

/** An anchor over [from, to) of a Y.XmlText (or any sequence type). */
export function anchorInText(text: Y.AbstractType<any>, from: number, to: number): Anchor {
  // `from` sticks to the character after it (assoc 0), `to` to the character before it (assoc -1),
  // so text typed right at either edge stays outside the commented range.
  return {
    from: encodePosition(Y.createRelativePositionFromTypeIndex(text, from, 0)),
    to: encodePosition(Y.createRelativePositionFromTypeIndex(text, to, -1)),
  };
}

/** Suggestions whose anchor is a point: an insertion, a join of two paragraphs. */
export const isPointChange = (t: Pick<Thread, 'kind' | 'change' | 'join'>) => t.kind === 'suggestion' && (t.change === 'insert' || t.join === true);

/** A point anchor (an insertion) at `index`, sticking to the character before it. */
export function pointInText(text: Y.AbstractType<any>, index: number): Anchor {
  const at = encodePosition(Y.createRelativePositionFromTypeIndex(text, index, -1));
  return { from: at, to: at };
}

/**
 * The anchored range now, as indices in its type; null when its text is gone (detached).
 * `point` accepts an empty range (an insertion's anchor).
 */
export function resolveAnchor(doc: Y.Doc, anchor: Anchor, point = false): { type: Y.AbstractType<unknown>; from: number; to: number } | null {
  const from = Y.createAbsolutePositionFromRelativePosition(decodePosition(anchor.from), doc);
  const to = Y.createAbsolutePositionFromRelativePosition(decodePosition(anchor.to), doc);
  if (!from || !to || from.type !== to.type || to.index < from.index || (!point && to.index === from.index)) return null;
  if (point && from.type._item?.deleted) return null;
  return { type: from.type, from: from.index, to: to.index };
}

export function createThread(review: Y.Doc, input: NewThread, now = Date.now()): string {
  const id = randomId('t');
  review.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set('room', input.room);
    thread.set('pid', input.pid);
    thread.set('anchor', input.anchor);
    thread.set('quote', input.quote);
    thread.set('kind', input.kind);
    thread.set('proposed', input.kind === 'suggestion' ? (input.proposed ?? '') : null);
    if (input.kind === 'suggestion' && input.change) thread.set('change', input.change);
    if (input.kind === 'suggestion' && input.format) thread.set('format', { ...input.format });
    if (input.external) thread.set('external', true);
    if (input.kind === 'suggestion' && input.join) thread.set('join', true);
    thread.set('status', 'open');
    thread.set('createdBy', input.author);
    thread.set('createdAt', now);
    const messages = new Y.Array<Y.Map<unknown>>();
    thread.set('messages', messages);
    threadsMap(review).set(id, thread);
    if (input.body.trim()) messages.push([messageMap(input.author, input.body, now)]);
  });
  return id;
}

function messageMap(author: string, body: string, at: number): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', randomId('m'));
  m.set('author', author);
  m.set('body', body);
  m.set('at', at);
  return m;
}

export function reply(review: Y.Doc, threadId: string, author: string, body: string, now = Date.now()): void {
  const messages = threadsMap(review).get(threadId)?.get('messages') as Y.Array<Y.Map<unknown>> | undefined;
  if (!messages) throw new Error(`no thread ${threadId}`);
  messages.push([messageMap(author, body, now)]);
}

/** Edits or deletes one's own message; others' messages are left alone. */
export function editMessage(review: Y.Doc, threadId: string, messageId: string, author: string, body: string | null, now = Date.now()): boolean {
  const messages = threadsMap(review).get(threadId)?.get('messages') as Y.Array<Y.Map<unknown>> | undefined;
  const message = messages?.toArray().find((m) => m.get('id') === messageId);
  if (!message || message.get('author') !== author) return false;
  review.transact(() => {
    if (body === null) {
      message.set('deleted', true);
      message.set('body', '');
    } else message.set('body', body);
    message.set('editedAt', now);
  });
  return true;
}

export function setStatus(review: Y.Doc, threadId: string, status: ThreadStatus): void {
  threadsMap(review).get(threadId)?.set('status', status);
}

export function readThread(id: string, map: Y.Map<unknown>): Thread {
  const messages = (map.get('messages') as Y.Array<Y.Map<unknown>> | undefined)?.toArray() ?? [];
  return {
    id,
    room: String(map.get('room') ?? ''),
    pid: String(map.get('pid') ?? ''),
    anchor: map.get('anchor') as Anchor,
    quote: String(map.get('quote') ?? ''),
    kind: map.get('kind') === 'suggestion' ? 'suggestion' : 'comment',
    proposed: (map.get('proposed') as string | null) ?? null,
    ...changeOf(map),
    status: (THREAD_STATUSES as readonly string[]).includes(map.get('status') as string) ? (map.get('status') as ThreadStatus) : 'open',
    createdBy: String(map.get('createdBy') ?? ''),
    createdAt: Number(map.get('createdAt') ?? 0),
    ...(map.get('external') === true ? { external: true } : {}),
    ...(map.get('join') === true && map.get('kind') === 'suggestion' ? { join: true } : {}),
    messages: messages.map((m) => ({
      id: String(m.get('id')), author: String(m.get('author')), body: String(m.get('body') ?? ''), at: Number(m.get('at')),
      ...(m.get('editedAt') ? { editedAt: Number(m.get('editedAt')) } : {}),
      ...(m.get('deleted') ? { deleted: true } : {}),
    })),
  };
}

function changeOf(map: Y.Map<unknown>): { change: ChangeKind | null; format: FormatChange | null } {
  if (map.get('kind') !== 'suggestion') return { change: null, format: null };
  const stored = map.get('change');
  const rawFormat = map.get('format') as Partial<FormatChange> | undefined;
  const format =
    rawFormat && typeof rawFormat === 'object' && (FORMAT_MARKS as readonly string[]).includes(rawFormat.mark as string)
      ? { mark: rawFormat.mark as FormatMark, on: rawFormat.on !== false }
      : null;
  if (stored === 'format') return format ? { change: 'format', format } : { change: 'replace', format: null };
  if ((CHANGE_KINDS as readonly string[]).includes(stored as string)) return { change: stored as ChangeKind, format: null };
  return { change: map.get('proposed') ? 'replace' : 'delete', format: null };
}

export function listThreads(review: Y.Doc): Thread[] {
  return [...threadsMap(review).entries()].map(([id, map]) => readThread(id, map)).sort((a, b) => a.createdAt - b.createdAt);
}

/** The threads, skipping malformed ones (every member's client writes the review room): server readers. */
export function wellFormedThreads(review: Y.Doc): Thread[] {
  const out: Thread[] = [];
  for (const [id, map] of threadsMap(review).entries()) {
    try {
      if (!(map instanceof Y.Map)) continue;
      const thread = readThread(id, map);
      if (typeof thread.anchor?.from !== 'string' || typeof thread.anchor?.to !== 'string') continue;
      out.push({ ...thread, messages: thread.messages.filter((m) => Number.isFinite(m.at)) });
    } catch {
      // not a thread
    }
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

/** `@name` mentions in a message body (names may contain letters, digits, . _ -). */
export function mentions(body: string): string[] {
  return [...new Set([...body.matchAll(/(^|\s)@([\p{L}\p{N}._-]+)/gu)].map((m) => m[2]))];
}

/**
 * Accepts a suggestion on the Yjs level (server import, tests, benchmarks; the editor accepts
 * through ProseMirror): applies its change to the anchored range in one transaction of the
 * content doc and marks it accepted. The caller must be allowed to write the content room; the
 * server enforces it anyway. False when the anchored text is gone (nothing changes).
 */
export function acceptSuggestion(review: Y.Doc, content: Y.Doc, threadId: string, origin?: unknown): boolean {
  const map = threadsMap(review).get(threadId);
  if (!map) return false;
  const thread = readThread(threadId, map);
  // A join merges two block elements: only the editor applies it (ProseMirror's join).
  if (thread.kind !== 'suggestion' || thread.status !== 'open' || thread.join) return false;
  const range = resolveAnchor(content, thread.anchor, thread.change === 'insert');
  if (!range || !(range.type instanceof Y.Text)) return false;
  const text = range.type;
  content.transact(() => {
    if (thread.change === 'format' && thread.format) {
      text.format(range.from, range.to - range.from, { [thread.format.mark]: thread.format.on ? {} : null });
      return;
    }
    // Keep the formatting of the first replaced (or preceding) character for the new text.
    const at = thread.change === 'insert' ? Math.max(0, range.from - 1) : range.from;
    let seen = 0;
    let attrs: Record<string, unknown> = {};
    for (const d of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      const len = typeof d.insert === 'string' ? d.insert.length : 1;
      if (seen + len > at) {
        attrs = d.attributes ?? {};
        break;
      }
      seen += len;
    }
    if (range.to > range.from) text.delete(range.from, range.to - range.from);
    if (thread.proposed) text.insert(range.from, thread.proposed, attrs);
  }, origin);
  map.set('status', 'accepted');
  return true;
}
