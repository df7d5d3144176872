/**
 * Composition root: opens storage and pub/sub, builds the room registry, the HTTP app and
 * the WebSocket endpoint on one port. `close()` is the graceful shutdown: stop accepting,
 * close sockets with 1001, flush every room, close storage.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { openStorage } from './storage/open';
import type { Storage } from './storage/types';
import { openPubSub } from './pubsub/open';
import type { PubSub } from './pubsub/types';
import { UpdateWriter } from './collab/updateWriter';
import { RoomRegistry } from './collab/registry';
import { CollabService } from './collab/collabService';
import { TokenSigner } from './auth/tokens';
import { WsTickets } from './auth/wsTickets';
import { Sessions } from './auth/session';
import { ReportService } from './reports/service';
import { createApp } from './http/app';
import { attachCollab } from './wsServer';
import { CloseCode } from '../../shared/src/closeCodes';
import { createMetrics } from './metrics';
import { openTranslationStores } from './tm/open';
import type { TranslationMemory } from './tm/types';
import type { GlossaryStore } from './glossary/types';
import { TmIndexer } from './tm/indexer';
import { TranslationService } from './translation/service';
import { openHistoryStore } from './history/open';
import { VersionService } from './history/service';
import { MachineTranslation } from './mt/service';
import { RepetitionFiller } from './translation/repetitions';
import { openInboxStore } from './inbox/store';
import { InboxService } from './inbox/service';

export interface Plenary {
  config: Config;
  log: Logger;
  storage: Storage;
  pubsub: PubSub;
  registry: RoomRegistry;
  reports: ReportService;
  collab: CollabService;
  signer: TokenSigner;
  tm: TranslationMemory;
  glossary: GlossaryStore;
  translations: TranslationService;
  versions: VersionService;
  mt: MachineTranslation;
  inbox: InboxService;
  http: Server;
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
}

export async function createPlenary(config: Config, options: { log?: Logger } = {}): Promise<Plenary> {
  const log = options.log ?? createLogger(config.logLevel);
  const instanceId = randomUUID();
  const storage = await openStorage(config.databaseUrl, { sqliteSynchronous: config.sqliteSynchronous });
  const pubsub = await openPubSub(config.redisUrl, instanceId, log);
  const metrics = createMetrics();
  const translationStores = await openTranslationStores(config.databaseUrl);
  const indexer = new TmIndexer(translationStores.tm, storage, log);
  const writer = new UpdateWriter(storage, log);
  writer.onBatch = metrics.appendBatch;
  const registry = new RoomRegistry(
    { storage, pubsub, writer, log, compactAfter: config.compactAfter, catchUpMs: config.catchUpMs, hibernateAfterMs: config.hibernateAfterMs, pending: config.limits, metrics: metrics.room, onLoad: (room) => {
      const stopIndexing = indexer.attach(room);
      const stopRepetitions = repetitions.attach(room);
      return () => {
        stopIndexing?.();
        stopRepetitions?.();
      };
    } },
    config.unloadDelayMs,
  );
  metrics.gauge(() => ({ rooms: registry.size, dormantRooms: registry.dormant, connections: collab.connectionCount }));
  const collab = new CollabService(storage, registry, config.limits, log, metrics.collab, { maxConnectionsPerUser: config.maxConnectionsPerUser });
  const signer = new TokenSigner(config.secret, config.tokenTtlSeconds);
  const sessions = new Sessions(signer, storage);
  const tickets = new WsTickets(config.secret);
  const reports = new ReportService(storage, registry);
  const translations = new TranslationService(registry, reports, indexer);
  const repetitions = new RepetitionFiller(translations, storage, log);
  const historyStore = await openHistoryStore(config.databaseUrl);
  const versions = new VersionService(historyStore, storage, registry, log, config.autoVersionEveryMs);
  const stopAuthorship = collab.onAuthored(versions.noteAuthored);
  const stopAutoVersions = versions.startAutoVersions();
  const inboxStore = await openInboxStore(config.databaseUrl);
  const inbox = new InboxService(inboxStore, storage, registry, log);
  const stopInbox = collab.onAuthored(inbox.noteAuthored);
  const { tm, glossary } = translationStores;
  const mt = new MachineTranslation(config.mt);
  const app = createApp({
    storage, signer, sessions, reports, collab, log, clientDir: config.clientDir, metrics: metrics.handler, translations, tm, glossary, versions, tickets, mt, registry, inbox,
  });
  const http = createServer(app);
  http.on('clientError', (err, socket) => {
    log.debug({ err: String(err) }, 'client error');
    socket.destroy();
  });
  // Joins resolve users through the join cache (a burst of sockets asks the same question).
  const joinSessions = new Sessions(signer, storage, (id) => collab.joins.user(id));
  const ws = attachCollab(http, collab, (req) => joinSessions.userFromUpgrade(req, tickets), { maxPayloadBytes: config.maxPayloadBytes, heartbeatMs: config.heartbeatMs, origins: config.origins }, log);

  let closing: Promise<void> | null = null;
  return {
    config, log, storage, pubsub, registry, reports, collab, signer, tm, glossary, translations, versions, mt, inbox, http,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve(http.address() as AddressInfo));
      }),
    close: () =>
      (closing ??= (async () => {
        http.close();
        collab.closeAll(CloseCode.GoingAway, 'server shutting down');
        ws.close();
        await repetitions.settled();
        stopInbox();
        await inbox.settled();
        await writer.drain();
        await registry.closeAll();
        await writer.drain();
        await indexer.settled();
        stopAuthorship();
        stopAutoVersions();
        await translationStores.close();
        await historyStore.close();
        await inboxStore.close();
        await pubsub.close();
        await storage.close();
        http.closeAllConnections();
      })()),
  };
}
