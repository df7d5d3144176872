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
  status: ThreadStatus;
  createdBy: string;
  createdAt: number;
  messages: Message[];
}

export interface NewThread {
  room: string;
  pid: string;
  anchor: Anchor;
  quote: string;
  kind: ThreadKind;
  proposed?: string;
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

/** The anchored range now, as indices in its type; null when its text is gone (detached). */
export function resolveAnchor(doc: Y.Doc, anchor: Anchor): { type: Y.AbstractType<unknown>; from: number; to: number } | null {
  const from = Y.createAbsolutePositionFromRelativePosition(decodePosition(anchor.from), doc);
  const to = Y.createAbsolutePositionFromRelativePosition(decodePosition(anchor.to), doc);
  if (!from || !to || from.type !== to.type || to.index <= from.index) return null;
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
    status: (THREAD_STATUSES as readonly string[]).includes(map.get('status') as string) ? (map.get('status') as ThreadStatus) : 'open',
    createdBy: String(map.get('createdBy') ?? ''),
    createdAt: Number(map.get('createdAt') ?? 0),
    messages: messages.map((m) => ({
      id: String(m.get('id')), author: String(m.get('author')), body: String(m.get('body') ?? ''), at: Number(m.get('at')),
      ...(m.get('editedAt') ? { editedAt: Number(m.get('editedAt')) } : {}),
      ...(m.get('deleted') ? { deleted: true } : {}),
    })),
  };
}

export function listThreads(review: Y.Doc): Thread[] {
  return [...threadsMap(review).entries()].map(([id, map]) => readThread(id, map)).sort((a, b) => a.createdAt - b.createdAt);
}

/** `@name` mentions in a message body (names may contain letters, digits, . _ -). */
export function mentions(body: string): string[] {
  return [...new Set([...body.matchAll(/(^|\s)@([\p{L}\p{N}._-]+)/gu)].map((m) => m[2]))];
}

/**
 * Accepts a suggestion: replaces the anchored range of the content doc with the proposed text,
 * in one transaction of the content doc (one undoable change), and marks the thread accepted.
 * The caller must be allowed to write the content room; the server enforces it anyway.
 * Returns false when the anchored text is gone (detached) and nothing was changed.
 */
export function acceptSuggestion(review: Y.Doc, content: Y.Doc, threadId: string, origin?: unknown): boolean {
  const map = threadsMap(review).get(threadId);
  if (!map) return false;
  const thread = readThread(threadId, map);
  if (thread.kind !== 'suggestion' || thread.status !== 'open') return false;
  const range = resolveAnchor(content, thread.anchor);
  if (!range || !(range.type instanceof Y.Text)) return false;
  const text = range.type;
  content.transact(() => {
    // Keep the formatting of the first replaced character for the new text.
    const attrs = (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).reduce<{ at: number; attrs?: Record<string, unknown> }>(
      (acc, d) => {
        const len = typeof d.insert === 'string' ? d.insert.length : 1;
        if (acc.attrs === undefined && acc.at + len > range.from) return { at: acc.at + len, attrs: d.attributes ?? {} };
        return { at: acc.at + len, attrs: acc.attrs };
      },
      { at: 0 },
    ).attrs;
    text.delete(range.from, range.to - range.from);
    text.insert(range.from, thread.proposed ?? '', attrs ?? {});
  }, origin);
  map.set('status', 'accepted');
  return true;
}
