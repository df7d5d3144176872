/**
 * The review menu of the toolbar (issue 13): the count of open suggestions, and for whoever
 * may write the text, accept all / reject all — in the document, in the selection, or by one
 * author. Accepting all is one undoable step (acceptMany).
 */
import { useState } from 'react';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import type { Thread } from '../../../shared/src/review/threads';
import { reviewRanges } from '../review/reviewDecorations';
import { acceptMany, rejectMany } from './acceptChanges';

export interface SuggestionMenuProps {
  editor: Editor;
  review: Y.Doc;
  /** The threads of the editor's room. */
  threads: readonly Thread[];
  canDecide: boolean;
}

type Scope = 'all' | 'selection' | `author:${string}`;

/** The open suggestions in a scope. */
export function inScope(editor: Editor, threads: readonly Thread[], scope: Scope): Thread[] {
  const open = threads.filter((t) => t.kind === 'suggestion' && t.status === 'open');
  if (scope === 'all') return open;
  if (scope === 'selection') {
    const { from, to } = editor.state.selection;
    const ranges = reviewRanges(editor);
    return open.filter((t) => {
      const r = ranges.get(t.id);
      return !!r && r.from >= from && r.to <= to;
    });
  }
  const author = scope.slice('author:'.length);
  return open.filter((t) => t.createdBy === author);
}

export function SuggestionMenu({ editor, review, threads, canDecide }: SuggestionMenuProps) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<Scope>('all');
  const [notice, setNotice] = useState<string | null>(null);
  const pending = threads.filter((t) => t.kind === 'suggestion' && t.status === 'open');
  const authors = [...new Set(pending.map((t) => t.createdBy))].sort();
  const act = (accept: boolean) => {
    const chosen = inScope(editor, threads, scope);
    const done = accept ? acceptMany(editor, review, chosen) : rejectMany(review, chosen);
    const left = chosen.length - done.length;
    setNotice(`${accept ? 'Accepted' : 'Rejected'} ${done.length}${left ? `; ${left} could not be applied (their text is gone or overlaps)` : ''}.`);
  };
  return (
    <span className="suggestion-menu">
      <button type="button" className="button ghost small" aria-expanded={open} aria-label={`Suggestions: ${pending.length} open`} onMouseDown={(e) => e.preventDefault()} onClick={() => setOpen((v) => !v)}>
        Suggestions <span className="suggestion-count">{pending.length}</span>
      </button>
      {open && (
        <span className="suggestion-menu-panel" role="dialog" aria-label="Review suggestions">
          <select aria-label="Which suggestions" value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
            <option value="all">In the document</option>
            <option value="selection">In the selection</option>
            {authors.map((a) => (
              <option key={a} value={`author:${a}`}>
                By {a}
              </option>
            ))}
          </select>
          {canDecide ? (
            <>
              <button type="button" className="button primary small" onMouseDown={(e) => e.preventDefault()} onClick={() => act(true)}>
                Accept all
              </button>
              <button type="button" className="button small" onMouseDown={(e) => e.preventDefault()} onClick={() => act(false)}>
                Reject all
              </button>
            </>
          ) : (
            <span className="muted">Only those who may write this text accept or reject.</span>
          )}
          {notice && <span className="suggestion-notice" role="status">{notice}</span>}
        </span>
      )}
    </span>
  );
}
