/**
 * Durable SQLite commits without blocking the event loop (PLENARY_SQLITE_SYNC=FULL, the
 * default). The connection runs WAL with `synchronous=NORMAL`: a commit appends its frames to
 * the WAL without an fsync. Then `durable()` fdatasyncs the WAL file on libuv's thread pool
 * and resolves once a sync that began after the commit has finished — so a write call
 * resolves only when its transaction is on disk, as with `synchronous=FULL`.
 *
 * Why that is as durable: SQLite recovers a WAL frame by frame with cumulative checksums and
 * keeps every transaction whose frames are all on disk; the WAL is appended in commit order,
 * so one fdatasync covers every commit written before it began. Checkpoints stay SQLite's:
 * with `NORMAL` it syncs the WAL before and the database after each checkpoint. Commits that
 * overlap an fsync in flight share the next one (a group commit of fsyncs).
 *
 * What differs from `synchronous=FULL`: between the commit and the sync, another reader on
 * this connection can see the row; nothing in Plenary acknowledges or relays it before
 * `durable()` resolves.
 */
import fs from 'node:fs';
import { dirname } from 'node:path';

export interface WalSyncStats {
  commits: number;
  syncs: number;
}

/**
 * The WAL's file descriptor is opened once: SQLite keeps the WAL file (same inode) while any
 * connection to the database is open, and ours stays open until close().
 */
export class WalSync {
  /** Opened at the first sync: SQLite creates the WAL with the first write. */
  private fd = -1;
  private written = 0;
  private synced = 0;
  private running: Promise<void> | null = null;
  private syncs = 0;
  private closed = false;

  constructor(private readonly walPath: string) {}

  /** Opens the WAL and makes its directory entry durable (once). */
  private open(): void {
    this.fd = fs.openSync(this.walPath, 'r+');
    const dir = fs.openSync(dirname(this.walPath), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }

  /** A transaction was committed; resolves once it is on disk. */
  durable(): Promise<void> {
    const mine = ++this.written;
    return this.waitFor(mine);
  }

  get stats(): WalSyncStats {
    return { commits: this.written, syncs: this.syncs };
  }

  /** Waits for syncs in flight, then closes the descriptor. */
  async close(): Promise<void> {
    await this.running?.catch(() => {});
    if (this.closed) return;
    this.closed = true;
    if (this.fd >= 0) fs.closeSync(this.fd);
  }

  private async waitFor(commit: number): Promise<void> {
    while (this.synced < commit) {
      // A sync in flight may have begun before this commit: wait for it, then start the next.
      this.running ??= this.syncNow().finally(() => (this.running = null));
      await this.running;
    }
  }

  private syncNow(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('storage closed'));
    if (this.fd < 0) this.open();
    const upto = this.written;
    return new Promise((resolve, reject) => {
      fs.fdatasync(this.fd, (err) => {
        if (err) return reject(err);
        this.syncs++;
        this.synced = Math.max(this.synced, upto);
        resolve();
      });
    });
  }
}
