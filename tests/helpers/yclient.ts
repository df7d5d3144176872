/**
 * Real y-websocket clients for tests, with waits that have deadlines (never fixed sleeps)
 * and `expectConverged`, which compares content and state vectors.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { expect } from 'vitest';

// In Node every WebsocketProvider adds a process 'exit' listener (removed on destroy); tests
// that hold more than ten clients at once would otherwise print MaxListenersExceededWarning.
process.setMaxListeners(Math.max(process.getMaxListeners(), 100));

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  destroy(): void;
}

export function connectClient(wsUrl: string, room: string, token: string, options: { doc?: Y.Doc; connect?: boolean } = {}): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const closes: { code: number; reason: string }[] = [];
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
    disableBc: true,
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls `read()` until it satisfies `ok`, or fails with the last value after the deadline. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function waitSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, 'sync');
}

export function textOf(doc: Y.Doc, name = 'text'): string {
  return doc.getText(name).toString();
}

/** JSON with object keys sorted: Y.Map iteration order is insertion order, which differs per replica. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Makes every doc define every root type any of them defines, so toJSON covers the same
 * names (a doc lists only the root types it has accessed).
 */
function defineSharedTypes(docs: Y.Doc[]): void {
  for (const source of docs) {
    for (const [name, type] of source.share) {
      if (type.constructor === Y.AbstractType) continue;
      for (const d of docs) {
        // Integrating an update creates untyped placeholders for root types; type them.
        const own = d.share.get(name);
        if (!own || own.constructor === Y.AbstractType) d.get(name, type.constructor as typeof Y.AbstractType<any>);
      }
    }
  }
}

/** Every doc has the same content and the same state vector. */
export function converged(docs: Y.Doc[]): boolean {
  defineSharedTypes(docs);
  const first = docs[0];
  const sv = Buffer.from(Y.encodeStateVector(first)).toString('base64');
  const content = canonicalJson(first.toJSON());
  return docs.every((d) => Buffer.from(Y.encodeStateVector(d)).toString('base64') === sv && canonicalJson(d.toJSON()) === content);
}

export async function expectConverged(docs: Y.Doc[], timeoutMs = 10_000): Promise<void> {
  await waitFor(() => converged(docs), timeoutMs, 'convergence').catch(() => undefined);
  defineSharedTypes(docs);
  const contents = docs.map((d) => canonicalJson(d.toJSON()));
  for (const c of contents) expect(c).toBe(contents[0]);
  const svs = docs.map((d) => Buffer.from(Y.encodeStateVector(d)).toString('base64'));
  for (const s of svs) expect(s).toBe(svs[0]);
}
