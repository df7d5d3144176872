/**
 * Translation memory beside the grid: matches for the focused row (score, what the remembered
 * source differs by, its translation with its formatting, the origin of imported memories;
 * 100% set apart), one click or Ctrl+1…9 to insert, then the machine suggestion (`children`),
 * and a concordance search over sources and translations.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { MarkupText } from './MarkupText';
import { MemoryFiles } from './AssetFiles';
import { ApiError } from '../api/http';
import { wordDiff } from '../../../shared/src/translation/wordDiff';
import { translationApi, type TmMatch } from './translationApi';
import type { TmState } from './useTmMatches';

function MatchSource({ match, current }: { match: TmMatch; current: string }) {
  if (match.score >= 100) return <span>{match.source}</span>;
  // What the remembered source has that the current one lacks (struck) and vice versa.
  return (
    <span>
      {wordDiff(match.source, current).map((c, i) =>
        c.type === 'equal' ? <span key={i}>{c.text}</span> : c.type === 'delete' ? <del key={i}>{c.text}</del> : <ins key={i}>{c.text}</ins>,
      )}
    </span>
  );
}

function MatchItem({ match, index, current, targetLang, targetDir, onInsert }: {
  match: TmMatch;
  index: number | null;
  current: string | null;
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
  onInsert: ((match: TmMatch) => void) | null;
}) {
  const exact = match.score >= 100;
  const body = (
    <>
      <span className="tm-head">
        <span className={`tm-score${exact ? ' exact' : ''}`}>{Math.round(match.score)}%</span>
        {match.origin && <span className="tm-origin" title="Imported memory">{match.origin}</span>}
        {index !== null && index < 9 && <kbd>Ctrl+{index + 1}</kbd>}
      </span>
      <span className="tm-source" title={match.source}>{current !== null ? <MatchSource match={match} current={current} /> : match.source}</span>
      <span className="tm-target" lang={targetLang} dir={targetDir}>
        <MarkupText markup={match.target} />
      </span>
    </>
  );
  return (
    <li className={`tm-match${exact ? ' exact' : ''}`} data-score={match.score}>
      {onInsert ? (
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => onInsert(match)} title="Insert this translation">
          {body}
        </button>
      ) : (
        <div>{body}</div>
      )}
    </li>
  );
}

export function TmPanel({ tm, current, from, to, targetDir, onInsert, children }: {
  tm: TmState;
  current: string | null;
  from: string;
  to: string;
  targetDir: 'ltr' | 'rtl';
  onInsert: ((match: TmMatch) => void) | null;
  /** Shown below the matches: the machine suggestion. */
  children?: ReactNode;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<TmMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return setResults(null);
    setError(null);
    try {
      setResults(await translationApi.tm(q, from, to, 'concordance'));
    } catch (err) {
      setResults(null);
      setError(err instanceof ApiError ? err.message : 'The memory could not be searched.');
    }
  }

  return (
    <section className="panel-section tm-panel" aria-label="Translation memory">
      <h3 className="sidebar-title">Translation memory</h3>
      {current === null ? (
        <p className="muted small">Focus a row to see matches from every report you can read.</p>
      ) : tm.loading ? (
        <p className="muted small">Searching…</p>
      ) : tm.error ? (
        <p className="form-error">{tm.error}</p>
      ) : tm.matches.length === 0 ? (
        <p className="muted small">No match for this row.</p>
      ) : (
        <ol className="tm-list">
          {tm.matches.map((match, i) => (
            <MatchItem key={`${match.reportId}:${match.pid}`} match={match} index={i} current={current} targetLang={to} targetDir={targetDir} onInsert={onInsert} />
          ))}
        </ol>
      )}
      {current !== null && children}
      <form className="concordance" onSubmit={search} role="search">
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Concordance: search words in the memory" aria-label="Concordance search" />
        <button type="submit" className="button small ghost">
          Search
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      {results && (results.length === 0 ? (
        <p className="muted small">Nothing in the memory contains “{query.trim()}”.</p>
      ) : (
        <ol className="tm-list concordance-results">
          {results.map((match) => (
            <MatchItem key={`${match.reportId}:${match.pid}`} match={match} index={null} current={null} targetLang={to} targetDir={targetDir} onInsert={onInsert} />
          ))}
        </ol>
      ))}
      <MemoryFiles from={from} to={to} />
    </section>
  );
}
