/** A report list row's word count (original body against the limit), fetched when the row shows. */
import { useEffect, useState } from 'react';
import { getWordCounts, type WordCounts } from './useReportSettings';
import { formatWords } from './WordCountBadge';

export function ListWordCount({ reportId, lang }: { reportId: string; lang: string }) {
  const [counts, setCounts] = useState<WordCounts | null>(null);
  useEffect(() => {
    let live = true;
    getWordCounts(reportId).then(
      (c) => live && setCounts(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reportId]);
  if (!counts) return null;
  const words = counts.words[lang] ?? 0;
  const over = words > counts.limit;
  return (
    <span className={`word-count${over ? ' over' : ''}`} data-over={over} title="Body words (without masthead and footnotes) against the report’s limit">
      {formatWords(words)} / {formatWords(counts.limit)} words
    </span>
  );
}
