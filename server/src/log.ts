/** Structured JSON logs (pino). Secrets and tokens are redacted wherever they appear. */
import pino from 'pino';

export function createLogger(level: string) {
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
  });
}
export type { Logger } from 'pino';
