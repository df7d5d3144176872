/**
 * One row of the grid: number, source (read-only, glossary terms highlighted; a word diff
 * when the source changed since confirmation), the translation (static HTML, or the live
 * editor when this is the focused row of someone who may write), status, QA warnings, and the
 * avatars of the other people in this row. Memoised: rows re-render only when their row
 * object (or what they show around it) changes.
 */
import { memo, type MouseEvent } from 'react';
import type { Peer } from '../presence/presence';
import { Avatar } from '../components/Avatar';
import type { SegmentState } from '../../../shared/src/model/translation';
import type { GridRow } from './gridStore';
import type { TermHighlighter } from './glossaryHighlight';
import { StaticBlock } from './StaticBlock';
import { SourceDiff } from './SourceDiff';
import { StatusChip } from './StatusChip';
import { rowLabel, rowNumber } from './rowLabel';
import type { CaretPoint } from './SegmentEditor';
import type { BlockHighlight } from '../review/blockHighlights';

export interface RowActions {
  activate(pid: string, point: CaretPoint | null): void;
  mark(pid: string, state: SegmentState): void;
  confirm(pid: string): void;
}

export interface SegmentRowProps {
  row: GridRow;
  active: boolean;
  writable: boolean;
  sourceLang: string;
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
  footnotes: ReadonlyMap<string, string>;
  terms: TermHighlighter | null;
  peers: readonly Peer[] | undefined;
  actions: RowActions;
  /** Open review threads on this row (language room). */
  threads?: number;
  /** Open suggestions on the original's paragraph (issue 13). */
  sourcePending?: number;
  /** Their ranges in the translation, drawn while the row has no editor. */
  highlights?: readonly BlockHighlight[];
  /** The live editor, rendered by the grid for the focused row. */
  editor: React.ReactNode;
}

function formatWhen(at: number): string {
  const date = new Date(at);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString([], { day: 'numeric', month: 'short' });
}

export const SegmentRow = memo(function SegmentRow({
  row, active, writable, sourceLang, targetLang, targetDir, footnotes, terms, peers, actions, threads = 0, sourcePending = 0, highlights, editor,
}: SegmentRowProps) {
  const { pid, block, status } = row;
  const activateAt = (event: MouseEvent) => {
    if (active && editor) return;
    if ((event.target as HTMLElement).closest('button, a')) return;
    actions.activate(pid, { x: event.clientX, y: event.clientY });
  };
  const hasTarget = row.segmentText.trim() !== '' || (row.segment?.content?.length ?? 0) > 0;

  return (
    <div
      className={`trow type-${block.type} state-${row.state}${row.stale ? ' stale' : ''}${active ? ' active' : ''}`}
      data-pid={pid}
      data-state={row.state}
      data-stale={row.stale ? 'true' : 'false'}
      role="row"
      aria-selected={active}
      aria-label={rowLabel(block)}
    >
      <div className="trow-num" role="rowheader">
        {rowNumber(block)}
      </div>
      <div className="trow-source" lang={sourceLang} dir="auto" role="cell" onMouseDown={() => !active && actions.activate(pid, null)}>
        {row.stale && status ? <SourceDiff before={status.sourceText} after={block.text} /> : <StaticBlock block={row.source} footnotes={footnotes} terms={terms} />}
        {sourcePending > 0 && (
          <div className="source-pending" dir="ltr" lang="en" title="Suggestions on the original not yet accepted or rejected">
            Pending change in the source ({sourcePending})
          </div>
        )}
      </div>
      <div className="trow-target" lang={targetLang} dir={targetDir} role="cell" onMouseDown={activateAt}>
        {active && editor ? (
          editor
        ) : (
          <div className={`segment-static segment-body${hasTarget ? '' : ' empty'}`} lang={targetLang} dir={targetDir}>
            {hasTarget && row.segment ? <StaticBlock block={row.segment} footnotes={footnotes} highlights={highlights} /> : <p className="placeholder">{writable ? 'Type the translation…' : 'Not translated yet'}</p>}
          </div>
        )}
        {row.stale && status && (
          <div className="stale-note" dir="ltr" lang="en">
            <span>
              {status.state === 'draft'
                ? 'Source changed since this translation was last confirmed'
                : `Source changed since ${status.by || 'someone'} marked it ${status.state} · ${formatWhen(status.at)}`}
            </span>
            {writable && (
              <button type="button" className="link-button" onClick={() => actions.confirm(pid)}>
                Confirm
              </button>
            )}
          </div>
        )}
        {row.qa.length > 0 && (
          <ul className="trow-qa" dir="ltr" lang="en">
            {row.qa.map((issue) => (
              <li key={issue.code} data-code={issue.code} title={issue.message}>
                {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="trow-side" role="cell">
        <StatusChip state={row.state} stale={row.stale} origin={row.status?.origin} />
        {threads > 0 && (
          <button
            type="button"
            className="trow-threads"
            data-count={threads}
            title={`${threads} open comment${threads === 1 ? '' : 's'}`}
            aria-label={`${threads} open comment${threads === 1 ? '' : 's'}`}
            onClick={() => !active && actions.activate(pid, null)}
          >
            <svg viewBox="0 0 20 20" width="13" height="13" aria-hidden="true">
              <path d="M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
            </svg>
            {threads}
          </button>
        )}
        {peers && peers.length > 0 && (
          <span className="trow-peers">
            {peers.map((peer) => (
              <Avatar key={peer.clientId} name={peer.user.name} color={peer.user.color} size={22} title={`${peer.user.name} is here`} />
            ))}
          </span>
        )}
        {active && writable && (
          <span className="trow-actions">
            <button type="button" className="button small primary" title="Mark translated and go to the next row (Ctrl+Enter)" onClick={() => actions.mark(pid, 'translated')} disabled={!hasTarget}>
              ✓ Translated
            </button>
            <button type="button" className="button small ghost" title="Mark reviewed (Ctrl+Shift+Enter)" onClick={() => actions.mark(pid, 'reviewed')} disabled={!hasTarget}>
              Reviewed
            </button>
          </span>
        )}
      </div>
    </div>
  );
});
