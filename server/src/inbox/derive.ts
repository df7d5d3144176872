/**
 * What the inbox holds (issue 13), derived from a report's review threads: a mention of me in
 * a message; a reply in a thread I took part in (started or wrote in); my suggestion accepted
 * or rejected. Item ids are deterministic (kind, message or thread, recipient), so deriving
 * again — after every stored update, on any instance — never adds an item twice.
 */
import { mentions, type Thread } from '../../../shared/src/review/threads';

export const INBOX_KINDS = ['mention', 'reply', 'accepted', 'rejected'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxItem {
  id: string;
  kind: InboxKind;
  reportId: string;
  threadId: string;
  by: string;
  at: number;
  excerpt: string;
  read: boolean;
}

export interface InboxEntry extends Omit<InboxItem, 'read'> {
  userId: string;
}

/** How a member is mentioned: their name with every other run of characters as `_`. */
export const mentionToken = (name: string) => name.trim().replace(/[^\p{L}\p{N}._-]+/gu, '_').toLowerCase();

const excerptOf = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

export function deriveInbox(reportId: string, threads: readonly Thread[], members: readonly { userId: string; userName: string }[], decidedBy: string): InboxEntry[] {
  const byToken = new Map(members.map((m) => [mentionToken(m.userName), m]));
  const byName = new Map(members.map((m) => [m.userName, m]));
  const out: InboxEntry[] = [];
  for (const thread of threads) {
    const participants = new Set<string>([thread.createdBy]);
    for (const message of thread.messages) {
      if (message.deleted) continue;
      const base = { reportId, threadId: thread.id, by: message.author, at: message.at, excerpt: excerptOf(message.body) };
      const mentioned = new Set<string>();
      for (const token of mentions(message.body)) {
        const member = byToken.get(token.toLowerCase());
        if (!member || member.userName === message.author) continue;
        mentioned.add(member.userId);
        out.push({ ...base, id: `mention:${message.id}:${member.userId}`, kind: 'mention', userId: member.userId });
      }
      for (const name of participants) {
        const member = byName.get(name);
        if (!member || name === message.author || mentioned.has(member.userId)) continue;
        out.push({ ...base, id: `reply:${message.id}:${member.userId}`, kind: 'reply', userId: member.userId });
      }
      participants.add(message.author);
    }
    if (thread.kind === 'suggestion' && (thread.status === 'accepted' || thread.status === 'rejected')) {
      const author = byName.get(thread.createdBy);
      if (author && decidedBy && decidedBy !== thread.createdBy) {
        const what = thread.quote && thread.proposed ? `${thread.quote} → ${thread.proposed}` : thread.proposed || thread.quote;
        out.push({
          id: `${thread.status}:${thread.id}:${author.userId}`, kind: thread.status, userId: author.userId, reportId, threadId: thread.id,
          by: decidedBy, at: Date.now(), excerpt: excerptOf(what ?? ''),
        });
      }
    }
  }
  return out;
}
