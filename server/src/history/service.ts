/**
 * Versions of a report: named or automatic snapshots of every room, paragraph-level diffs
 * (by pid, with word changes and authors) and restore as a new change. Automatic versions
 * come after a burst of activity: a report edited since its last version gets one once the
 * last version is `autoEveryMs` old.
 */
import * as Y from 'yjs';
import { PlenaryError } from '../../../shared/src/errors';
import { roomName, REVIEW_SUFFIX } from '../../../shared/src/rooms';
import type { BlockInfo } from '../../../shared/src/model/schema';
import { BODY_FRAGMENT, META_MAP, readBody, readMeta, writeMeta } from '../../../shared/src/model/yBody';
import { listBlocks } from '../../../shared/src/model/blocks';
import { fragmentText, segmentsMap, statusMap } from '../../../shared/src/model/translation';
import { diffBlocks, type BlockChange } from '../../../shared/src/history/blockDiff';
import type { Logger } from '../log';
import type { ReportRecord, Storage } from '../storage/types';
import type { RoomRegistry } from '../collab/registry';
import { reportRooms } from '../reports/service';
import type { HistoryStore, VersionRecord } from './store';
import { restoreBody } from './restore';

export interface DiffResult {
  from: number;
  to: number | 'current';
  lang: string;
  changes: BlockChange[];
}

/** A read-only Y.Doc per room, either live (current) or rebuilt from a version's state. */
type DocSource = (room: string) => Promise<Y.Doc | null>;

export class VersionService {
  private readonly lastActivity = new Map<string, number>();
  private readonly knownAuthors = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: HistoryStore,
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    private readonly log: Logger,
    private readonly autoEveryMs = 10 * 60 * 1000,
  ) {}

  /** Starts automatic versions; returns the dispose. */
  startAutoVersions(checkEveryMs = 60_000): () => void {
    this.timer = setInterval(() => void this.autoVersions().catch((err) => this.log.warn({ err }, 'automatic version failed')), checkEveryMs);
    this.timer.unref();
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    };
  }

  /** Authorship listener (CollabService.onAuthored): remembers writers, notes activity. */
  readonly noteAuthored = (room: string, userName: string, clients: number[]): void => {
    this.lastActivity.set(room.slice(0, room.lastIndexOf('.')), Date.now());
    const fresh = clients.filter((c) => !this.knownAuthors.has(`${room}:${c}`));
    if (fresh.length === 0) return;
    for (const c of fresh) this.knownAuthors.add(`${room}:${c}`);
    void this.store
      .recordAuthors(room, fresh.map((clientId) => ({ clientId, userName })))
      .catch((err) => this.log.warn({ err, room }, 'could not record authors'));
  };

  async autoVersions(now = Date.now()): Promise<number> {
    let created = 0;
    for (const [reportId, at] of [...this.lastActivity]) {
      const report = await this.storage.getReport(reportId);
      if (!report) {
        this.lastActivity.delete(reportId);
        continue;
      }
      const [latest] = await this.store.listVersions(reportId);
      if (latest && (latest.createdAt >= at || now - latest.createdAt < this.autoEveryMs)) continue;
      await this.create(report, `Automatic — ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC`, true, 'Plenary');
      this.lastActivity.delete(reportId);
      created++;
    }
    return created;
  }

  async create(report: ReportRecord, label: string, auto: boolean, createdBy: string): Promise<VersionRecord> {
    const states = [];
    for (const room of reportRooms(report)) {
      const state = await this.registry.withRoom(room, async (r) => {
        await r.flushed();
        return Y.encodeStateAsUpdate(r.doc);
      });
      states.push({ room, state });
    }
    return this.store.createVersion({ reportId: report.id, label, auto, createdBy, createdAt: Date.now() }, states);
  }

  list(report: ReportRecord): Promise<VersionRecord[]> {
    return this.store.listVersions(report.id);
  }

  async get(report: ReportRecord, id: number): Promise<VersionRecord> {
    const v = Number.isInteger(id) ? await this.store.getVersion(report.id, id) : null;
    if (!v) throw new PlenaryError('not_found', `no version ${id} of this report`);
    return v;
  }

  /** The Yjs state of one room as it was at a version (null when the version lacks the room). */
  roomState(version: VersionRecord, room: string): Promise<Uint8Array | null> {
    return this.store.versionState(version.id, room);
  }

  private versionDocs(version: VersionRecord): DocSource {
    return async (room) => {
      const state = await this.store.versionState(version.id, room);
      if (!state) return null;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return doc;
    };
  }

  private currentDocs(): DocSource {
    return (room) =>
      this.registry.withRoom(room, async (r) => {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(r.doc));
        return copy;
      });
  }

  /** The blocks of one language version as diffed: the original's order, that language's text. */
  private async blocksOf(report: ReportRecord, lang: string, docs: DocSource): Promise<{ blocks: BlockInfo[]; doc: Y.Doc | null }> {
    const original = await docs(roomName(report.id, report.originalLanguage));
    const blocks = original ? listBlocks(readBody(original.getXmlFragment(BODY_FRAGMENT))) : [];
    if (lang === report.originalLanguage) return { blocks, doc: original };
    const langDoc = await docs(roomName(report.id, lang));
    const segments = langDoc ? segmentsMap(langDoc) : null;
    return {
      blocks: blocks.map((b) => ({ ...b, text: fragmentText(segments?.get(b.pid)) })).filter((b) => segments?.has(b.pid)),
      doc: langDoc,
    };
  }

  async diff(report: ReportRecord, fromId: number, lang: string, toId?: number): Promise<DiffResult> {
    this.checkLanguage(report, lang);
    const from = await this.get(report, fromId);
    const to = toId === undefined ? null : await this.get(report, toId);
    const before = await this.blocksOf(report, lang, this.versionDocs(from));
    const after = await this.blocksOf(report, lang, to ? this.versionDocs(to) : this.currentDocs());
    const changes = diffBlocks(before.blocks, after.blocks);
    if (after.doc && before.doc) {
      const authors = await this.store.authors(roomName(report.id, lang));
      const since = Y.decodeStateVector(Y.encodeStateVector(before.doc));
      for (const change of changes) {
        if (change.kind === 'removed') continue;
        const names = authorsOf(findBlock(after.doc, lang === report.originalLanguage, change.pid), since, authors);
        if (names.length) change.authors = names;
      }
    }
    return { from: from.id, to: to ? to.id : 'current', lang, changes };
  }

  /** Restores `lang` (or, without it, every room the caller may write) to a version, as a new change. */
  async restore(report: ReportRecord, versionId: number, rooms: string[]): Promise<{ restored: string[] }> {
    const version = await this.get(report, versionId);
    const docs = this.versionDocs(version);
    const restored: string[] = [];
    for (const room of rooms) {
      if (room.endsWith(`.${REVIEW_SUFFIX}`)) continue; // comments are never rolled back
      const old = await docs(room);
      if (!old) continue;
      await this.registry.withRoom(room, (r) =>
        r.change((doc) => {
          writeMeta(doc.getMap(META_MAP), readMeta(old.getMap(META_MAP)));
          if (room === roomName(report.id, report.originalLanguage)) {
            restoreBody(doc.getXmlFragment(BODY_FRAGMENT), readBody(old.getXmlFragment(BODY_FRAGMENT)));
          } else {
            restoreMap(segmentsMap(doc) as Y.Map<unknown>, segmentsMap(old) as Y.Map<unknown>, (frag) => (frag as Y.XmlFragment).clone());
            restoreMap(statusMap(doc) as Y.Map<unknown>, statusMap(old) as Y.Map<unknown>, (v) => v);
          }
        }),
      );
      restored.push(room);
    }
    return { restored };
  }

  private checkLanguage(report: ReportRecord, lang: string): void {
    if (lang !== report.originalLanguage && !report.languages.includes(lang)) {
      throw new PlenaryError('bad_request', `not a language of this report: ${lang}`);
    }
  }
}

