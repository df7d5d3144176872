/**
 * What each client publishes in awareness: `user` (id, name, colour, role — the caret extension
 * reads name and colour from it) and `where` (the language version and the block the caret is
 * in, with its paragraph number). `readPeers` turns awareness states into one entry per person.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  role: string;
}

export interface PresenceWhere {
  lang: string;
  pid: string | null;
  /** Paragraph number when the caret is in a numbered paragraph. */
  number: number | null;
  /** Block kind, to say "heading" or "footnote" when there is no number. */
  kind: string | null;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  where: PresenceWhere | null;
  self: boolean;
}

function isPresenceUser(value: unknown): value is PresenceUser {
  const u = value as PresenceUser | null;
  return !!u && typeof u === 'object' && typeof u.id === 'string' && typeof u.name === 'string' && typeof u.color === 'string';
}

/** One entry per user (several tabs of one person show once; their own tab first). */
export function readPeers(awareness: Awareness): Peer[] {
  const byUser = new Map<string, Peer>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: unknown }).user;
    if (!isPresenceUser(user)) continue;
    const where = ((state as { where?: PresenceWhere }).where ?? null) as PresenceWhere | null;
    const peer: Peer = { clientId, user: { ...user, role: typeof user.role === 'string' ? user.role : '' }, where, self: clientId === awareness.clientID };
    const existing = byUser.get(user.id);
    if (!existing || (peer.self && !existing.self) || (!existing.where && peer.where)) byUser.set(user.id, peer);
  }
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name));
}

export function describeWhere(where: PresenceWhere | null): string {
  if (!where) return '';
  if (where.number !== null) return `¶ ${where.number}`;
  switch (where.kind) {
    case 'heading':
      return 'heading';
    case 'footnote':
      return 'footnote';
    case 'paragraph':
      return 'unnumbered ¶';
    default:
      return '';
  }
}
