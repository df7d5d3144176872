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
import { authRoutes } from './authRoutes';
import { reportRoutes } from './reportRoutes';
import { importRoutes } from './importRoutes';
import type { TranslationService } from '../translation/service';
import type { TranslationMemory } from '../tm/types';
import type { GlossaryStore } from '../glossary/types';
import { tmRoutes } from '../tm/routes';
import { glossaryRoutes } from '../glossary/routes';
import { errorHandler } from './errors';
import { reportSettingsRoutes } from '../reports/settingsRoutes';
import { issueRoutes } from '../history/issueRoutes';
import { IssueService } from '../history/issue';
import type { RoomRegistry } from '../collab/registry';
import { versionRoutes } from '../history/routes';
import type { VersionService } from '../history/service';
import type { Sessions } from './session';
import type { WsTickets } from '../auth/wsTickets';
import { adminRoutes } from './adminRoutes';
import { mtRoutes } from '../mt/routes';
import type { MachineTranslation } from '../mt/service';
import { pretranslateRoutes } from '../translation/pretranslateRoutes';
import type { InboxService } from '../inbox/service';
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
  api.use('/auth', authRoutes(deps.storage, deps.signer, deps.sessions, deps.tickets));
  api.use('/admin', adminRoutes(deps.storage, deps.sessions));
  api.use('/reports/:id/versions', versionRoutes(deps.reports, deps.versions, deps.sessions));
  api.use('/reports/:id/pretranslate', pretranslateRoutes(deps.storage, deps.reports, deps.sessions, { translations: deps.translations, registry: deps.registry, tm: deps.tm, mt: deps.mt }));
  api.use('/reports/:id', reportSettingsRoutes(deps.reports, deps.translations, deps.registry, deps.sessions));
  api.use('/reports/:id', issueRoutes(deps.reports, new IssueService(deps.storage, deps.registry, deps.reports, deps.versions), deps.sessions));
  api.use('/reports', reportRoutes(deps.storage, deps.reports, deps.sessions, deps.collab, deps.translations));
  api.use('/import', importRoutes(deps.sessions));
  api.use('/tm', tmRoutes(deps.storage, deps.sessions, deps.tm));
  api.use('/glossary', glossaryRoutes(deps.storage, deps.sessions, deps.glossary));
  api.use('/mt', mtRoutes(deps.sessions, deps.mt));
  if (deps.inbox) api.use('/inbox', inboxRoutes(deps.sessions, deps.inbox));
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
