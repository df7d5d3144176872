/**
 * Translation-memory matches for the focused row's source, fetched after a short pause (so
 * running down the rows with the keyboard does not fire a request per row) and cancelled
 * when the row changes. The row's own translation (same report and pid) is not a match for it.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { translationApi, type TmMatch } from './translationApi';

export interface TmState {
  /** The source text the matches are for. */
  query: string;
  matches: TmMatch[];
  loading: boolean;
  error: string | null;
}

const IDLE: TmState = { query: '', matches: [], loading: false, error: null };
const DELAY_MS = 150;

export function useTmMatches(source: string | null, from: string, to: string, reportId: string, pid: string | null): TmState {
  const [state, setState] = useState<TmState>(IDLE);
  useEffect(() => {
    const q = source?.trim() ?? '';
    if (!q) {
      setState(IDLE);
      return;
    }
    setState((s) => (s.query === q ? s : { query: q, matches: [], loading: true, error: null }));
    const abort = new AbortController();
    const timer = setTimeout(() => {
      translationApi.tm(q, from, to, 'fuzzy', abort.signal).then(
        (matches) => setState({ query: q, matches: matches.filter((m) => m.reportId !== reportId || m.pid !== pid), loading: false, error: null }),
        (err: unknown) => {
          if (abort.signal.aborted) return;
          setState({ query: q, matches: [], loading: false, error: err instanceof ApiError ? err.message : 'The memory could not be searched.' });
        },
      );
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [source, from, to, reportId, pid]);
  return state;
}
