/**
 * Presence in a translation grid: this translator's `user` and `where` (the language and the
 * row they are in) published in the language room's awareness, and in the original's so the
 * drafters see who is translating what; the people of the language room grouped by row.
 */
import { useEffect, useMemo } from 'react';
import type { Peer, PresenceUser, PresenceWhere } from '../presence/presence';
import { usePeers } from '../presence/usePeers';
import type { TranslationRooms } from './useTranslationRooms';
import type { GridRow } from './gridStore';

export function useRowPresence(rooms: TranslationRooms, user: PresenceUser, lang: string, activeRow: GridRow | null) {
  const awarenesses = useMemo(() => [rooms.target.provider.awareness, rooms.original.provider.awareness], [rooms]);

  useEffect(() => {
    for (const awareness of awarenesses) awareness.setLocalStateField('user', user);
    // The user is fixed for the page; its fields are compared, not its identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awarenesses, user.id, user.name, user.color, user.role]);

  const pid = activeRow?.pid ?? null;
  const number = activeRow?.block.number ?? null;
  const kind = activeRow?.block.type ?? null;
  useEffect(() => {
    const where: PresenceWhere = { lang, pid, number, kind };
    for (const awareness of awarenesses) awareness.setLocalStateField('where', where);
  }, [awarenesses, lang, pid, number, kind]);

  const peers = usePeers(rooms.target.provider.awareness);
  const byPid = useMemo(() => {
    const map = new Map<string, Peer[]>();
    for (const peer of peers) {
      const at = peer.where?.lang === lang ? peer.where.pid : null;
      if (!at || peer.self) continue;
      map.set(at, [...(map.get(at) ?? []), peer]);
    }
    return map;
  }, [peers, lang]);
  return { peers, byPid };
}
