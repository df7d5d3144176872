/**
 * The translation endpoints of the HTTP API (DESIGN §3) the grid calls: translation memory,
 * glossary, import and export of one language version. Errors become the same `ApiError`
 * as every other call, with the server's code and message.
 */
import { ApiError } from '../api/http';

export interface TmMatch {
  source: string;
  target: string;
  /** 0–100: 100 is an exact match after normalisation. */
  score: number;
  reportId: string;
  pid: string;
}

export interface GlossaryEntry {
  id: string;
  from: string;
  to: string;
  source: string;
  target: string;
  note: string;
  createdBy: string;
  createdAt: number;
}

export interface ImportResult {
  format: 'txt' | 'docx' | 'xliff';
  imported: number;
  unchanged: number;
  unmatched: { line: number | null; text: string }[];
  missing: number;
  skipped: number;
}

export type TranslationExportFormat = 'txt' | 'md' | 'html' | 'docx' | 'xliff';

async function call<T>(method: string, path: string, init: { json?: unknown; body?: Blob; contentType?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body) {
    headers['content-type'] = init.contentType || 'application/octet-stream';
    body = init.body;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: init.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
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

export const translationApi = {
  tm: (q: string, from: string, to: string, mode: 'fuzzy' | 'concordance', signal?: AbortSignal) =>
    call<TmMatch[]>('GET', `/api/tm?${new URLSearchParams({ q: q.slice(0, 5000), from, to, mode, limit: '9' })}`, { signal }),
  glossary: (from: string, to: string) =>
    call<{ entries: GlossaryEntry[] }>('GET', `/api/glossary?${new URLSearchParams({ from, to })}`).then((r) => r.entries),
  addTerm: (term: { from: string; to: string; source: string; target: string; note?: string }) =>
    call<{ entry: GlossaryEntry }>('POST', '/api/glossary', { json: term }).then((r) => r.entry),
  importFile: (reportId: string, lang: string, file: File) =>
    call<ImportResult>('POST', `/api/reports/${encodeURIComponent(reportId)}/import?${new URLSearchParams({ lang })}`, { body: file, contentType: file.type }),
};

export function translationExportUrl(reportId: string, lang: string, format: TranslationExportFormat, bilingual = false): string {
  const params = new URLSearchParams({ lang, format });
  if (bilingual) params.set('bilingual', '1');
  return `/api/reports/${encodeURIComponent(reportId)}/export?${params}`;
}
