/**
 * `npm run serve`: starts Plenary from the environment, seeds the demo workspace on an
 * empty store, and shuts down gracefully on SIGTERM/SIGINT (exit 0).
 */
import { loadConfig } from './config';
import { createPlenary } from './server';
import { seedDemo } from './reports/demo';

const config = loadConfig();
const plenary = await createPlenary(config);
const { log } = plenary;

process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception'));
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

// Signals are handled from the start: a SIGTERM while the demo is being seeded is a graceful
// shutdown too (it was the default, an immediate kill, until the seeding ended), once the
// seeding has finished — a half-seeded store would never be seeded again.
let seeding: Promise<unknown> = Promise.resolve();
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  seeding.then(() => plenary.close()).then(
    () => process.exit(0),
    (err) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

const address = await plenary.listen();
const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
log.info({ url, storage: plenary.storage.kind, pubsub: plenary.pubsub.kind }, 'Plenary is listening');
if (config.demo && !stopping) {
  const seeded = seedDemo(plenary).catch((err) => {
    log.error({ err }, 'could not create the demo workspace');
    return null;
  });
  seeding = seeded;
  const demo = await seeded;
  if (demo && !stopping) {
    process.stdout.write(`\nPlenary demo workspace created.\n  Open ${url}/ and sign in as "${demo.name}" with password "${demo.password}".\n  Report: ${url}/reports/${demo.reportId}\n\n`);
  }
}
process.stdout.write(`Plenary running at ${url}\n`);
