/**
 * Interoperability with yrs (ywasm): a yrs client and a Yjs client edit the same paragraph
 * concurrently over the real server and converge; a fresh yrs doc loads every room the
 * server holds at the end (the sample report's rooms included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { startServer, signUp, createReport, type TestServer } from '../helpers/server';
import { connectClient, textOf, waitFor, waitSynced } from '../helpers/yclient';
import { YrsClient, yrsStateVector } from '../helpers/yrsClient';

const SAMPLE_EN = readFileSync(join(__dirname, '../../server/samples/ctoc-cop-2012-wg-report.en.txt'), 'utf8');
let server: TestServer;
let token: string;
/** Every room the tests create. */
const created: string[] = [];

beforeAll(async () => {
  server = await startServer();
  token = (await signUp(server.url)).token;
});
afterAll(() => server.close());

describe('yrs interoperability', () => {
  it('a yrs client and a Yjs client edit one paragraph concurrently and converge', async () => {
    const report = await createReport(server.url, token, { text: SAMPLE_EN, languages: ['fr', 'ar'] });
    created.push(...report.rooms);
    const room = `${report.id}.en`;
    const yjs = connectClient(server.wsUrl, room, token);
    const yrs = new YrsClient(server.wsUrl, room, token);
    await waitSynced(yjs);
    await waitFor(() => yrs.synced, 5000, 'yrs synced');
    yjs.doc.getText('text').insert(0, 'The Working Group adopted the report.');
    await waitFor(() => yrs.text() === 'The Working Group adopted the report.', 5000, 'yrs got the paragraph');
    for (let round = 0; round < 20; round++) {
      // Both edit the same place at once: neither has seen the other's edit.
      const t = yjs.doc.getText('text');
      t.insert(4 + (round % 5), `y${round}`);
      if (round % 3 === 0 && t.length > 12) t.delete(10, 2);
      const r = yrs.doc.getText('text');
      r.insert(4 + (round % 5), `r${round}`, undefined, undefined);
      if (round % 4 === 0) r.delete(0, 1, undefined);
      await new Promise((res) => setImmediate(res));
    }
    await waitFor(() => textOf(yjs.doc) === yrs.text(), 10_000, 'convergence');
    expect(textOf(yjs.doc)).toContain('y19');
    expect(textOf(yjs.doc)).toContain('r19');
    expect(yrs.errors).toEqual([]);
    // yrs reads the imported body (elements, attributes, formatting) as Yjs wrote it.
    expect(yrs.doc.getXmlFragment('body').length(undefined)).toBe(yjs.doc.getXmlFragment('body').length);
    yrs.close();
    yjs.destroy();
  });

  it('a fresh yrs doc loads every room the server holds', async () => {
    const held = server.plenary.registry;
    const db = new Database(join(server.dir, 'plenary.db'), { readonly: true });
    const rooms = (db.prepare('SELECT DISTINCT room FROM room_updates UNION SELECT room FROM room_snapshots').all() as { room: string }[]).map((r) => r.room);
    db.close();
    expect(rooms.length).toBeGreaterThanOrEqual(1);
    expect(created.length).toBeGreaterThanOrEqual(3);
    for (const room of new Set([...rooms, ...created])) {
      const state = await held.withRoom(room, (r) => Y.encodeStateAsUpdate(r.doc));
      const yjsSv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
      expect(yrsStateVector(state, Y.decodeStateVector), room).toEqual(yjsSv);
    }
  });
});
