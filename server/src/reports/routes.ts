/** The reports API: create, list, detail with progress, members, import and export of language versions (docs/PROTOCOL.md §10). */
import express, { Router } from 'express';
import { parseMarkdown } from '../../../shared/src/format/markdown';
import type { ReportContent } from '../../../shared/src/model/schema';
import { parseDocx } from '../import/docx';
import { PlenaryError } from '../../../shared/src/errors';
import { canWriteRoom } from '../../../shared/src/roles';
import {
  CreateReportRequest, EXPORT_FORMATS, type ExportFormat, type MembersResponse, PutMemberRequest, type ReportListResponse,
} from '../../../shared/src/api';
import { reportIdParam } from './ids';
import type { Directory } from '../storage/types';
import { BRACKET_MODES, type BracketMode } from '../../../shared/src/format/brackets';
import { reportSettingsRoutes, type SettingsRouteDeps } from './settingsRoutes';
import type { CollabService } from '../collab/collabService';
import { exportReport } from '../export/exportReport';
import { importTranslation } from '../translation/importTranslation';
import { importSuggestions } from '../import/importSuggestions';

/** Markdown or DOCX (base64) into the document model; plain text is parsed by the service. */
async function parseReportFile(format: 'md' | 'docx', text: string): Promise<ReportContent> {
  if (format === 'md') return parseMarkdown(text);
  return parseDocx(Buffer.from(text, 'base64'));
}

/** `brackets=keep|strip|drop` (default keep): how exports print square-bracketed text. */
function bracketMode(value: unknown): BracketMode {
  if (value === undefined) return 'keep';
  if (typeof value === 'string' && (BRACKET_MODES as readonly string[]).includes(value)) return value as BracketMode;
  throw new PlenaryError('bad_request', `brackets must be one of ${BRACKET_MODES.join(', ')}`);
}

export interface ReportRouteDeps extends SettingsRouteDeps {
  storage: Directory;
  collab: CollabService;
}

export function reportRoutes(deps: ReportRouteDeps): Router {
  const { storage, reports, sessions, collab, translations } = deps;
  const router = Router();
  router.use('/:id', reportSettingsRoutes(deps));

  router.post('/', async (req, res) => {
    const user = await sessions.require(req);
    const { format, text, ...input } = CreateReportRequest.parse(req.body);
    const content = text === undefined || format === 'txt' ? undefined : await parseReportFile(format, text);
    const created = await reports.create(user, { ...input, ...(content ? { content } : { text }) });
    res.status(201).json(created);
  });

  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    const list = await storage.listReportsForUser(user.id);
    res.json({
      reports: list.map((r) => ({
        id: r.id, title: r.title, symbol: r.symbol, originalLanguage: r.originalLanguage,
        languages: r.languages, role: r.role, createdAt: r.createdAt,
      })),
    } satisfies ReportListResponse);
  });

  router.get('/:id', async (req, res) => {
    const user = await sessions.require(req);
    const access = await reports.access(reportIdParam(req.params.id), user);
    res.json(await reports.detail(access));
  });

  router.put('/:id/members', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportIdParam(req.params.id), user, 'owner');
    const input = PutMemberRequest.parse(req.body);
    const target = await storage.getUserByName(input.name);
    if (!target) throw new PlenaryError('not_found', `no user named "${input.name}"`);
    const languages = [...new Set([...(input.languages ?? []), ...(input.language ? [input.language] : [])])];
    if (input.role === 'translator') {
      if (languages.length === 0) throw new PlenaryError('bad_request', 'a translator needs at least one language');
      const unknown = languages.filter((l) => !report.languages.includes(l));
      if (unknown.length) throw new PlenaryError('bad_request', `not a target language of this report: ${unknown.join(', ')}`);
    }
    const members = await storage.listMembers(report.id);
    const isLastOwner = (uid: string) => members.filter((m) => m.role === 'owner').every((m) => m.userId === uid);
    const current = members.find((m) => m.userId === target.id);
    if (current?.role === 'owner' && input.role !== 'owner' && isLastOwner(target.id)) {
      throw new PlenaryError('conflict', 'a report keeps at least one owner');
    }
    if (input.role === 'none') await storage.removeMember(report.id, target.id);
    else await storage.setMember(report.id, target.id, input.role, input.role === 'translator' ? languages : []);
    await collab.refreshMember(report.id, target.id);
    const after = await storage.listMembers(report.id);
    res.json({ members: after.map((m) => ({ userId: m.userId, name: m.userName, role: m.role, languages: m.languages })) } satisfies MembersResponse);
  });

  router.get('/:id/export', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportIdParam(req.params.id), user);
    const format = String(req.query.format ?? 'txt');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new PlenaryError('bad_request', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    const lang = String(req.query.lang ?? report.originalLanguage);
    if (lang !== report.originalLanguage && !report.languages.includes(lang)) {
      throw new PlenaryError('bad_request', `not a language of this report: ${lang}`);
    }
    const out = await exportReport({ reports, translations }, report, {
      lang,
      format: format as ExportFormat,
      bilingual: req.query.bilingual === '1' || req.query.bilingual === 'true',
      xliffVersion: String(req.query.version ?? '1.2').startsWith('2') ? '2.0' : '1.2',
      tracked: req.query.tracked === '1' || req.query.tracked === 'true',
      brackets: bracketMode(req.query.brackets),
    });
    const safeName = (report.symbol || report.title || report.id).replace(/[^\w.-]+/g, '_').slice(0, 80);
    res.setHeader('Content-Type', out.contentType);
    if (format !== 'html') res.setHeader('Content-Disposition', `attachment; filename="${safeName}.${lang}.${out.extension}"`);
    res.send(out.body);
  });

  // A translation file (plain text, .docx or XLIFF) into one language version; raw body.
  router.post('/:id/import', express.raw({ type: () => true, limit: '25mb' }), async (req, res) => {
    const user = await sessions.require(req);
    const { report, member } = await reports.access(reportIdParam(req.params.id), user);
    const lang = String(req.query.lang ?? '');
    if (lang !== report.originalLanguage && !report.languages.includes(lang)) {
      throw new PlenaryError('bad_request', `lang must be a language of this report (${[report.originalLanguage, ...report.languages].join(', ')})`);
    }
    if (req.query.as === 'suggestions') {
      // A Word reply's tracked changes and comments into the review room (issue 13).
      if (!canWriteRoom(member, { kind: 'review', reportId: report.id }, report)) throw new PlenaryError('forbidden', 'viewers may not add suggestions');
      if (!Buffer.isBuffer(req.body) || !req.body.length) throw new PlenaryError('bad_request', 'send the .docx as the request body');
      res.json(await importSuggestions(reports, report, lang, req.body));
      return;
    }
    if (!canWriteRoom(member, { kind: 'language', reportId: report.id, language: lang }, report)) {
      throw new PlenaryError('forbidden', `only the owner or a translator into ${lang} may import its translation`);
    }
    if (lang === report.originalLanguage) {
      throw new PlenaryError('bad_request', 'imports fill a translation; to replace the original, create a report from the file');
    }
    if (!Buffer.isBuffer(req.body)) throw new PlenaryError('bad_request', 'send the file as the request body');
    res.json(await importTranslation(translations, report, lang, user.name, req.body, req.headers['content-type']));
  });

  return router;
}
