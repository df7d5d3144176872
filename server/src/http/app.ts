/** The express application: JSON API under /api, health, and the built client. */
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { PlenaryError } from '../../../shared/src/errors';
import type { Storage } from '../storage/types';
import type { TokenSigner } from '../auth/tokens';
import type { ReportService } from '../reports/service';
import type { CollabService } from '../collab/collabService';
import type { TranslationService } from '../translation/service';
import type { TranslationMemory } from '../tm/types';
import type { GlossaryStore } from '../glossary/types';
import type { RoomRegistry } from '../collab/registry';
import type { VersionService } from '../history/service';
import type { Sessions } from '../auth/session';
import type { WsTickets } from '../auth/wsTickets';
import type { MachineTranslation } from '../mt/service';
import type { InboxService } from '../inbox/service';
import { errorHandler } from './errors';
import { authRoutes } from '../auth/routes';
import { adminRoutes } from '../admin/routes';
import { historyRoutes } from '../history/routes';
import { translationRoutes } from '../translation/routes';
import { reportRoutes } from '../reports/routes';
import { importRoutes } from '../import/routes';
import { tmRoutes } from '../tm/routes';
import { glossaryRoutes } from '../glossary/routes';
import { mtRoutes } from '../mt/routes';
import { inboxRoutes } from '../inbox/routes';

export interface AppDeps {
  storage: Storage;
  signer: TokenSigner;
  sessions: Sessions;
  reports: ReportService;
  collab: CollabService;
  log: Logger;
  clientDir: string;
  metrics?: express.RequestHandler;
  translations: TranslationService;
  tm: TranslationMemory;
  glossary: GlossaryStore;
  versions: VersionService;
  tickets: WsTickets;
  mt: MachineTranslation;
  registry: RoomRegistry;
  inbox?: InboxService;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  if (deps.metrics) app.get('/metrics', deps.metrics);

  const api = express.Router();
  api.use(express.json({ limit: '25mb' }));
  // Every subsystem's routes.ts, mounted the same way: a function of the app's dependencies
  // (each takes the part it needs) returning its router. Order matters only where prefixes
  // overlap: the /reports/:id sub-routers come before /reports.
  const mounts: [string, express.Router][] = [
    ['/auth', authRoutes(deps)],
    ['/admin', adminRoutes(deps)],
    ['/reports/:id', historyRoutes(deps)],
    ['/reports/:id', translationRoutes(deps)],
    ['/reports', reportRoutes(deps)],
    ['/import', importRoutes(deps)],
    ['/tm', tmRoutes(deps)],
    ['/glossary', glossaryRoutes(deps)],
    ['/mt', mtRoutes(deps)],
  ];
  if (deps.inbox) mounts.push(['/inbox', inboxRoutes({ ...deps, inbox: deps.inbox })]);
  for (const [path, router] of mounts) api.use(path, router);
  api.use((req, _res, next) => next(new PlenaryError('not_found', `no API route ${req.method} ${req.path}`)));
  app.use('/api', api);

  // The single-page client: static files, and index.html for every client route.
  if (existsSync(join(deps.clientDir, 'index.html'))) {
    app.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|collab\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(deps.clientDir, 'index.html'));
    });
  }

  app.use(errorHandler(deps.log));
  return app;
}
