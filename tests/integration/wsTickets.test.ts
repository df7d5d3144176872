/**
 * Tokens stay out of URLs and logs: the browser's one-use WebSocket ticket
 * (POST /api/auth/ws-ticket), `?token=` kept for non-browser clients, and no token or ticket
 * in any server log line, at debug level, across joins, refusals and malformed frames.
 * A reviewer's join (an empty SyncStep2) is not answered with permission-denied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { loadConfig } from '../../server/src/config';
import { createPlenary, type Plenary } from '../../server/src/server';
import { createLogger } from '../../server/src/log';
import { WsTickets } from '../../server/src/auth/wsTickets';
import { CloseCode } from '../../shared/src/closeCodes';
import { MessageType } from '../../shared/src/protocol';
import { signUp, createReport, api } from '../helpers/server';
import { connectClient, waitFor, waitSynced } from '../helpers/yclient';
import { openRaw, roundTrip, updateFrame } from '../helpers/rawSocket';

const lines: string[] = [];
let plenary: Plenary;
let url: string;
let wsUrl: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenary-tickets-'));
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'p.db')}`, PLENARY_SECRET: 'ticket-secret', PORT: '0', PLENARY_DEMO: '0' });
  plenary = await createPlenary(config, { log: createLogger('debug', sink) });
  const address = await plenary.listen();
  url = `http://127.0.0.1:${address.port}`;
  wsUrl = `ws://127.0.0.1:${address.port}/collab`;
});
afterAll(async () => {
  await plenary.close();
  rmSync(dir, { recursive: true, force: true });
});

const ticketFor = async (token: string) => (await api(url, 'POST', '/api/auth/ws-ticket', {}, token)).body.ticket as string;

describe('WebSocket tickets and tokens', () => {
  it('a ticket opens one socket, once; it is no session token and expires in 60 s', async () => {
    const owner = await signUp(url);
    const room = `${(await createReport(url, owner.token)).id}.en`;
    expect((await api(url, 'POST', '/api/auth/ws-ticket', {})).status).toBe(401);
    const ticket = await ticketFor(owner.token);
    expect(ticket).not.toContain(owner.token);
    const first = await openRaw(wsUrl, room, `ticket=${encodeURIComponent(ticket)}`);
    expect(await roundTrip(first)).toBe(true);
    const second = await openRaw(wsUrl, room, `ticket=${encodeURIComponent(ticket)}`);
    expect((await second.closed).code).toBe(CloseCode.Unauthorized);
    first.ws.close();
    // A ticket is not a bearer token, nor a token a ticket.
    expect((await api(url, 'GET', '/api/auth/me', undefined, ticket)).status).toBe(401);
    const asTicket = await openRaw(wsUrl, room, `ticket=${encodeURIComponent(owner.token)}`);
    expect((await asTicket.closed).code).toBe(CloseCode.Unauthorized);
    // Expiry and tampering, on the issuer itself.
    const tickets = new WsTickets(Buffer.from('s'));
    const t = tickets.issue('u1', 1_000_000);
    expect(tickets.redeem(t, 1_000_000 + 61_000)).toBeNull();
    expect(tickets.redeem(t.slice(0, -2) + 'xx', 1_000_001)).toBeNull();
    expect(tickets.redeem(t, 1_000_001)).toBe('u1');
    expect(tickets.redeem(t, 1_000_002)).toBeNull();
  });

  it('a reviewer’s join gets no permission-denied; an edit does', async () => {
    const owner = await signUp(url);
    const reviewer = await signUp(url);
    const { id } = await createReport(url, owner.token);
    await api(url, 'PUT', `/api/reports/${id}/members`, { name: reviewer.name, role: 'reviewer' }, owner.token);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const c = connectClient(wsUrl, `${id}.en`, reviewer.token);
      let denied = 0;
      const attach = () => c.provider.ws?.addEventListener('message', (e: MessageEvent) => {
        if (decoding.readVarUint(decoding.createDecoder(new Uint8Array(e.data as ArrayBuffer))) === MessageType.Auth) denied++;
      });
      attach();
      await waitSynced(c);
      // The join's round trips are over once a second sync answer comes back.
      const raw = await openRaw(wsUrl, `${id}.en`, `token=${reviewer.token}`);
      raw.send(updateFrame(new Uint8Array([0, 0])));
      await new Promise((r) => setTimeout(r, 200));
      expect(raw.ws.readyState).toBe(WebSocket.OPEN);
      expect(denied).toBe(0);
      c.doc.getMap('m').set('refused', true);
      await waitFor(() => denied > 0, 5000, 'edit refused');
      raw.ws.close();
      c.destroy();
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => w.includes('Permission denied') && !w.includes('refused'))).toHaveLength(1);
  });

  it('no token or ticket appears in any server log line', async () => {
    const owner = await signUp(url);
    const outsider = await signUp(url);
    const room = `${(await createReport(url, owner.token)).id}.en`;
    const ticket = await ticketFor(owner.token);
    const good = await openRaw(wsUrl, room, `token=${owner.token}`);
    good.send(new Uint8Array([99])); // malformed: logged, closed 4400
    await good.closed;
    const forbidden = await openRaw(wsUrl, room, `token=${outsider.token}`);
    await forbidden.closed;
    const bogus = `${owner.token.slice(0, -4)}AAAA`;
    await (await openRaw(wsUrl, room, `token=${bogus}`)).closed;
    const viaTicket = await openRaw(wsUrl, room, `ticket=${encodeURIComponent(ticket)}`);
    viaTicket.send(updateFrame(new Uint8Array([1, 1, 9, 0, 0, 0, 0])));
    await viaTicket.closed;
    await (await openRaw(wsUrl, 'nonexistent.xx', `token=${owner.token}`)).closed;
    await api(url, 'GET', `/api/nothing?token=${owner.token}`, undefined, owner.token);
    await new Promise((r) => setTimeout(r, 100));
    const foreignOrigin = new WebSocket(`${wsUrl}/${room}?token=${owner.token}`, { headers: { origin: 'https://evil.example' } });
    await new Promise((r) => foreignOrigin.once('error', r));
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const secrets = [owner.token, outsider.token, bogus, ticket, owner.token.split('.')[1], ticket.split('.')[2]];
    for (const line of lines) for (const s of secrets) expect(line.includes(s), line).toBe(false);
  });
});
