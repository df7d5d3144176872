/**
 * "4,512 / 8,500 words" in the report header: the live body count against the report's limit,
 * red over it. The owner clicks it to change the limit (stored with the report).
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { wordCountState } from '../../../shared/src/model/wordCount';
import { putSettings, useReportSettings } from './useReportSettings';
import { useBodyWords } from './useBodyWords';
import type * as Y from 'yjs';

export function formatWords(n: number, lang = 'en'): string {
  return new Intl.NumberFormat(lang).format(n);
}

export function WordCountBadge({ words, limit, reportId, isOwner }: { words: number; limit: number; reportId: string; isOwner: boolean }) {
  const [editing, setEditing] = useState(false);
  const state = wordCountState(words, limit);
  const text = `${formatWords(words)} / ${formatWords(limit)} words`;
  const title = state.over
    ? `${formatWords(words - limit)} words over the limit of ${formatWords(limit)} (body text, without masthead and footnotes)`
    : 'Words of the body, without masthead and footnotes, against the report’s limit';
  if (editing) return <LimitForm reportId={reportId} limit={limit} onDone={() => setEditing(false)} />;
  return isOwner ? (
    <button type="button" className={`word-count${state.over ? ' over' : ''}`} data-over={state.over} title={`${title}. Click to change the limit.`} onClick={() => setEditing(true)}>
      {text}
    </button>
  ) : (
    <span className={`word-count${state.over ? ' over' : ''}`} data-over={state.over} title={title}>
      {text}
    </span>
  );
}

function LimitForm({ reportId, limit, onDone }: { reportId: string; limit: number; onDone: () => void }) {
  const [value, setValue] = useState(String(limit));
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(value.replace(/[\s,.]/g, ''));
    if (!Number.isInteger(n) || n < 1) return setError('A whole number of words');
    try {
      await putSettings(reportId, { wordLimit: n });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not save the limit');
    }
  };
  return (
    <form className="word-limit-form" onSubmit={(e) => void submit(e)}>
      <input autoFocus aria-label="Word limit" value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onDone()} inputMode="numeric" />
      <button type="submit" className="button primary small">
        Set limit
      </button>
      {error && <span className="meta-problem">{error}</span>}
    </form>
  );
}

/** The header badge for the original room: live count, live limit. */
export function ReportWordCount({ doc, reportId, isOwner }: { doc: Y.Doc; reportId: string; isOwner: boolean }) {
  const words = useBodyWords(doc);
  const { wordLimit } = useReportSettings(doc);
  return <WordCountBadge words={words} limit={wordLimit} reportId={reportId} isOwner={isOwner} />;
}
