/**
 * Bounds what a room keeps of updates waiting for missing dependencies (Yjs's pendingStructs
 * and pendingDs). A client's update whose dependencies do not arrive within the same sync —
 * `pendingTimeoutMs`, or at once when over the count or byte bound — is dropped, with a log
 * line and a metric, and the connection that sent it is closed 4509 (a 45xx code: y-websocket clients reconnect) so that it resyncs:
 * on reconnect it sends everything the server lacks, dependencies first.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode } from '../../../shared/src/closeCodes';

export interface PendingBounds {
  maxPendingStructs: number;
  maxPendingBytes: number;
  pendingTimeoutMs: number;
}

/** Who sent what is pending: closed with Resync when it is dropped (a Peer). */
export interface PendingOwner {
  readonly userId: string;
  close(code: number, reason: string): void;
}

/** Yjs keeps what is pending encoded in the v2 format; sized only when under the byte bound. */
function pendingSize(doc: Y.Doc, maxBytes: number): { structs: number; bytes: number } | null {
  const { pendingStructs, pendingDs } = doc.store;
  if (!pendingStructs && !pendingDs) return null;
  const parts = [pendingStructs?.update, pendingDs].filter((u): u is Uint8Array => !!u);
  const bytes = parts.reduce((n, u) => n + u.length, 0);
  if (bytes > maxBytes) return { structs: Infinity, bytes };
  let structs = 0;
  for (const u of parts) {
    const decoded = Y.decodeUpdateV2(u);
    structs += decoded.structs.length;
    for (const ranges of decoded.ds.clients.values()) structs += ranges.length;
  }
  return { structs, bytes };
}

export class PendingGuard {
  private timer: NodeJS.Timeout | null = null;
  private readonly owners = new Set<PendingOwner>();

  constructor(
    private readonly room: string,
    private readonly bounds: PendingBounds,
    private readonly log: Logger,
    private readonly onDropped?: () => void,
  ) {}

  /**
   * Checks `doc` after `owner`'s update was applied; `needs` (validateUpdate) tells whether
   * part of that update is among what waits — only then is `owner` told to resync.
   */
  check(doc: Y.Doc, owner: PendingOwner, needs: ReadonlyMap<number, number>): void {
    const size = pendingSize(doc, this.bounds.maxPendingBytes);
    if (!size) return this.clear();
    for (const [client, end] of needs) {
      if (Y.getState(doc.store, client) < end) {
        this.owners.add(owner);
        break;
      }
    }
    if (size.structs > this.bounds.maxPendingStructs || size.bytes > this.bounds.maxPendingBytes) return this.drop(doc, 'over bound');
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (doc.store.pendingStructs || doc.store.pendingDs) this.drop(doc, 'dependencies never arrived');
        else this.clear();
      }, this.bounds.pendingTimeoutMs);
      this.timer.unref();
    }
  }

  private drop(doc: Y.Doc, why: string): void {
    const bytes = (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    const owners = [...this.owners];
    this.clear();
    this.log.warn({ room: this.room, users: owners.map((o) => o.userId), bytes, why }, 'dropped updates waiting for missing dependencies');
    this.onDropped?.();
    for (const o of owners) o.close(CloseCode.Resync, 'updates without their dependencies; resync');
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.owners.clear();
  }

  dispose(): void {
    this.clear();
  }
}
