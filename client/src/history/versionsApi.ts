/**
 * The versions endpoints of the HTTP API (DESIGN §3): list, save a named version, diff a
 * version against the current text or another version, restore. Errors are `ApiError`s.
 */
import { ApiError } from '../api/http';
import type { BlockChange } from '../../../shared/src/history/blockDiff';

export interface Version {
  id: number;
  label: string;
  auto: boolean;
  createdBy: string;
  createdAt: number;
}

export interface VersionDiff {
  from: number;
  to: number | 'current';
  lang: string;
  changes: BlockChange[];
}

async function call<T>(method: 'GET' | 'POST', path: string, json?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: json === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection.');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? `${res.status} ${res.statusText}`);
  }
  return parsed as T;
}

const base = (reportId: string) => `/api/reports/${encodeURIComponent(reportId)}/versions`;

export const versionsApi = {
  list: (reportId: string) => call<{ versions: Version[] }>('GET', base(reportId)).then((r) => r.versions),
  save: (reportId: string, label: string) => call<Version>('POST', base(reportId), { label }),
  diff: (reportId: string, version: number, lang: string, to?: number) => {
    const params = new URLSearchParams({ lang });
    if (to !== undefined) params.set('to', String(to));
    return call<VersionDiff>('GET', `${base(reportId)}/${version}/diff?${params}`);
  },
  restore: (reportId: string, version: number, lang: string) => call<{ restored: string[] }>('POST', `${base(reportId)}/${version}/restore`, { lang }),
};
