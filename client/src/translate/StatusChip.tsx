/** A row's state as a small coloured chip, and the "source changed" flag beside it. */
import type { RowState } from '../../../shared/src/model/translation';

export const STATE_LABELS: Readonly<Record<RowState, string>> = {
  untranslated: 'Untranslated',
  draft: 'Draft',
  translated: 'Translated',
  reviewed: 'Reviewed',
};

export function StatusChip({ state, stale }: { state: RowState; stale: boolean }) {
  return (
    <span className="status-chips">
      <span className={`status-chip state-${state}`} data-state={state}>
        {STATE_LABELS[state]}
      </span>
      {stale && (
        <span className="status-chip stale" data-state="stale">
          Source changed
        </span>
      )}
    </span>
  );
}
