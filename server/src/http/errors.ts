/** Maps typed errors to HTTP responses: `{"error": {"code", "message"}}` with the right status (docs/PROTOCOL.md [R17]). */
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { type ErrorCode, PlenaryError } from '../../../shared/src/errors';
import type { Logger } from '../log';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_import: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  upstream_failed: 502,
  payload_too_large: 413,
  too_many_requests: 429,
  internal: 500,
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof PlenaryError) {
      res.status(STATUS[err.code]).json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      return;
    }
    if (err instanceof ZodError) {
      const first = err.issues[0];
      const where = first?.path.length ? `${first.path.join('.')}: ` : '';
      res.status(400).json({ error: { code: 'bad_request', message: `${where}${first?.message ?? 'invalid input'}` } });
      return;
    }
    // body-parser errors carry a status and a type.
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status === 413) {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'request body too large' } });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: err.type === 'entity.parse.failed' ? 'invalid JSON body' : String(err.message ?? 'bad request') } });
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

export const notFound = (what = 'not found') => new PlenaryError('not_found', what);
export const badRequest = (message: string) => new PlenaryError('bad_request', message);
