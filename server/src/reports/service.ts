/**
 * Reports: creation (records and the rooms' initial state), access checks, and reading a
 * language version back out of its room for exports and progress. Access rule for HTTP:
 * non-members get 404 (existence is not revealed), under-privileged members 403.
 */
import * as Y from 'yjs';
import { PlenaryError } from '../../../shared/src/errors';
import { REVIEW_SUFFIX, roomName, sortLanguages } from '../../../shared/src/rooms';
import type { Role } from '../../../shared/src/roles';
import type { PMDoc, ReportContent, ReportMeta } from '../../../shared/src/model/schema';
import { BODY_FRAGMENT, META_MAP, readBody, readMeta, writeBody, writeMeta } from '../../../shared/src/model/yBody';
import { listBlocks } from '../../../shared/src/model/blocks';
import { newPid } from '../../../shared/src/model/pid';
import { computeProgress, type LanguageProgress } from '../../../shared/src/model/translation';
import { parsePlainText } from '../../../shared/src/format/plainText';
import type { MemberRecord, ReportRecord, Storage, UserRecord } from '../storage/types';
import type { RoomRegistry } from '../collab/registry';
import type { Room } from '../collab/room';
import { newId } from './ids';
import { readSettings, SETTINGS_MAP, type ReportSettings } from '../../../shared/src/model/settings';

export interface CreateReportInput {
  title: string;
  originalLanguage: string;
  languages: string[];
  symbol?: string;
  text?: string;
  /** An already parsed body (DOCX or Markdown import). */
  content?: ReportContent;
}

export interface Access {
  report: ReportRecord;
  member: MemberRecord;
}

export function reportRooms(report: Pick<ReportRecord, 'id' | 'originalLanguage' | 'languages'>): string[] {
  return [
    roomName(report.id, report.originalLanguage),
    ...report.languages.map((l) => roomName(report.id, l)),
    roomName(report.id, REVIEW_SUFFIX),
  ];
}

export function blankBody(): PMDoc {
  return { type: 'doc', content: [{ type: 'paragraph', attrs: { pid: newPid(), numbered: true } }] };
}

export class ReportService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
  ) {}

  async create(user: UserRecord, input: CreateReportInput): Promise<{ id: string; rooms: string[] }> {
    const content: ReportContent = input.content ?? (input.text !== undefined ? parsePlainText(input.text) : { meta: {}, body: blankBody() });
    if (content.body.content.length === 0) content.body = blankBody();
    const languages = sortLanguages(input.languages.filter((l) => l !== input.originalLanguage));
    const meta: ReportMeta = {
      ...content.meta,
      title: input.title || content.meta.title || 'Untitled report',
      originalLanguage: input.originalLanguage,
      ...(input.symbol ? { symbol: input.symbol } : {}),
    };
    const report: ReportRecord = {
      id: newId(),
      title: (input.title || meta.title || 'Untitled report').replace(/\s+/g, ' ').trim(),
      symbol: input.symbol ?? meta.symbol ?? '',
      originalLanguage: input.originalLanguage,
      languages,
      createdBy: user.id,
      createdAt: Date.now(),
    };

    const doc = new Y.Doc();
    doc.transact(() => {
      writeMeta(doc.getMap(META_MAP), meta);
      writeBody(doc.getXmlFragment(BODY_FRAGMENT), content.body);
    });
    const initial = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    // The room state first: a report record never points at rooms that lack their content.
    await this.storage.appendUpdates([{ room: roomName(report.id, report.originalLanguage), update: initial }]);
    await this.storage.createReport(report);
    return { id: report.id, rooms: reportRooms(report) };
  }

  /** The caller's access to a report; 404 for outsiders and for reports that do not exist. */
  async access(reportId: string, user: UserRecord, ...allowed: Role[]): Promise<Access> {
    const report = await this.storage.getReport(reportId);
    const member = report ? await this.storage.getMember(reportId, user.id) : null;
    if (!report || !member) throw new PlenaryError('not_found', 'no such report');
    if (allowed.length > 0 && !allowed.includes(member.role)) {
      throw new PlenaryError('forbidden', `this needs one of the roles: ${allowed.join(', ')}`);
    }
    return { report, member };
  }

  /** Runs `fn` with a live room of the report held (review-room import and export, issue 13). */
  withRoom<T>(name: string, fn: (room: Room) => Promise<T> | T): Promise<T> {
    return this.registry.withRoom(name, fn);
  }

  /** Reads the original (or, for a target language, the original's structure) from its room. */
  async readOriginal(report: ReportRecord): Promise<ReportContent> {
    return this.registry.withRoom(roomName(report.id, report.originalLanguage), (room) => ({
      meta: readMeta(room.doc.getMap(META_MAP)),
      body: readBody(room.doc.getXmlFragment(BODY_FRAGMENT)),
    }));
  }

  /** The report's settings (word limit, frozen numbering), from its original room. */
  async settings(report: ReportRecord): Promise<ReportSettings> {
    return this.registry.withRoom(roomName(report.id, report.originalLanguage), (room) => readSettings(room.doc.getMap(SETTINGS_MAP)));
  }

  /** The body of an original room's document. */
  bodyOf(doc: Y.Doc): PMDoc {
    return readBody(doc.getXmlFragment(BODY_FRAGMENT));
  }

  async progress(report: ReportRecord): Promise<Record<string, LanguageProgress>> {
    const original = await this.readOriginal(report);
    const blocks = listBlocks(original.body);
    const progress: Record<string, LanguageProgress> = {};
    for (const lang of report.languages) {
      progress[lang] = await this.registry.withRoom(roomName(report.id, lang), (room) => computeProgress(blocks, room.doc));
    }
    return progress;
  }

  async detail(access: Access) {
    const { report, member } = access;
    const [members, original, progress] = await Promise.all([
      this.storage.listMembers(report.id),
      this.readOriginal(report),
      this.progress(report),
    ]);
    return {
      id: report.id,
      title: report.title,
      symbol: report.symbol,
      originalLanguage: report.originalLanguage,
      languages: report.languages,
      createdAt: report.createdAt,
      rooms: reportRooms(report),
      meta: original.meta,
      role: member.role,
      myLanguages: member.languages,
      members: members.map((m) => ({ userId: m.userId, name: m.userName, role: m.role, languages: m.languages })),
      progress,
    };
  }
}
