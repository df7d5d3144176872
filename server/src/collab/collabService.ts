/**
 * The collaboration endpoint, independent of the socket library: admits an authenticated
 * socket into a room, keeps the index of open connections per user and report (for limits
 * and for role changes that must apply at once), and closes everything on shutdown.
 */
import type { Logger } from 'pino';
import { CloseCode } from '../../../shared/src/closeCodes';
import type { Directory } from '../storage/types';
import type { RoomRegistry } from './registry';
import { Connection, type ConnectionOptions, type RejectReason } from './connection';
import type { CollabLimits } from './limits';
import type { CollabSocket } from './socket';
import { decideRoomAccess } from './roomAccess';
import { JoinCache } from './joinCache';

export interface CollabStats {
  connectionOpened(): void;
  connectionClosed(): void;
  rejected(reason: RejectReason | 'unauthorized' | 'forbidden' | 'too_many_connections'): void;
}

/** Told who wrote what: the room, the user, and the Yjs client ids of an applied update. */
export type AuthorshipListener = (room: string, userName: string, clients: number[]) => void;

export class CollabService {
  private readonly byUser = new Map<string, Set<Connection>>();
  readonly maxConnectionsPerUser: number;
  private readonly authorship = new Set<AuthorshipListener>();
  /** Users and room decisions for bursts of joins (also what wsServer resolves tokens with). */
  readonly joins: JoinCache;

  constructor(
    private readonly storage: Directory,
    private readonly registry: RoomRegistry,
    private readonly limits: CollabLimits,
    private readonly log: Logger,
    private readonly stats?: CollabStats,
    options: { maxConnectionsPerUser?: number } = {},
  ) {
    this.maxConnectionsPerUser = options.maxConnectionsPerUser ?? 200;
    this.joins = new JoinCache(storage);
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /**
   * Decides and, when allowed, joins the room. Returns null after closing the socket with the
   * reason's code. Until this resolves nothing of the room has been sent.
   */
  async admit(socket: CollabSocket, user: { id: string; name: string } | null, roomName: string, options: ConnectionOptions = {}): Promise<Connection | null> {
    if (!user) {
      this.stats?.rejected('unauthorized');
      socket.close(CloseCode.Unauthorized, 'unknown or expired token');
      return null;
    }
    const decision = await this.joins.decide(user.id, roomName);
    if (!decision.ok) {
      this.stats?.rejected('forbidden');
      socket.close(decision.code, decision.reason);
      return null;
    }
    const mine = this.byUser.get(user.id);
    if (mine && mine.size >= this.maxConnectionsPerUser) {
      this.stats?.rejected('too_many_connections');
      socket.close(CloseCode.RateLimited, 'too many connections');
      return null;
    }
    const room = await this.registry.acquire(roomName);
    const conn = new Connection(room, socket, { userId: user.id, userName: user.name, canWrite: decision.canWrite }, this.limits, this.log, {
      onClosed: (c) => {
        this.byUser.get(c.identity.userId)?.delete(c);
        if (this.byUser.get(c.identity.userId)?.size === 0) this.byUser.delete(c.identity.userId);
        this.stats?.connectionClosed();
        this.registry.releaseIfIdle(room);
      },
      onRejected: (reason) => this.stats?.rejected(reason),
      onApplied: (c, clients) => {
        for (const listener of this.authorship) listener(c.room.name, c.identity.userName, clients);
      },
    }, options);
    let set = this.byUser.get(user.id);
    if (!set) this.byUser.set(user.id, (set = new Set()));
    set.add(conn);
    this.stats?.connectionOpened();
    conn.open();
    return conn;
  }

  /** Registers a listener for applied updates; returns its dispose. */
  onAuthored(listener: AuthorshipListener): () => void {
    this.authorship.add(listener);
    return () => this.authorship.delete(listener);
  }

  /**
   * Applies a membership change to the user's open connections of that report at once:
   * removed → closed 4403; a change of write permission → closed 4510, so that the client
   * resyncs under its new role (a promoted reader must not push what was refused before).
   */
  async refreshMember(reportId: string, userId: string): Promise<void> {
    this.joins.forgetReport(reportId);
    const conns = [...(this.byUser.get(userId) ?? [])].filter((c) => c.room.name.startsWith(`${reportId}.`));
    for (const conn of conns) {
      const decision = await decideRoomAccess(this.storage, userId, conn.room.name);
      if (!decision.ok) conn.close(CloseCode.Forbidden, decision.reason);
      else if (decision.canWrite !== conn.canWrite) {
        conn.setCanWrite(decision.canWrite);
        conn.close(CloseCode.RoleChanged, 'role changed; reconnect');
      }
    }
  }

  closeAll(code: number = CloseCode.GoingAway, reason = 'server shutting down'): void {
    for (const set of [...this.byUser.values()]) for (const conn of [...set]) conn.close(code, reason);
  }
}
