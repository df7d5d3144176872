/**
 * Join-time lookups shared by a burst of connections: who a token's user is, and what a user
 * may do in a room (roomAccess.ts). A page opening a report opens several rooms at once, and
 * a crowd joining one room asks the same questions; each answer is kept `ttlMs` (concurrent
 * askers share one lookup) and dropped at once when a membership of the report changes
 * (CollabService.refreshMember), so a removed member is never admitted from the cache.
 */
import type { Directory, UserRecord } from '../storage/types';
import { decideRoomAccess, type AccessDecision } from './roomAccess';

export const JOIN_CACHE_TTL_MS = 2000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export class JoinCache {
  private readonly users = new Map<string, Entry<UserRecord | null>>();
  private readonly decisions = new Map<string, Entry<AccessDecision>>();

  constructor(
    private readonly storage: Directory,
    private readonly ttlMs = JOIN_CACHE_TTL_MS,
  ) {}

  user(id: string): Promise<UserRecord | null> {
    return this.cached(this.users, id, () => this.storage.getUserById(id));
  }

  decide(userId: string, room: string): Promise<AccessDecision> {
    return this.cached(this.decisions, `${userId} ${room}`, () => decideRoomAccess(this.storage, userId, room));
  }

  /** A membership of `reportId` changed: forget every decision about the report's rooms. */
  forgetReport(reportId: string): void {
    for (const key of this.decisions.keys()) if (key.slice(key.indexOf(' ') + 1).startsWith(`${reportId}.`)) this.decisions.delete(key);
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = map.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (map.size > 10_000) this.sweep(map, now);
    const value = load();
    const entry = { at: now, value };
    map.set(key, entry);
    value.catch(() => map.get(key) === entry && map.delete(key));
    return value;
  }

  private sweep<T>(map: Map<string, Entry<T>>, now: number): void {
    for (const [key, entry] of map) if (now - entry.at >= this.ttlMs) map.delete(key);
  }
}
