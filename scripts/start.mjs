#!/usr/bin/env node
// `npm start`: build the client and the server bundle if missing or older than their sources,
// then serve with plain node.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'dist/client/index.html';
const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newest('client'), newest('shared'));
if (stale) {
  console.log('Building the client…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { SERVER_BUNDLE, buildServer, serverBundleIsStale } = await import('./buildServer.mjs');
if (serverBundleIsStale()) {
  console.log('Building the server…');
  await buildServer();
}
const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
