/**
 * What the report page needs to know about a report, as early as possible. The editor only
 * needs the original language and the caller's role, which the cheap report list gives, so the
 * room opens from the list; the full details (members, progress — the server computes progress
 * over every language room) are fetched once the room is ready, so they do not compete with
 * its first sync. The last details are remembered on this device, so a report opened before
 * also opens offline.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type ReportDetail } from '../api/http';

/** What the editor needs before the details arrive (the list gives all but `myLanguages`). */
export type ReportAccess = Pick<ReportDetail, 'id' | 'title' | 'symbol' | 'originalLanguage' | 'languages' | 'role' | 'myLanguages'>;

const detailKey = (id: string) => `plenary.report.${id}`;

function cachedDetail(id: string): ReportDetail | null {
  try {
    return JSON.parse(localStorage.getItem(detailKey(id)) ?? 'null') as ReportDetail | null;
  } catch {
    return null;
  }
}

const accessOf = (d: ReportDetail): ReportAccess => ({
  id: d.id,
  title: d.title,
  symbol: d.symbol,
  originalLanguage: d.originalLanguage,
  languages: d.languages,
  role: d.role,
  myLanguages: d.myLanguages,
});

/** Bumps when the browser comes back online, to refetch what could not be fetched offline. */
function useOnlineGeneration(): number {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const online = () => setGeneration((g) => g + 1);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);
  return generation;
}

export function useReport(id: string, onUnauthorized: () => void, roomReady: boolean) {
  const online = useOnlineGeneration();
  const [access, setAccess] = useState<ReportAccess | null>(null);
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The list could not place the report: ask for the details at once (they explain why). */
  const [listMissed, setListMissed] = useState(false);

  useEffect(() => {
    let live = true;
    const cached = cachedDetail(id);
    setDetail(cached);
    setAccess(cached ? accessOf(cached) : null);
    setError(null);
    setListMissed(false);
    // Offline, the remembered details are all there is (a request would only fail).
    if (!navigator.onLine) {
      if (!cached) setError('You are offline, and this report has not been opened on this device yet.');
      return;
    }
    api.listReports().then(
      (list) => {
        if (!live) return;
        const entry = list.find((r) => r.id === id);
        if (entry) setAccess((current) => current ?? { ...entry, myLanguages: [] });
        else setListMissed(true);
      },
      () => live && setListMissed(true),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const wantDetail = roomReady || listMissed;
  useEffect(() => {
    if (!wantDetail || !navigator.onLine) return;
    let live = true;
    const cached = cachedDetail(id);
    api.getReport(id).then(
      (d) => {
        if (!live) return;
        performance.mark('plenary:detail');
        localStorage.setItem(detailKey(id), JSON.stringify(d));
        setDetail(d);
        setAccess((current) => {
          const next = accessOf(d);
          return current && JSON.stringify(current) === JSON.stringify(next) ? current : next;
        });
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 0) {
          if (!cached) setError('You are offline, and this report has not been opened on this device yet.');
        } else if (err instanceof ApiError && err.status === 401) onUnauthorized();
        else setError(err instanceof ApiError && err.status === 404 ? 'This report does not exist, or you have no access to it.' : err instanceof ApiError ? err.message : 'The report could not be loaded.');
      },
    );
    return () => {
      live = false;
    };
  }, [id, onUnauthorized, wantDetail, online]);

  const refresh = useCallback(() => {
    void api.getReport(id).then((d) => {
      localStorage.setItem(detailKey(id), JSON.stringify(d));
      setDetail(d);
    }, () => undefined);
  }, [id]);

  return { access, detail, error, refresh };
}
