/**
 * The glossary of the language pair: the terms found in the focused row first, then every
 * term (filterable), and a form to add one. The server decides who may add (owners, drafters,
 * translators); its refusal is shown as it comes.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { languageName } from '../../../shared/src/rooms';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import { translationApi } from './translationApi';
import type { TermHighlighter } from './glossaryHighlight';
import { GlossaryFiles } from './AssetFiles';

export function GlossaryPanel({ entries, terms, current, from, to, targetDir, canAdd, onAdded }: {
  entries: readonly GlossaryEntry[];
  terms: TermHighlighter | null;
  current: string | null;
  from: string;
  to: string;
  targetDir: 'ltr' | 'rtl';
  canAdd: boolean;
  onAdded: () => void;
}) {
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inRow = useMemo(() => (current && terms ? terms.termsIn(current) : []), [current, terms]);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? entries.filter((e) => e.source.toLowerCase().includes(f) || e.target.toLowerCase().includes(f)) : entries;
  }, [entries, filter]);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    try {
      await translationApi.addTerm({
        from,
        to,
        source: String(data.get('source') ?? ''),
        target: String(data.get('target') ?? ''),
        note: String(data.get('note') ?? ''),
      });
      form.reset();
      setAdding(false);
      onAdded();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The term could not be added.');
    }
  }

  return (
    <section className="panel-section glossary-panel" aria-label="Glossary">
      <h3 className="sidebar-title">
        Glossary <span className="muted">{from.toUpperCase()} → {to.toUpperCase()}</span>
      </h3>
      {inRow.length > 0 && (
        <ul className="term-list in-row" aria-label="Terms in this row">
          {inRow.map((t) => (
            <li key={`${t.source}\u0000${t.target}`}>
              <span className="term-source">{t.source}</span>
              <span className="term-target" lang={to} dir={targetDir}>
                {t.target}
              </span>
            </li>
          ))}
        </ul>
      )}
      {entries.length > 6 && <input className="term-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter terms" aria-label="Filter glossary terms" />}
      {entries.length === 0 ? (
        <p className="muted small">No agreed terms for {languageName(from)} → {languageName(to)} yet.</p>
      ) : (
        <ul className="term-list">
          {shown.map((entry) => (
            <li key={entry.id} title={entry.note || undefined}>
              <span className="term-source">{entry.source}</span>
              <span className="term-target" lang={to} dir={targetDir}>
                {entry.target}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canAdd &&
        (adding ? (
          <form className="term-form" onSubmit={add}>
            <input name="source" placeholder={`Term in ${languageName(from)}`} aria-label="Source term" required maxLength={200} autoFocus />
            <input name="target" placeholder={`Agreed ${languageName(to)}`} aria-label="Target term" required maxLength={200} lang={to} dir={targetDir} />
            <input name="note" placeholder="Note (optional)" aria-label="Note" maxLength={1000} />
            <div className="term-form-actions">
              <button type="button" className="button small ghost" onClick={() => setAdding(false)}>
                Cancel
              </button>
              <button type="submit" className="button small primary">
                Add term
              </button>
            </div>
            {error && <p className="form-error">{error}</p>}
          </form>
        ) : (
          <button type="button" className="button small ghost add-term" onClick={() => setAdding(true)}>
            + Add term
          </button>
        ))}
      {canAdd && <GlossaryFiles from={from} to={to} onImported={onAdded} />}
    </section>
  );
}
