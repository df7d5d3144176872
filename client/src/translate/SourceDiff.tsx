/**
 * What changed in a source paragraph since its translation was confirmed: a word diff of
 * `status.sourceText` against the current source text (shared wordDiff, built on `diff`).
 */
import { useMemo } from 'react';
import { wordDiff } from '../../../shared/src/translation/wordDiff';

export function SourceDiff({ before, after }: { before: string; after: string }) {
  const changes = useMemo(() => wordDiff(before, after), [before, after]);
  return (
    <p className="source-diff" aria-label="Changes in the source since the translation was confirmed">
      {changes.map((change, i) =>
        change.type === 'insert' ? (
          <ins key={i}>{change.text}</ins>
        ) : change.type === 'delete' ? (
          <del key={i}>{change.text}</del>
        ) : (
          <span key={i}>{change.text}</span>
        ),
      )}
    </p>
  );
}
