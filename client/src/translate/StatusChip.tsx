/**
 * A row's state as a small coloured chip, the "source changed" flag beside it, and for a draft
 * that no one typed, where it came from (memory, machine, repetition).
 */
import { originLabel, type RowState, type SegmentOrigin } from '../../../shared/src/model/translation';

export const STATE_LABELS: Readonly<Record<RowState, string>> = {
  untranslated: 'Untranslated',
  draft: 'Draft',
  translated: 'Translated',
  reviewed: 'Reviewed',
};

export function StatusChip({ state, stale, origin }: { state: RowState; stale: boolean; origin?: SegmentOrigin }) {
  return (
    <span className="status-chips">
      <span className={`status-chip state-${state}`} data-state={state}>
        {STATE_LABELS[state]}
      </span>
      {state === 'draft' && origin && (
        <span className={`status-chip origin origin-${origin.kind}`} data-origin={origin.kind} title="Filled automatically: confirm it to count it as translated">
          {originLabel(origin)}
        </span>
      )}
      {stale && (
        <span className="status-chip stale" data-state="stale">
          Source changed
        </span>
      )}
    </span>
  );
}
