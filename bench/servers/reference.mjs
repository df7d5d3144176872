#!/usr/bin/env node
/**
 * The reference y-websocket server (@y/websocket-server 0.1.1) as its own `src/server.js`
 * runs it — an http server whose upgrades go to `setupWSConnection` — with two changes:
 * HOST/PORT default to what the bench passes, and `ws` is the project's ws@8 (the package's
 * script resolves its own optional ws@6), so all three servers under test share one socket
 * library and the comparison is about what each does with a frame. In memory, no auth, no
 * persistence (YPERSISTENCE unset); the query string (our token) is ignored.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 1234);

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, host, () => console.log(`reference y-websocket server running at ${host}:${port}`));
process.on('SIGTERM', () => process.exit(0));
