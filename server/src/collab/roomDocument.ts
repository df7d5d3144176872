/**
 * A room's Y.Doc, kept live while it is used and hibernated to its encoded state when idle.
 *
 * A loaded Y.Doc costs about 4.5× its encoded state (an object per item, per type, per
 * attribute); a room whose people are connected but not typing needs none of it. After
 * `idleMs` without a use of `doc`, and when the room says nothing is in flight, the doc is
 * encoded (Y.encodeStateAsUpdate, 1× the state) and dropped. Reading `doc` wakes it
 * synchronously (applying the encoded state to a fresh doc: ~25–40 ms for a 500-paragraph
 * report). A joining client's sync is answered from the encoded state without waking
 * (`stateVector`, `diff`), so opening an idle report costs no rebuild.
 *
 * Invariant: the encoded state is taken only when every update applied to the doc is durable
 * (the room's `canSleep`), so what a dormant room serves is what storage holds (docs/PROTOCOL.md [R16]).
 */
import * as Y from 'yjs';
import { serverDoc } from './serverDoc';

export interface RoomDocumentHooks {
  /** Hibernate after this long without a use of `doc`; 0 never does. */
  idleMs: number;
  /** Whether nothing is in flight (writes, compaction, catch-up) that needs the live doc. */
  canSleep(): boolean;
  /** A doc has come alive (after load or wake): attach listeners. Runs before `doc` returns. */
  onWake(doc: Y.Doc): void;
  /** The doc is about to be dropped: detach what onWake attached. */
  onSleep(doc: Y.Doc): void;
}

export class RoomDocument {
  private live: Y.Doc | null = serverDoc();
  private dormant: Uint8Array | null = null;
  private lastUsed = performance.now();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The encoded full state while the doc is unchanged (joiners with an empty state vector). */
  private fullState: Uint8Array | null = null;
  private encodedStateVector: Uint8Array | null = null;

  constructor(private readonly hooks: RoomDocumentHooks) {}

  /**
   * The live doc; wakes a dormant room. After destroy it stays readable, as a destroyed Y.Doc
   * is (a late reader sees the last state; nothing it writes is stored or relayed).
   */
  get doc(): Y.Doc {
    this.lastUsed = performance.now();
    if (this.live) return this.live;
    const doc = serverDoc();
    Y.applyUpdate(doc, this.dormant!);
    this.live = doc;
    this.dormant = null;
    if (this.closed) return doc;
    this.hooks.onWake(doc);
    this.armTimer(this.hooks.idleMs);
    return doc;
  }

  /** The live doc without waking it (null while dormant). */
  get awake(): Y.Doc | null {
    return this.live;
  }

  get isDormant(): boolean {
    return this.live === null;
  }

  /** Whether the live doc holds updates waiting for missing dependencies (a dormant one holds none). */
  waitsForMissing(): boolean {
    return !!this.live && !!(this.live.store.pendingStructs || this.live.store.pendingDs);
  }

  /** The doc changed: drop what was encoded from it. The room calls this on every update. */
  changed(): void {
    this.fullState = null;
    this.encodedStateVector = null;
  }

  /** The state vector, from the live doc or the encoded state (cached while unchanged). */
  stateVector(): Uint8Array {
    return (this.encodedStateVector ??= this.live ? Y.encodeStateVector(this.live) : Y.encodeStateVectorFromUpdate(this.dormant!));
  }

  /**
   * What a client with `stateVector` lacks (everything without one). The full state is
   * encoded once while the doc is unchanged, so N clients joining at once cost one encode.
   */
  diff(stateVector?: Uint8Array): Uint8Array {
    const everything = !stateVector || (stateVector.length === 1 && stateVector[0] === 0);
    if (!this.live) return everything ? this.dormant! : Y.diffUpdate(this.dormant!, stateVector);
    if (everything) return (this.fullState ??= Y.encodeStateAsUpdate(this.live));
    return Y.encodeStateAsUpdate(this.live, stateVector);
  }

  /**
   * Drops the doc for an empty live one: a load from storage that must start over. The caller
   * has detached its listeners from the old doc and attaches them to the new one.
   */
  fresh(): Y.Doc {
    this.live?.destroy();
    this.dormant = null;
    this.changed();
    this.live = serverDoc();
    this.lastUsed = performance.now();
    return this.live;
  }

  /** Swaps in a doc built elsewhere (a reload from storage); returns it. */
  replace(doc: Y.Doc): Y.Doc {
    this.live?.destroy();
    this.dormant = null;
    this.changed();
    this.live = doc;
    this.lastUsed = performance.now();
    return doc;
  }

  /** Starts the idle clock: called once the room has loaded and attached its listeners. */
  start(): void {
    this.armTimer(this.hooks.idleMs);
  }

  destroy(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.live?.destroy();
  }

  private armTimer(ms: number): void {
    if (this.hooks.idleMs <= 0 || this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sleepIfIdle();
    }, ms);
    this.timer.unref();
  }

  private sleepIfIdle(): void {
    if (!this.live || this.closed) return;
    const idleFor = performance.now() - this.lastUsed;
    if (idleFor < this.hooks.idleMs) return this.armTimer(this.hooks.idleMs - idleFor);
    const doc = this.live;
    // Updates still waiting for missing ones are part of the state but not yet integrated.
    if (!this.hooks.canSleep() || doc.store.pendingStructs || doc.store.pendingDs) return this.armTimer(this.hooks.idleMs);
    this.dormant = Y.encodeStateAsUpdate(doc);
    this.hooks.onSleep(doc);
    this.live = null;
    doc.destroy();
  }
}
