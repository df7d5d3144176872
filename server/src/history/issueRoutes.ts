/**
 * `POST /api/reports/:id/issue {kind: rev|corr, fromVersion}` → `{id, symbol, appliesTo}` (DESIGN §3),
 * for those who write the original (owner, drafters); the issuer owns the new report and the
 * members of the old one are carried over with their roles.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { ReportService } from '../reports/service';
import type { Sessions } from '../http/session';
import { reportIdParam } from '../reports/ids';
import type { IssueService } from './issue';

const Issue = z.object({
  kind: z.enum(['rev', 'corr']),
  fromVersion: z.coerce.number().int().positive('fromVersion is the id of a version of this report'),
});

export function issueRoutes(reports: ReportService, issues: IssueService, sessions: Sessions): Router {
  const router = Router({ mergeParams: true });
  router.post('/issue', async (req, res) => {
    const user = await sessions.require(req);
    const { report } = await reports.access(reportIdParam((req.params as { id?: string }).id), user, 'owner', 'drafter');
    const { kind, fromVersion } = Issue.parse(req.body ?? {});
    res.status(201).json(await issues.issue(report, user, kind, fromVersion));
  });
  return router;
}
