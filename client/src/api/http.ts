/**
 * The HTTP API (docs/PROTOCOL.md §10) as typed calls. The session is the HttpOnly cookie the server sets
 * on sign-in, so requests carry no token; every error becomes an `ApiError` with the server's
 * error code and message.
 */
import type {
  AuthResponse, CreatedReport, CreateReportRequest, MeResponse, Member, MembersResponse, PutMemberRequest, ReportDetail,
  ReportListResponse, ReportSummary, User,
} from '../../../shared/src/api';

// The contract's types, declared once in shared/src/api and re-exported for the UI.
export type { Member, ReportDetail, ReportSummary, User };
/** What the new-report dialog sends. */
export type NewReport = CreateReportRequest;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  json?: unknown;
  /** A body sent as it is (a file to import), with `contentType` or as octet-stream. */
  body?: Blob;
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * One call of the HTTP API: the parsed JSON reply, or an `ApiError`. Every endpoint module
 * (this one, translation, versions) goes through here, so they all fail the same way. An abort
 * stays an AbortError: it is the caller's own doing, not a failure to show.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body) {
    headers['content-type'] = options.contentType || 'application/octet-stream';
    body = options.body;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection.');
  }
  if (res.status === 204) return undefined as T;
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

export const api = {
  me: () => request<MeResponse>('GET', '/api/auth/me').then((r) => r.user),
  login: (name: string, password: string) => request<AuthResponse>('POST', '/api/auth/login', { json: { name, password } }).then((r) => r.user),
  signup: (name: string, password: string) => request<AuthResponse>('POST', '/api/auth/signup', { json: { name, password } }).then((r) => r.user),
  logout: () => request<void>('POST', '/api/auth/logout'),
  listReports: () => request<ReportListResponse>('GET', '/api/reports').then((r) => r.reports),
  getReport: (id: string) => request<ReportDetail>('GET', `/api/reports/${encodeURIComponent(id)}`),
  createReport: (input: NewReport) => request<CreatedReport>('POST', '/api/reports', { json: input }),
  setMember: (id: string, member: PutMemberRequest) =>
    request<MembersResponse>('PUT', `/api/reports/${encodeURIComponent(id)}/members`, { json: member }).then((r) => r.members),
};

export function exportUrl(id: string, format: 'txt' | 'md' | 'html' | 'docx', lang?: string): string {
  const params = new URLSearchParams({ format });
  if (lang) params.set('lang', lang);
  return `/api/reports/${encodeURIComponent(id)}/export?${params}`;
}
