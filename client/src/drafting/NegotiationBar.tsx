/**
 * Negotiation aids in the report header: how many bracketed (not agreed) passages the body has,
 * and, for the owner, freezing the numbering ("12 bis") and unfreezing it.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { ApiError } from '../api/http';
import { bracketedInBlock } from '../../../shared/src/format/brackets';
import { putSettings, useReportSettings } from './useReportSettings';
import { useBodySum } from './useBodyWords';

export function NegotiationBar({ doc, reportId, isOwner }: { doc: Y.Doc; reportId: string; isOwner: boolean }) {
  const brackets = useBodySum(doc, bracketedInBlock);
  const { frozen } = useReportSettings(doc);
  const [error, setError] = useState<string | null>(null);
  const toggle = () =>
    putSettings(reportId, { frozen: !frozen }).then(
      () => setError(null),
      (err: unknown) => setError(err instanceof ApiError ? err.message : 'Could not change the numbering'),
    );
  return (
    <>
      {brackets > 0 && (
        <span className="bracket-count" data-count={brackets} title="Passages in square brackets (not agreed)">
          [{brackets}] not agreed
        </span>
      )}
      {isOwner ? (
        <button type="button" className={`freeze-toggle${frozen ? ' on' : ''}`} aria-pressed={frozen} onClick={() => void toggle()} title={frozen ? 'Unfreeze: number paragraphs in order again' : 'Freeze numbering: new paragraphs become “12 bis”, deleted ones keep their number'}>
          {frozen ? 'Numbering frozen' : 'Freeze numbering'}
        </button>
      ) : (
        frozen && <span className="freeze-toggle on">Numbering frozen</span>
      )}
      {error && <span className="meta-problem">{error}</span>}
    </>
  );
}
