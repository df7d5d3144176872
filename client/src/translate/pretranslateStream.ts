/**
 * Runs a pre-translation and follows its progress: the server streams NDJSON lines
 * (`{progress: {done, total}}` per row looked up, then `{result}` or `{error}`) when asked
 * for `application/x-ndjson`; an error before the stream starts is an ordinary API error.
 */
import { ApiError } from '../api/http';
import type { PretranslateResult } from './translationApi';

export interface PretranslateRequest {
  tm: boolean;
  mt: boolean;
  minScore: number;
}

type Line = { progress: { done: number; total: number } } | { result: PretranslateResult } | { error: { code: string; message: string } };

export async function runPretranslate(reportId: string, lang: string, body: PretranslateRequest, onProgress: (done: number, total: number) => void): Promise<PretranslateResult> {
  let res: Response;
  try {
    res = await fetch(`/api/reports/${encodeURIComponent(reportId)}/pretranslate?${new URLSearchParams({ lang })}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection.');
  }
  if (!res.ok || !res.body) {
    const parsed = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, parsed?.error?.code ?? 'http_error', parsed?.error?.message ?? `${res.status} ${res.statusText}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffer += value ?? '';
    const lines = buffer.split('\n');
    buffer = done ? '' : lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Line;
      if ('progress' in line) onProgress(line.progress.done, line.progress.total);
      else if ('result' in line) return line.result;
      else throw new ApiError(500, line.error.code, line.error.message);
    }
    if (done) throw new ApiError(500, 'http_error', 'The pre-translation ended without a result.');
  }
}
