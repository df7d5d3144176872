/**
 * Word counts in the translation grid's header, one per language: the original's body and
 * this translation's translated rows (shared/src/model/wordCount.ts), each against the report's
 * limit, red over it.
 */
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { blockWords, wordCountState } from '../../../shared/src/model/wordCount';
import type { PMTextBlock } from '../../../shared/src/model/schema';
import { useReportSettings } from './useReportSettings';
import { formatWords } from './WordCountBadge';

interface CountedRow {
  source: PMTextBlock;
  segment: PMTextBlock | null;
}

export function GridWordCount({ rows, originalDoc, sourceLang, targetLang }: { rows: readonly CountedRow[]; originalDoc: Y.Doc; sourceLang: string; targetLang: string }) {
  const { wordLimit } = useReportSettings(originalDoc);
  const [source, target] = useMemo(() => {
    let s = 0;
    let t = 0;
    for (const row of rows) {
      s += blockWords(row.source);
      if (row.segment) t += blockWords(row.segment);
    }
    return [s, t];
  }, [rows]);
  const badge = (lang: string, words: number) => {
    const { over } = wordCountState(words, wordLimit);
    return (
      <span className={`word-count${over ? ' over' : ''}`} data-lang={lang} data-over={over} title="Body words, without masthead and footnotes, against the report’s limit">
        {lang.toUpperCase()} {formatWords(words)} / {formatWords(wordLimit)}
      </span>
    );
  };
  return (
    <div className="grid-word-counts" aria-label="Word counts">
      {badge(sourceLang, source)}
      {badge(targetLang, target)}
    </div>
  );
}
