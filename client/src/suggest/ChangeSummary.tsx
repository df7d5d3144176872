/**
 * What a suggestion changes, in words, for its card (issue 13): "Insert …", "Delete …",
 * "Replace … with …", "Format … bold". Review text is rendered as text, never as HTML.
 */
import type { Thread } from '../../../shared/src/review/threads';

const MARK_LABEL: Record<string, string> = { bold: 'bold', italic: 'italic', superscript: 'superscript', subscript: 'subscript' };

export function ChangeSummary({ thread }: { thread: Thread }) {
  const label = (text: string) => <span className="review-suggestion-label">{text}</span>;
  const proposed = (thread.proposed ?? '').replace(/\n/g, ' ¶ ');
  if (thread.join) return <p className="review-suggestion">{label('Join this paragraph to the next')} <del>¶</del></p>;
  switch (thread.change) {
    case 'insert':
      return <p className="review-suggestion">{label('Insert')} <ins>{proposed}</ins></p>;
    case 'delete':
      return <p className="review-suggestion">{label('Delete')} <del>{thread.quote}</del></p>;
    case 'format':
      return (
        <p className="review-suggestion">
          {label('Format')} “{thread.quote}” {label(`${thread.format?.on === false ? 'not ' : ''}${MARK_LABEL[thread.format?.mark ?? ''] ?? ''}`)}
        </p>
      );
    default:
      return (
        <p className="review-suggestion">
          {label('Replace')} <del>{thread.quote}</del> {label('with')} {proposed ? <ins>{proposed}</ins> : label('nothing (delete)')}
        </p>
      );
  }
}
