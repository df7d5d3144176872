/** `/api/reports/:id/versions`: create, list, diff, restore (docs/PROTOCOL.md §10). */
import { Router } from 'express';
import { z } from 'zod';
import { PlenaryError } from '../../../shared/src/errors';
import { roomName } from '../../../shared/src/rooms';
import { canWriteRoom } from '../../../shared/src/roles';
import { parseRoomName } from '../../../shared/src/rooms';
import type { ReportService } from '../reports/service';
import { reportRooms } from '../reports/service';
import type { Sessions } from '../http/session';
import { reportId } from '../http/reportRoutes';
import type { VersionService } from './service';

const CreateVersion = z.object({ label: z.string().trim().min(1, 'label is required').max(200) });
const Restore = z.object({ lang: z.string().optional() }).default({});
const versionId = (value: unknown) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new PlenaryError('not_found', `no version ${String(value)}`);
  return n;
};

export function versionRoutes(reports: ReportService, versions: VersionService, sessions: Sessions): Router {
  const router = Router({ mergeParams: true });

  router.post('/', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportId(req), user, 'owner', 'drafter', 'translator', 'reviewer');
    const { label } = CreateVersion.parse(req.body);
    res.status(201).json(await versions.create(report, label, false, user.name));
  });

  router.get('/', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportId(req), user);
    res.json({ versions: await versions.list(report) });
  });

  router.get('/:v/diff', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportId(req), user);
    const lang = String(req.query.lang ?? report.originalLanguage);
    const to = req.query.to === undefined || req.query.to === 'current' ? undefined : versionId(req.query.to);
    res.json(await versions.diff(report, versionId(req.params.v), lang, to));
  });

  router.post('/:v/restore', async (req, res) => {
    const user = await sessions.require(req);
    const { report, member } = await reports.access(reportId(req), user);
    const { lang } = Restore.parse(req.body ?? {});
    const candidates = lang ? [roomName(report.id, lang)] : reportRooms(report);
    const writable = candidates.filter((name) => {
      const room = parseRoomName(name);
      return room && room.kind === 'language' && canWriteRoom(member, room, report);
    });
    if (writable.length === 0) throw new PlenaryError('forbidden', 'you may not write any room this would restore');
    res.json(await versions.restore(report, versionId(req.params.v), writable));
  });

  return router;
}
