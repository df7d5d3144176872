/**
 * Report settings kept with the report, in the original room's `settings` map (beside `meta`):
 * the word limit and frozen numbering. Written by the owner through the HTTP API
 * (PUT /api/reports/:id/settings), read live by every view from the room.
 *
 * Invariant: a missing or malformed value reads as its default, so an old room is a valid one.
 */
import type * as Y from 'yjs';

export const SETTINGS_MAP = 'settings';

/** The usual limit for a UN report (General Assembly practice), in words of the body. */
export const DEFAULT_WORD_LIMIT = 8500;

export interface ReportSettings {
  wordLimit: number;
  /** Frozen numbering for negotiation (see shared/src/numbering/frozen.ts). */
  frozen: boolean;
  /** When frozen: the paragraph number of each pid at the moment of freezing. */
  frozenNumbers: Readonly<Record<string, number>>;
}

function isNumberRecord(value: unknown): value is Record<string, number> {
  return !!value && typeof value === 'object' && Object.values(value).every((n) => Number.isInteger(n) && (n as number) > 0);
}

/** Links between a report and the revisions and corrigenda issued from it (both ways). */
export interface IssueLink {
  id: string;
  symbol: string;
  kind: 'rev' | 'corr';
  fromVersion: number;
}

/** `issuedFrom` on the new report, `issued` (a list) on the one it came from. */
export function readIssueLinks(map: Y.Map<unknown>): { issuedFrom: IssueLink | null; issued: IssueLink[] } {
  const isLink = (v: unknown): v is IssueLink => !!v && typeof v === 'object' && typeof (v as IssueLink).id === 'string' && typeof (v as IssueLink).symbol === 'string';
  const from = map.get('issuedFrom');
  const issued = map.get('issued');
  return { issuedFrom: isLink(from) ? from : null, issued: Array.isArray(issued) ? issued.filter(isLink) : [] };
}

export function readSettings(map: Y.Map<unknown>): ReportSettings {
  const limit = map.get('wordLimit');
  const numbers = map.get('frozenNumbers');
  return {
    wordLimit: typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_WORD_LIMIT,
    frozen: map.get('frozen') === true && isNumberRecord(numbers),
    frozenNumbers: isNumberRecord(numbers) ? numbers : {},
  };
}
