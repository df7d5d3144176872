/**
 * A version diff made readable: one entry per changed paragraph, by its number, with a badge
 * for the kind of change, inserted words green and underlined, deleted words red and struck,
 * and who made the change. All text is rendered as text.
 */
import type { BlockChange, BlockChangeKind } from '../../../shared/src/history/blockDiff';

const KIND_LABEL: Record<BlockChangeKind, string> = { added: 'Added', removed: 'Removed', moved: 'Moved', changed: 'Changed' };

function blockLabel(change: BlockChange): string {
  if (change.number !== null) return `¶ ${change.number}`;
  switch (change.type) {
    case 'heading':
      return 'Heading';
    case 'footnote':
      return 'Footnote';
    case 'paragraph':
      return 'Paragraph';
  }
}

/** Long unchanged stretches are cut to their ends, so the changes stand out. */
const KEEP = 90;
function clipEqual(text: string, first: boolean, last: boolean): string {
  if (text.length <= KEEP * 2 + 20) return text;
  if (first && last) return text;
  if (first) return `… ${text.slice(-KEEP).replace(/^\S*\s/, '')}`;
  if (last) return `${text.slice(0, KEEP).replace(/\s\S*$/, '')} …`;
  return `${text.slice(0, KEEP).replace(/\s\S*$/, '')} … ${text.slice(-KEEP).replace(/^\S*\s/, '')}`;
}

function ChangeText({ change }: { change: BlockChange }) {
  switch (change.kind) {
    case 'added':
      return <ins>{change.after}</ins>;
    case 'removed':
      return <del>{change.before}</del>;
    case 'moved':
    case 'changed':
      if (!change.words) return <>{change.after}</>;
      return (
        <>
          {change.words.map((word, i, all) =>
            word.type === 'insert' ? (
              <ins key={i}>{word.text}</ins>
            ) : word.type === 'delete' ? (
              <del key={i}>{word.text}</del>
            ) : (
              <span key={i}>{clipEqual(word.text, i === 0, i === all.length - 1)}</span>
            ),
          )}
        </>
      );
  }
}

export function VersionDiff({ changes }: { changes: readonly BlockChange[] }) {
  if (changes.length === 0) return <p className="history-empty muted">No differences in the text.</p>;
  const counts = changes.reduce<Partial<Record<BlockChangeKind, number>>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {});
  return (
    <div className="version-diff">
      <p className="diff-summary">
        {(Object.keys(KIND_LABEL) as BlockChangeKind[])
          .filter((k) => counts[k])
          .map((k) => (
            <span key={k} className={`diff-kind kind-${k}`}>
              {counts[k]} {KIND_LABEL[k].toLowerCase()}
            </span>
          ))}
      </p>
      <ol className="diff-changes">
        {changes.map((change) => (
          <li key={`${change.kind}:${change.pid}`} className={`diff-change kind-${change.kind}`} data-pid={change.pid} data-kind={change.kind}>
            <header>
              <span className="diff-block">{blockLabel(change)}</span>
              <span className={`diff-kind kind-${change.kind}`}>{KIND_LABEL[change.kind]}</span>
              {change.authors && change.authors.length > 0 && <span className="diff-authors">by {change.authors.join(', ')}</span>}
            </header>
            <p className={`diff-text type-${change.type}`}>
              <ChangeText change={change} />
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
