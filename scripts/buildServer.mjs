#!/usr/bin/env node
// Bundles the server (server/src and the shared/ code it uses) into dist/server/main.js with
// esbuild, node_modules left external, so production runs plain `node` instead of
// transpiling TypeScript at start (tsx). `node scripts/buildServer.mjs --if-stale` skips the
// build when the bundle is newer than every source file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const SERVER_BUNDLE = 'dist/server/main.js';

/** The newest modification time of anything below `dir`, in ms. */
export const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

export function serverBundleIsStale() {
  return !existsSync(SERVER_BUNDLE) || statSync(SERVER_BUNDLE).mtimeMs < Math.max(newest('server/src'), newest('shared/src'));
}

export async function buildServer() {
  await build({
    entryPoints: ['server/src/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: SERVER_BUNDLE,
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--if-stale') || serverBundleIsStale()) await buildServer();
}
