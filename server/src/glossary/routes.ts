/**
 * The glossary API. `GET /api/glossary?from=en&to=fr` → `{entries}` for any signed-in user;
 * `POST /api/glossary {from, to, source, target, note?}` → 201 `{entry}` for anyone who writes
 * text somewhere (owner, drafter or translator of at least one report) or an admin; 409 when
 * the pair is already there. `DELETE /api/glossary/:id` → 204 for the entry's author or an admin.
 * `POST /api/glossary/import?from=en&to=fr` (TBX or CSV body, or a multipart upload) →
 * `{imported, skipped, errors}`, for those who may add terms; `GET /api/glossary/export?from=en
 * &to=fr&format=tbx|csv` for any signed-in user.
 */
import { Router } from 'express';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { PlenaryError } from '../../../shared/src/errors';
import { GlossaryQuery, LanguagePair as Pair, type GlossaryEntryResponse, type GlossaryListResponse, NewGlossaryEntryRequest } from '../../../shared/src/api';
import type { Directory, UserRecord } from '../storage/types';
import type { Sessions } from '../auth/session';
import type { GlossaryStore } from './types';
import { importBody } from '../interchange/requestBody';
import { importGlossary } from './interchange';
import { writeTbx } from './tbx';
import { writeGlossaryCsv } from './csv';

const MAX_GLOSSARY_BYTES = 64 * 1024 * 1024;
const ExportQuery = z.object({ format: z.enum(['tbx', 'csv']).default('tbx') });

const WRITING_ROLES = new Set(['owner', 'drafter', 'translator']);

async function mayAdd(storage: Directory, user: UserRecord): Promise<boolean> {
  if (user.isAdmin) return true;
  return (await storage.listReportsForUser(user.id)).some((r) => WRITING_ROLES.has(r.role));
}

export function glossaryRoutes({ storage, sessions, glossary }: { storage: Directory; sessions: Sessions; glossary: GlossaryStore }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    await sessions.require(req);
    const { from, to } = GlossaryQuery.parse(req.query);
    res.json({ entries: await glossary.list(from, to) } satisfies GlossaryListResponse);
  });

  router.post('/', async (req, res) => {
    const user = await sessions.require(req);
    const input = NewGlossaryEntryRequest.parse(req.body ?? {});
    if (!(await mayAdd(storage, user))) {
      throw new PlenaryError('forbidden', 'glossary terms are added by owners, drafters and translators');
    }
    const entry = await glossary.add({ id: randomUUID(), ...input, createdBy: user.id, createdAt: Date.now() });
    if (!entry) throw new PlenaryError('conflict', `"${input.source}" → "${input.target}" is already in the ${input.from}→${input.to} glossary`);
    res.status(201).json({ entry } satisfies GlossaryEntryResponse);
  });

  router.post('/import', async (req, res) => {
    const user = await sessions.require(req);
    const { from, to } = Pair.parse(req.query);
    if (!(await mayAdd(storage, user))) {
      throw new PlenaryError('forbidden', 'glossary terms are added by owners, drafters and translators');
    }
    const body = await importBody(req, MAX_GLOSSARY_BYTES);
    const csv = req.query.format === 'csv' || /csv/i.test(body.contentType) || /\.csv$/i.test(body.fileName ?? '');
    res.json(await importGlossary(glossary, body.stream, { from, to, userId: user.id, csv }));
  });

  router.get('/export', async (req, res) => {
    await sessions.require(req);
    const { from, to } = Pair.parse(req.query);
    const { format } = ExportQuery.parse(req.query);
    const entries = await glossary.list(from, to);
    res.setHeader('Content-Disposition', `attachment; filename="glossary-${from}-${to}.${format}"`);
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(writeGlossaryCsv(entries));
    else res.type('application/x-tbx+xml; charset=utf-8').send(writeTbx(entries, from, to));
  });

  router.delete('/:id', async (req, res) => {
    const user = await sessions.require(req);
    const entry = await glossary.get(String(req.params.id));
    if (!entry) throw new PlenaryError('not_found', 'no such glossary entry');
    if (entry.createdBy !== user.id && !user.isAdmin) throw new PlenaryError('forbidden', 'only its author or an admin may remove a glossary entry');
    await glossary.remove(entry.id);
    res.status(204).end();
  });

  return router;
}