/** Sets every key of `target` to the old value where it differs; deletes keys added since. */
function restoreMap(target: Y.Map<unknown>, old: Y.Map<unknown>, copy: (v: unknown) => unknown): void {
  const same = (a: unknown, b: unknown) =>
    a instanceof Y.XmlFragment && b instanceof Y.XmlFragment ? a.toString() === b.toString() : JSON.stringify(a) === JSON.stringify(b);
  for (const key of [...target.keys()]) if (!old.has(key)) target.delete(key);
  for (const [key, value] of old) if (!same(target.get(key), value)) target.set(key, copy(value));
}

function findBlock(doc: Y.Doc, isOriginal: boolean, pid: string): Y.XmlElement | Y.XmlFragment | null {
  if (!isOriginal) return segmentsMap(doc).get(pid) ?? null;
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlElement | null => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.getAttribute('pid') === pid) return child;
      const inner = walk(child);
      if (inner) return inner;
    }
    return null;
  };
  return walk(doc.getXmlFragment(BODY_FRAGMENT));
}

/** Users whose live insertions in `node` are newer than `since`. */
function authorsOf(node: Y.XmlElement | Y.XmlFragment | null, since: Map<number, number>, authors: Map<number, string>): string[] {
  if (!node) return [];
  const clients = new Set<number>();
  const visit = (type: Y.AbstractType<unknown>) => {
    for (let item = type._start; item; item = item.right) {
      if (item.deleted) continue;
      if (item.id.clock >= (since.get(item.id.client) ?? 0)) clients.add(item.id.client);
      const content = item.content as { type?: Y.AbstractType<unknown> };
      if (content.type) visit(content.type);
    }
  };
  visit(node as Y.AbstractType<unknown>);
  return [...new Set([...clients].map((c) => authors.get(c)).filter((n): n is string => !!n))].sort();
}
