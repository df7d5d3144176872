/**
 * Test servers: an in-process Plenary on a random port with its own temporary SQLite file
 * (or DATABASE_URL when a test passes one), and helpers to sign up and create reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../../server/src/config';
import { createPlenary, type Plenary } from '../../server/src/server';

export interface TestServer {
  plenary: Plenary;
  url: string;
  wsUrl: string;
  dir: string;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-test-'));
  const config = {
    ...loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'plenary.db')}`, PLENARY_SECRET: 'test-secret', PORT: '0', PLENARY_DEMO: '0', LOG_LEVEL: 'silent', ...env }),
    ...overrides,
  };
  const plenary = await createPlenary(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  const address = await plenary.listen();
  const url = `http://127.0.0.1:${address.port}`;
  return {
    plenary,
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/collab`,
    dir,
    close: async () => {
      await plenary.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
}

export async function api<T = any>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(base + path, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (exports)
  }
  return { status: res.status, body: parsed as T };
}

let counter = 0;
/** Signs up a fresh user and returns its token and id. */
export async function signUp(base: string, name = `user${process.pid}x${++counter}`, password = 'correct horse battery') {
  const res = await api(base, 'POST', '/api/auth/signup', { name, password });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token as string, id: res.body.user.id as string, name, password };
}

export async function createReport(base: string, token: string, input: Record<string, unknown> = {}) {
  const res = await api(base, 'POST', '/api/reports', { title: 'Test report', originalLanguage: 'en', languages: ['fr'], ...input }, token);
  if (res.status !== 201) throw new Error(`create report failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; rooms: string[] };
}
