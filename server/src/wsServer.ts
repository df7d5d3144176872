/**
 * The only file that knows `ws`: upgrades on /collab/<room>, checks the Origin, resolves who
 * is calling (ticket, token or cookie), hands the socket to CollabService, and runs the
 * heartbeat. Errors on a socket are logged and end that socket only; the request URL (which
 * may carry `?token=`) is never logged.
 *
 * Frames that arrive before admission completes (a client sends its SyncStep1 as soon as the
 * socket opens) wait in a queue bounded by count and bytes; over either, the socket is closed
 * 1008 (policy violation) and nothing of it is kept.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { UserRecord } from './storage/types';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CloseCode } from '../../shared/src/closeCodes';
import { ACK_PARAM } from '../../shared/src/protocol';
import type { CollabService } from './collab/collabService';
import type { CollabSocket } from './collab/socket';

export const COLLAB_PREFIX = '/collab/';

export interface WsOptions {
  maxPayloadBytes: number;
  heartbeatMs: number;
  /** Allowed browser origins; empty = same origin as the Host header. */
  origins: string[];
  /** Frames and bytes a socket may send before its admission completes. */
  maxEarlyFrames?: number;
  maxEarlyBytes?: number;
}

export const DEFAULT_MAX_EARLY_FRAMES = 64;
export const DEFAULT_MAX_EARLY_BYTES = 1024 * 1024;
/** Close code for a socket that sent too much before its admission (RFC 6455: policy violation). */
export const POLICY_VIOLATION = 1008;

export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true; // non-browser clients send none; they are judged by token alone
  if (allowed.includes(origin) || allowed.includes('*')) return true;
  try {
    return allowed.length === 0 && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * A socket as collab/ sees it. A class, not an object literal: a literal with a getter is
 * created in dictionary mode, and every relayed frame's `send` and `bufferedAmount` then went
 * through V8's slow property lookup (Builtins_LoadIC in perf at a50).
 */
class WsCollabSocket implements CollabSocket {
  constructor(private readonly ws: WebSocket) {}

  send(data: Uint8Array): void {
    this.ws.send(data, { binary: true });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason.slice(0, 120));
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}

export function attachCollab(
  server: Server,
  collab: CollabService,
  identify: (req: IncomingMessage) => Promise<UserRecord | null>,
  options: WsOptions,
  log: Logger,
) {
  const maxEarlyFrames = options.maxEarlyFrames ?? DEFAULT_MAX_EARLY_FRAMES;
  const maxEarlyBytes = options.maxEarlyBytes ?? DEFAULT_MAX_EARLY_BYTES;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const reject = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (err) => log.debug({ err }, 'upgrade socket error'));
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(COLLAB_PREFIX)) return reject(socket, 404, 'Not Found');
    if (!isOriginAllowed(req.headers.origin, req.headers.host, options.origins)) {
      log.warn({ origin: req.headers.origin }, 'websocket origin refused');
      return reject(socket, 403, 'Forbidden');
    }
    let roomName: string;
    try {
      roomName = decodeURIComponent(url.pathname.slice(COLLAB_PREFIX.length));
    } catch {
      return reject(socket, 400, 'Bad Request');
    }
    // Decide who this is before completing the upgrade; the room decision follows in admit().
    identify(req)
      .catch(() => null)
      .then((user) => {
        wss.handleUpgrade(req, socket, head, (ws) => {
          alive.set(ws, true);
          ws.on('pong', () => alive.set(ws, true));
          ws.on('error', (err) => {
            log.debug({ err: String(err) }, 'websocket error');
            ws.terminate();
          });
          const early: { data: Uint8Array; isBinary: boolean }[] = [];
          let earlyBytes = 0;
          let onMessage = (data: Uint8Array, isBinary: boolean) => {
            if (early.length >= maxEarlyFrames || earlyBytes + data.length > maxEarlyBytes) {
              early.length = 0;
              onMessage = () => {};
              log.warn({ room: roomName }, 'too much sent before admission');
              ws.close(POLICY_VIOLATION, 'too much sent before admission');
              return;
            }
            earlyBytes += data.length;
            early.push({ data, isBinary });
          };
          ws.on('message', (data: Buffer, isBinary) => onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), isBinary));
          let conn: Awaited<ReturnType<CollabService['admit']>> = null;
          ws.on('close', () => conn?.socketClosed());
          collab
            .admit(new WsCollabSocket(ws), user ? { id: user.id, name: user.name } : null, roomName, { ack: url.searchParams.get(ACK_PARAM) === '1' })
            .then((admitted) => {
              conn = admitted;
              if (!admitted) return;
              if (ws.readyState !== ws.OPEN) {
                admitted.socketClosed();
                early.length = 0;
                return;
              }
              onMessage = (data, isBinary) => {
                if (isBinary) admitted.receive(data);
                else admitted.close(CloseCode.Malformed, 'text frames are not part of the protocol');
              };
              for (const m of early.splice(0)) onMessage(m.data, m.isBinary);
            })
            .catch((err) => {
              log.error({ err, room: roomName }, 'could not open room');
              ws.close(CloseCode.InternalError, 'room unavailable');
            });
        });
      });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    wss,
    close: () => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
