/**
 * The translation endpoints of the HTTP API (docs/PROTOCOL.md §10) the grid calls: translation memory,
 * glossary, machine translation, pre-translation, import and export of one language version. Calls go through `request`, so errors
 * are the same `ApiError` as every other call's.
 */
import { request } from '../api/http';
import type { ImportResult } from '../../../shared/src/translation/importResult';
import type { GlossaryEntryResponse, GlossaryListResponse, NewGlossaryEntryRequest, TmMatch } from '../../../shared/src/api';

export type { TmMatch };

export interface MtPairs {
  provider: string | null;
  pairs: { from: string; to: string }[];
}

export interface PretranslateResult {
  filled: { tm: number; mt: number };
  skipped: number;
  run: string;
}

export type TranslationExportFormat = 'txt' | 'md' | 'html' | 'docx' | 'xliff';

export const translationApi = {
  tm: (q: string, from: string, to: string, mode: 'fuzzy' | 'concordance', signal?: AbortSignal) =>
    request<TmMatch[]>('GET', `/api/tm?${new URLSearchParams({ q: q.slice(0, 5000), from, to, mode, limit: '9' })}`, { signal }),
  glossary: (from: string, to: string) =>
    request<GlossaryListResponse>('GET', `/api/glossary?${new URLSearchParams({ from, to })}`).then((r) => r.entries),
  addTerm: (term: NewGlossaryEntryRequest) =>
    request<GlossaryEntryResponse>('POST', '/api/glossary', { json: term }).then((r) => r.entry),
  mt: (q: string, from: string, to: string, signal?: AbortSignal) =>
    request<{ text: string; provider: string }>('GET', `/api/mt?${new URLSearchParams({ q, from, to })}`, { signal }),
  mtPairs: () => request<MtPairs>('GET', '/api/mt/pairs'),
  undoPretranslate: (reportId: string, lang: string, run: string) =>
    request<{ removed: number; kept: number }>('DELETE', `/api/reports/${encodeURIComponent(reportId)}/pretranslate?${new URLSearchParams({ lang, run })}`),
  importFile: (reportId: string, lang: string, file: File) =>
    request<ImportResult>('POST', `/api/reports/${encodeURIComponent(reportId)}/import?${new URLSearchParams({ lang })}`, { body: file, contentType: file.type }),
};

export function translationExportUrl(reportId: string, lang: string, format: TranslationExportFormat, bilingual = false): string {
  const params = new URLSearchParams({ lang, format });
  if (bilingual) params.set('bilingual', '1');
  return `/api/reports/${encodeURIComponent(reportId)}/export?${params}`;
}
