/**
 * A client's update can wait in the doc for content this instance has not received yet (the
 * client got it from another instance). When that content arrives from the pub/sub or the
 * catch-up, Yjs integrates the waiting update inside the remote transaction: its 'update'
 * then carries client content nobody stored. This tracker tells such a remote transaction
 * apart, so the room sends it through the durable path ([R1]); storing and publishing remote
 * content again is harmless (Yjs applies it idempotently).
 */
import type * as Y from 'yjs';

const CLIENT_UPDATE_WAITING = Symbol('client update waiting');

export class WaitingClientUpdates {
  private waiting = false;

  constructor(
    /** Origins whose transactions never carry client content (the load; remote ones). */
    private readonly ignored: unknown,
    private readonly remote: unknown,
    /** Whether the doc holds structs or deletions waiting for missing dependencies. */
    private readonly waitsForMissing: () => boolean,
  ) {}

  attach(doc: Y.Doc): void {
    doc.on('beforeTransaction', this.note);
    doc.on('afterTransactionCleanup', this.track);
  }

  detach(doc: Y.Doc): void {
    doc.off('beforeTransaction', this.note);
    doc.off('afterTransactionCleanup', this.track);
  }

  /** Whether `tr` (a remote one) may have integrated a waiting client update. */
  mayCarryClientContent(tr: Y.Transaction): boolean {
    return tr.meta.get(CLIENT_UPDATE_WAITING) === true;
  }

  private readonly note = (tr: Y.Transaction): void => {
    tr.meta.set(CLIENT_UPDATE_WAITING, this.waiting);
  };

  private readonly track = (tr: Y.Transaction): void => {
    if (tr.origin === this.ignored) return;
    const waits = this.waitsForMissing();
    this.waiting = tr.origin === this.remote ? this.waiting && waits : this.waiting || waits;
  };
}
