/**
 * The versions endpoints of the HTTP API (docs/PROTOCOL.md §10): list, save a named version, diff a
 * version against the current text or another version, restore. Errors are `ApiError`s.
 */
import { request } from '../api/http';
import type { RestoreResponse, Version, VersionDiff, VersionListResponse } from '../../../shared/src/api';

export type { Version, VersionDiff };

const base = (reportId: string) => `/api/reports/${encodeURIComponent(reportId)}/versions`;

export const versionsApi = {
  list: (reportId: string) => request<VersionListResponse>('GET', base(reportId)).then((r) => r.versions),
  save: (reportId: string, label: string) => request<Version>('POST', base(reportId), { json: { label } }),
  diff: (reportId: string, version: number, lang: string, to?: number) => {
    const params = new URLSearchParams({ lang });
    if (to !== undefined) params.set('to', String(to));
    return request<VersionDiff>('GET', `${base(reportId)}/${version}/diff?${params}`);
  },
  restore: (reportId: string, version: number, lang: string) => request<RestoreResponse>('POST', `${base(reportId)}/${version}/restore`, { json: { lang } }),
};
