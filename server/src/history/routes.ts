/**
 * History under `/api/reports/:id`: `/versions` — create, list, diff, restore (docs/PROTOCOL.md
 * §10) — and `POST /issue {kind: rev|corr, fromVersion}` → `{id, symbol, appliesTo}`, for those
 * who write the original (owner, drafters); the issuer owns the new report and the members of
 * the old one are carried over with their roles.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { PlenaryError } from '../../../shared/src/errors';
import { parseRoomName, roomName } from '../../../shared/src/rooms';
import { canWriteRoom } from '../../../shared/src/roles';
import type { ReportService } from '../reports/service';
import { reportRooms } from '../reports/service';
import type { Sessions } from '../auth/session';
import { reportIdParam } from '../reports/ids';
import { CreateVersionRequest, RestoreRequest, type RestoreResponse, type VersionListResponse } from '../../../shared/src/api';
import type { VersionService } from './service';
import { IssueService } from './issue';
import type { RoomRegistry } from '../collab/registry';
import type { Storage } from '../storage/types';

/** Mounted under `/reports/:id` with mergeParams: the id is the parent's. */
const reportOf = (req: Request) => reportIdParam(req.params.id);
const versionId = (value: unknown) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new PlenaryError('not_found', `no version ${String(value)}`);
  return n;
};

const Issue = z.object({
  kind: z.enum(['rev', 'corr']),
  fromVersion: z.coerce.number().int().positive('fromVersion is the id of a version of this report'),
});

export interface HistoryRouteDeps {
  storage: Storage;
  registry: RoomRegistry;
  reports: ReportService;
  versions: VersionService;
  sessions: Sessions;
}

export function historyRoutes(deps: HistoryRouteDeps): Router {
  const { reports, sessions } = deps;
  const issues = new IssueService(deps.storage, deps.registry, reports, deps.versions);
  const router = Router({ mergeParams: true });
  router.use('/versions', versionRoutes(deps));
  router.post('/issue', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportOf(req), user, 'owner', 'drafter');
    const { kind, fromVersion } = Issue.parse(req.body ?? {});
    res.status(201).json(await issues.issue(report, user, kind, fromVersion));
  });
  return router;
}

function versionRoutes({ reports, versions, sessions }: HistoryRouteDeps): Router {
  const router = Router({ mergeParams: true });

  router.post('/', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportOf(req), user, 'owner', 'drafter', 'translator', 'reviewer');
    const { label } = CreateVersionRequest.parse(req.body);
    res.status(201).json(await versions.create(report, label, false, user.name));
  });

  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportOf(req), user);
    res.json({ versions: await versions.list(report) } satisfies VersionListResponse);
  });

  router.get('/:v/diff', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportOf(req), user);
    const lang = String(req.query.lang ?? report.originalLanguage);
    const to = req.query.to === undefined || req.query.to === 'current' ? undefined : versionId(req.query.to);
    res.json(await versions.diff(report, versionId(req.params.v), lang, to));
  });

  router.post('/:v/restore', async (req, res) => {
    const user = await sessions.require(req);
    const { report, member } = await reports.access(reportOf(req), user);
    const { lang } = RestoreRequest.parse(req.body ?? {});
    const candidates = lang ? [roomName(report.id, lang)] : reportRooms(report);
    const writable = candidates.filter((name) => {
      const room = parseRoomName(name);
      return room && room.kind === 'language' && canWriteRoom(member, room, report);
    });
    if (writable.length === 0) throw new PlenaryError('forbidden', 'you may not write any room this would restore');
    res.json((await versions.restore(report, versionId(req.params.v), writable)) satisfies RestoreResponse);
  });

  return router;
}
