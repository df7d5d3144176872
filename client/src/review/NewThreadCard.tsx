/**
 * The card for a thread being started on a selected range: a comment, or a suggestion with
 * its replacement text and an optional note. Nothing is written before "Comment"/"Suggest".
 */
import { useEffect, useRef, useState } from 'react';
import type { ThreadKind } from '../../../shared/src/review/threads';
import { Avatar } from '../components/Avatar';
import { MentionInput } from './MentionInput';

export interface NewThreadInput {
  body: string;
  proposed?: string;
}

interface Props {
  kind: ThreadKind;
  quote: string;
  me: string;
  color: string;
  members: readonly string[];
  onSubmit: (input: NewThreadInput) => void;
  onCancel: () => void;
}

export function NewThreadCard({ kind, quote, me, color, members, onSubmit, onCancel }: Props) {
  const [body, setBody] = useState('');
  const [proposed, setProposed] = useState(quote);
  const suggestion = kind === 'suggestion';
  const proposal = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (suggestion) proposal.current?.focus({ preventScroll: true });
  }, [suggestion]);
  const ready = suggestion ? proposed !== quote : body.trim().length > 0;
  const submit = () => {
    if (!ready) return;
    onSubmit(suggestion ? { body: body.trim(), proposed } : { body: body.trim() });
  };
  return (
    <section className={`review-card is-active is-new kind-${kind}`} aria-label={suggestion ? 'New suggestion' : 'New comment'}>
      <header className="review-card-head">
        <Avatar name={me} color={color} size={26} />
        <div className="review-card-who">
          <strong>{me}</strong>
          <span className="muted">{suggestion ? 'Suggest an edit' : 'New comment'}</span>
        </div>
      </header>
      {suggestion ? (
        <label className="review-proposal">
          <span>
            Replace <del>{quote}</del> with
          </span>
          <textarea
            rows={2}
            ref={proposal}
            value={proposed}
            aria-label="Replacement text"
            onFocus={(e) => e.currentTarget.select()}
            onChange={(e) => setProposed(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
              if (e.key === 'Escape') onCancel();
            }}
          />
        </label>
      ) : (
        <p className="review-quote">“{quote}”</p>
      )}
      <MentionInput
        value={body}
        onChange={setBody}
        onSubmit={submit}
        onCancel={onCancel}
        members={members}
        placeholder={suggestion ? 'Add a note (optional)' : 'Comment… (@ to mention)'}
        label={suggestion ? 'Note' : 'Comment'}
        autoFocus={!suggestion}
      />
      <div className="review-row-actions">
        <button type="button" className="button primary small" disabled={!ready} onClick={submit}>
          {suggestion ? 'Suggest' : 'Comment'}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
