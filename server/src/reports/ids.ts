/** Report and user ids: random, URL-safe, matching REPORT_ID_PATTERN. */
import { randomBytes } from 'node:crypto';

export function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}
