/**
 * Configuration from the environment (README "Configuration"; docs/ARCHITECTURE.md "Running"). Every knob has a default that runs on a
 * laptop with nothing installed but Node.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { type CollabLimits, DEFAULT_LIMITS } from './collab/limits';
import { DEFAULT_MT_OPTIONS, type MtEngine, type MtOptions } from './mt/types';
import type { SqliteSync } from './storage/sqlite';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  secret: Buffer;
  /** Allowed browser origins; empty means same origin only. */
  origins: string[];
  dataDir: string;
  tokenTtlSeconds: number;
  maxPayloadBytes: number;
  unloadDelayMs: number;
  compactAfter: number;
  heartbeatMs: number;
  limits: CollabLimits;
  maxConnectionsPerUser: number;
  /** An edited report gets an automatic version when its last one is this old. */
  autoVersionEveryMs: number;
  /** With Redis: how often a room reads the log for updates whose message was lost. */
  catchUpMs: number;
  /** An open room unused this long keeps only its encoded state in memory (0: never). */
  hibernateAfterMs: number;
  /**
   * SQLite fsync policy. FULL (default): a committed update survives power loss. NORMAL (WAL):
   * it survives a crash or kill -9 of the process, not of the machine; commits cost no fsync.
   */
  sqliteSynchronous: SqliteSync;
  /** Serve the built client from here, if it exists. */
  clientDir: string;
  logLevel: string;
  /** Create the demo workspace on first start. */
  demo: boolean;
  /** Machine translation: PLENARY_MT, PLENARY_MT_URL, PLENARY_MT_KEY, PLENARY_MT_TIMEOUT_MS, PLENARY_MT_MAX_CHARS. */
  mt: MtOptions;
}

const MT_ENGINES: readonly MtEngine[] = ['apertium', 'apy', 'libretranslate', 'off'];

function mtEngine(value: string | undefined): MtOptions['engine'] {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return 'auto';
  if ((MT_ENGINES as readonly string[]).includes(v)) return v as MtEngine;
  throw new Error(`PLENARY_MT must be one of ${MT_ENGINES.join(', ')} (got "${value}")`);
}

const SQLITE_SYNC_MODES: readonly SqliteSync[] = ['FULL', 'FULL_INLINE', 'NORMAL'];
function sqliteSync(value: string | undefined): SqliteSync {
  const v = (value ?? '').trim().toUpperCase();
  if (!v) return 'FULL';
  if ((SQLITE_SYNC_MODES as readonly string[]).includes(v)) return v as SqliteSync;
  throw new Error(`PLENARY_SQLITE_SYNC must be one of ${SQLITE_SYNC_MODES.join(', ')} (got "${value}")`);
}

const num = (value: string | undefined, fallback: number) => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got "${value}"`);
  return n;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/plenary.db';
  const dataDir = resolve(env.PLENARY_DATA_DIR || (databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:'
    ? dirname(databaseUrl.slice('sqlite:'.length) || './data/plenary.db')
    : './data'));
  return {
    port: num(env.PORT, 8080),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    secret: env.PLENARY_SECRET ? Buffer.from(env.PLENARY_SECRET) : loadOrCreateSecret(dataDir),
    origins: (env.PLENARY_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    dataDir,
    tokenTtlSeconds: num(env.PLENARY_TOKEN_TTL, 7 * 24 * 3600),
    maxPayloadBytes: num(env.PLENARY_MAX_PAYLOAD, 16 * 1024 * 1024),
    unloadDelayMs: num(env.PLENARY_UNLOAD_DELAY_MS, 5000),
    compactAfter: num(env.PLENARY_COMPACT_AFTER, 500),
    heartbeatMs: num(env.PLENARY_HEARTBEAT_MS, 30_000),
    limits: {
      ...DEFAULT_LIMITS,
      maxStructsPerUpdate: num(env.PLENARY_MAX_STRUCTS, DEFAULT_LIMITS.maxStructsPerUpdate),
      maxBufferedBytes: num(env.PLENARY_MAX_BUFFERED, DEFAULT_LIMITS.maxBufferedBytes),
      messagesPerSecond: num(env.PLENARY_MSG_RATE, DEFAULT_LIMITS.messagesPerSecond),
      messageBurst: num(env.PLENARY_MSG_BURST, DEFAULT_LIMITS.messageBurst),
    },
    maxConnectionsPerUser: num(env.PLENARY_MAX_CONNECTIONS_PER_USER, 200),
    autoVersionEveryMs: num(env.PLENARY_AUTO_VERSION_MS, 10 * 60 * 1000),
    catchUpMs: num(env.PLENARY_CATCHUP_MS, 5000),
    hibernateAfterMs: num(env.PLENARY_HIBERNATE_MS, 60_000),
    sqliteSynchronous: sqliteSync(env.PLENARY_SQLITE_SYNC),
    clientDir: resolve(env.PLENARY_CLIENT_DIR || 'dist/client'),
    logLevel: env.LOG_LEVEL || 'info',
    demo: env.PLENARY_DEMO !== '0',
    mt: {
      engine: mtEngine(env.PLENARY_MT),
      url: env.PLENARY_MT_URL || undefined,
      apiKey: env.PLENARY_MT_KEY || undefined,
      timeoutMs: num(env.PLENARY_MT_TIMEOUT_MS, DEFAULT_MT_OPTIONS.timeoutMs),
      maxChars: num(env.PLENARY_MT_MAX_CHARS, DEFAULT_MT_OPTIONS.maxChars),
    },
  };
}

/** The token secret, generated once and kept (mode 0600) in the data folder. */
function loadOrCreateSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64'), { mode: 0o600 });
  return secret;
}
