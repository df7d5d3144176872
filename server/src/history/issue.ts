/**
 * Issuing a revision or a corrigendum from a version (POST /api/reports/:id/issue):
 * - `rev`: a new report `<symbol>/Rev.N` holding every language room as it was at the version
 *   (texts, statuses and settings carried), its masthead symbol updated in every language;
 * - `corr`: a new report `<symbol>/Corr.N` listing, per language, the paragraphs changed since
 *   the version in UN corrigendum form (shared/src/history/corrigendum.ts), applying to the
 *   languages whose text changed.
 * Both link the two reports both ways (settings `issuedFrom` / `issued`) and record a named
 * version on each side, so each history says where the other came from.
 */
import * as Y from 'yjs';
import { PlenaryError } from '../../../shared/src/errors';
import { languageName, roomName } from '../../../shared/src/rooms';
import { META_MAP } from '../../../shared/src/model/yBody';
import { SETTINGS_MAP, readIssueLinks, type IssueLink } from '../../../shared/src/model/settings';
import type { PMBlock, ReportContent } from '../../../shared/src/model/schema';
import { headingNode, paragraphNode } from '../../../shared/src/format/nodes';
import { nextIssueSymbol, symbolProblem } from '../../../shared/src/symbols/grammar';
import { corrigendumItems } from '../../../shared/src/history/corrigendum';
import type { ReportRecord, Storage, UserRecord } from '../storage/types';
import type { RoomRegistry } from '../collab/registry';
import type { ReportService } from '../reports/service';
import { newId } from '../reports/ids';
import type { VersionService } from './service';

export type IssueKind = 'rev' | 'corr';

export interface IssueResult {
  id: string;
  symbol: string;
  /** Languages whose text the corrigendum corrects (every language for a revision). */
  appliesTo: string[];
}

const text = (s: string) => [{ type: 'text' as const, text: s }];

export class IssueService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    private readonly reports: ReportService,
    private readonly versions: VersionService,
  ) {}

  async issue(report: ReportRecord, user: UserRecord, kind: IssueKind, fromVersion: number): Promise<IssueResult> {
    const version = await this.versions.get(report, fromVersion);
    const original = await this.reports.readOriginal(report);
    const base = (original.meta.symbol || report.symbol || '').trim();
    if (!base) throw new PlenaryError('bad_request', 'the report needs a document symbol before a revision or corrigendum can be issued');
    const problem = symbolProblem(base);
    if (problem) throw new PlenaryError('bad_request', `the report's symbol is malformed: ${problem}`);
    const taken = new Set((await this.storage.listReportsForUser(user.id)).map((r) => r.symbol));
    const symbol = nextIssueSymbol(base, kind, taken);
    const result = kind === 'rev' ? await this.revision(report, user, version.id, symbol, base) : await this.corrigendum(report, user, version.id, symbol, original);
    const link: IssueLink = { id: result.id, symbol, kind, fromVersion: version.id };
    await this.registry.withRoom(roomName(report.id, report.originalLanguage), (room) =>
      room.change((doc) => {
        const settings = doc.getMap<unknown>(SETTINGS_MAP);
        settings.set('issued', [...readIssueLinks(settings).issued, link]);
      }),
    );
    const issuedReport = await this.storage.getReport(result.id);
    await this.versions.create(report, `Issued ${symbol} from version ${version.id}`, false, user.name);
    if (issuedReport) await this.versions.create(issuedReport, `Issued from ${base}, version ${version.id}`, false, user.name);
    return result;
  }

  private async revision(report: ReportRecord, user: UserRecord, versionId: number, symbol: string, base: string): Promise<IssueResult> {
    const version = await this.versions.get(report, versionId);
    const id = newId();
    const languages = [report.originalLanguage, ...report.languages];
    const entries = [];
    for (const lang of languages) {
      const doc = new Y.Doc();
      const state = await this.versions.roomState(version, roomName(report.id, lang));
      if (state) Y.applyUpdate(doc, state);
      doc.transact(() => {
        doc.getMap(META_MAP).set('symbol', symbol);
        if (lang === report.originalLanguage) {
          const settings = doc.getMap<unknown>(SETTINGS_MAP);
          settings.delete('issued');
          settings.set('issuedFrom', { id: report.id, symbol: base, kind: 'rev', fromVersion: versionId } satisfies IssueLink);
        }
      });
      entries.push({ room: roomName(id, lang), update: Y.encodeStateAsUpdate(doc) });
      doc.destroy();
    }
    await this.storage.appendUpdates(entries);
    await this.storage.createReport({ id, title: report.title, symbol, originalLanguage: report.originalLanguage, languages: report.languages, createdBy: user.id, createdAt: Date.now() });
    for (const m of await this.storage.listMembers(report.id)) {
      if (m.userId !== user.id) await this.storage.setMember(id, m.userId, m.role, m.languages);
    }
    return { id, symbol, appliesTo: languages };
  }

  private async corrigendum(report: ReportRecord, user: UserRecord, versionId: number, symbol: string, original: ReportContent): Promise<IssueResult> {
    const sections: { lang: string; items: string[] }[] = [];
    for (const lang of [report.originalLanguage, ...report.languages]) {
      const diff = await this.versions.diff(report, versionId, lang);
      const items = corrigendumItems(diff.changes, lang);
      if (items.length) sections.push({ lang, items });
    }
    if (sections.length === 0) throw new PlenaryError('bad_request', `no text has changed since version ${versionId}: there is nothing to correct`);
    const appliesTo = sections.map((s) => s.lang);
    const body: PMBlock[] = [
      paragraphNode(text('Corrigendum'), false),
      paragraphNode(text(`Applies to: ${appliesTo.map(languageName).join(', ')}`), false),
    ];
    for (const section of sections) {
      body.push(headingNode(text(languageName(section.lang)), 2));
      for (const item of section.items) body.push(paragraphNode(text(item), false));
    }
    const { id } = await this.reports.create(user, {
      title: report.title,
      originalLanguage: report.originalLanguage,
      languages: report.languages,
      symbol,
      content: { meta: { ...original.meta, symbol, subtitle: 'Corrigendum', date: new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) }, body: { type: 'doc', content: body } },
    });
    await this.registry.withRoom(roomName(id, report.originalLanguage), (room) =>
      room.change((doc) => doc.getMap<unknown>(SETTINGS_MAP).set('issuedFrom', { id: report.id, symbol: original.meta.symbol ?? report.symbol, kind: 'corr', fromVersion: versionId } satisfies IssueLink)),
    );
    for (const m of await this.storage.listMembers(report.id)) {
      if (m.userId !== user.id) await this.storage.setMember(id, m.userId, m.role, m.languages);
    }
    return { id, symbol, appliesTo };
  }
}
