/** Structured JSON logs (pino). Secrets and tokens are redacted wherever they appear. */
import pino from 'pino';

/** `destination`: where lines go (stdout by default; tests read them back). */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    base: { service: 'plenary' },
    redact: {
      paths: [
        'token', '*.token', 'ticket', '*.ticket', 'password', '*.password', 'secret', '*.secret',
        'url', '*.url', 'req.headers.authorization', 'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  }, destination ?? pino.destination(1));
}
export type { Logger } from 'pino';
