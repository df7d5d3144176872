/**
 * The HTTP API contract (docs/PROTOCOL.md §10), once for both sides: zod request schemas the
 * server's routes parse with, and the response types the routes produce and the client reads.
 * The client imports types only, so zod stays out of its bundle.
 */
export * from './common';
export * from './auth';
export * from './reports';
export * from './versions';
export * from './translation';
