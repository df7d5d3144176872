/**
 * After a text import: the "paragraph N" mentions the text makes, listed for the user to
 * confirm which become live references (none is linked silently). Cancel imports as is.
 */
import { useState } from 'react';
import { Modal } from '../components/Modal';
import type { MentionCandidate } from '../../../shared/src/references/relink';

export function LinkMentionsDialog({ candidates, onDone }: { candidates: readonly MentionCandidate[]; onDone: (accepted: MentionCandidate[]) => void }) {
  const [checked, setChecked] = useState<boolean[]>(() => candidates.map(() => true));
  return (
    <Modal title="Link paragraph references?" onClose={() => onDone([])} wide>
      <p className="muted">
        The text mentions these paragraphs by number. Linked mentions become live references: they follow when paragraphs are renumbered, in every language.
      </p>
      <ul className="mention-list">
        {candidates.map((c, i) => (
          <li key={`${c.pid}:${c.node}:${c.mention.from}`}>
            <label>
              <input type="checkbox" checked={checked[i]} onChange={(e) => setChecked((all) => all.map((v, j) => (j === i ? e.target.checked : v)))} />
              <span>
                paragraph <strong>{c.mention.number}</strong> — “…{c.mention.context}…”
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button type="button" className="button ghost" onClick={() => onDone([])}>
          Import without links
        </button>
        <button type="button" className="button primary" onClick={() => onDone(candidates.filter((_, i) => checked[i]))}>
          Link {checked.filter(Boolean).length} and import
        </button>
      </div>
    </Modal>
  );
}
