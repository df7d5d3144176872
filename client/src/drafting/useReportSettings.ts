/**
 * The report settings (word limit, frozen numbering) as they stand in the original room's
 * `settings` map, live; and the owner's call that changes them (PUT /api/reports/:id/settings).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { request } from '../api/http';
import { readSettings, SETTINGS_MAP, type ReportSettings } from '../../../shared/src/model/settings';

const cache = new WeakMap<Y.Map<unknown>, { key: string; value: ReportSettings }>();

function snapshot(map: Y.Map<unknown>): ReportSettings {
  const value = readSettings(map);
  const key = JSON.stringify(value);
  const cached = cache.get(map);
  if (cached && cached.key === key) return cached.value;
  cache.set(map, { key, value });
  return value;
}

export function useReportSettings(doc: Y.Doc): ReportSettings {
  const map = doc.getMap<unknown>(SETTINGS_MAP);
  const subscribe = useCallback(
    (onChange: () => void) => {
      map.observe(onChange);
      return () => map.unobserve(onChange);
    },
    [map],
  );
  return useSyncExternalStore(subscribe, () => snapshot(map));
}

export function putSettings(reportId: string, change: { wordLimit?: number; frozen?: boolean }): Promise<ReportSettings> {
  return request<ReportSettings>('PUT', `/api/reports/${encodeURIComponent(reportId)}/settings`, { json: change });
}

export interface WordCounts {
  limit: number;
  words: Record<string, number>;
}

export function getWordCounts(reportId: string): Promise<WordCounts> {
  return request<WordCounts>('GET', `/api/reports/${encodeURIComponent(reportId)}/words`);
}
