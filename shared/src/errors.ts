/** Typed errors with a stable `code`, mapped to HTTP statuses by the server. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_import'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'upstream_failed'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'internal';

export class PlenaryError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PlenaryError';
  }
}

/** An import that cannot be read; `line` is 1-based. */
export class ImportError extends PlenaryError {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super('invalid_import', `line ${line}: ${message}`, { line });
    this.name = 'ImportError';
  }
}
