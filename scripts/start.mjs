#!/usr/bin/env node
// `npm start`: build the client and the server bundle if missing or older than their sources,
// then serve with plain node.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { SERVER_BUNDLE, buildServer, newest, serverBundleIsStale } from './buildServer.mjs';

const built = 'dist/client/index.html';
const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newest('client'), newest('shared'));
if (stale) {
  console.log('Building the client…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (serverBundleIsStale()) {
  console.log('Building the server…');
  await buildServer();
}
const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
