/** Report and user ids: random, URL-safe, matching REPORT_ID_PATTERN. */
import { randomBytes } from 'node:crypto';
import { PlenaryError } from '../../../shared/src/errors';
import { isReportId } from '../../../shared/src/rooms';

export function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

/** A report id from a URL: anything malformed is "no such report" (404), like an unknown one. */
export function reportIdParam(value: unknown): string {
  const id = String(value);
  if (!isReportId(id)) throw new PlenaryError('not_found', 'no such report');
  return id;
}
