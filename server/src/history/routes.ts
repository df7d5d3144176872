/** `/api/reports/:id/versions`: create, list, diff, restore (docs/PROTOCOL.md §10). */
import { Router, type Request } from 'express';
import { PlenaryError } from '../../../shared/src/errors';
import { parseRoomName, roomName } from '../../../shared/src/rooms';
import { canWriteRoom } from '../../../shared/src/roles';
import type { ReportService } from '../reports/service';
import { reportRooms } from '../reports/service';
import type { Sessions } from '../http/session';
import { reportIdParam } from '../reports/ids';
import { CreateVersionRequest, RestoreRequest, type RestoreResponse, type VersionListResponse } from '../../../shared/src/api';
import type { VersionService } from './service';

/** Mounted under `/reports/:id/versions` with mergeParams: the id is the parent's. */
const reportOf = (req: Request) => reportIdParam(req.params.id);
const versionId = (value: unknown) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new PlenaryError('not_found', `no version ${String(value)}`);
  return n;
};

export function versionRoutes(reports: ReportService, versions: VersionService, sessions: Sessions): Router {
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
