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

const address = await plenary.listen();
const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
log.info({ url, storage: plenary.storage.kind, pubsub: plenary.pubsub.kind }, 'Plenary is listening');
if (config.demo) {
  const demo = await seedDemo(plenary).catch((err) => {
    log.error({ err }, 'could not create the demo workspace');
    return null;
  });
  if (demo) {
    process.stdout.write(`\nPlenary demo workspace created.\n  Open ${url}/ and sign in as "${demo.name}" with password "${demo.password}".\n  Report: ${url}/reports/${demo.reportId}\n\n`);
  }
}
process.stdout.write(`Plenary running at ${url}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  plenary.close().then(
    () => process.exit(0),
    (err) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
