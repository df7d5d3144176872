/**
 * The bar over the grid: progress of this language (counts by status, source changed), the
 * QA summary, row filters, the people in this language version, and the keyboard shortcuts.
 */
import { useState } from 'react';
import type { LanguageProgress } from '../../../shared/src/model/translation';
import type { QaCode } from '../../../shared/src/translation/qa';
import type { Peer } from '../presence/presence';
import { describeWhere } from '../presence/presence';
import { Avatar } from '../components/Avatar';

export type RowFilter = 'all' | 'todo' | 'stale' | 'qa';

const QA_LABELS: Readonly<Record<QaCode, string>> = {
  empty: 'empty',
  identical: 'identical to source',
  missing_number: 'numbers',
  missing_date: 'dates',
  missing_symbol: 'document symbols',
  missing_footnote: 'footnote markers',
  missing_term: 'glossary terms',
  reference_mismatch: 'paragraph references',
  reference_deleted: 'references to deleted paragraphs',
};

const SHORTCUTS: [string, string][] = [
  ['Alt+↓ / Alt+↑', 'Next / previous row (also Ctrl+↓ / Ctrl+↑)'],
  ['Alt+Shift+↓', 'Next row to do: untranslated, draft or source changed'],
  ['Ctrl+Enter', 'Mark translated and go to the next row'],
  ['Ctrl+Shift+Enter', 'Mark reviewed and go to the next row'],
  ['Ctrl+1 … 9', 'Insert that translation-memory match'],
  ['Shift+Enter', 'Line break inside a row'],
  ['Esc', 'Leave the row’s editor'],
];

export function GridBar({ progress, qa, qaRows, todoRows, filter, onFilter, onNextToDo, peers }: {
  progress: LanguageProgress;
  /** Rows untranslated, draft or with a changed source. */
  todoRows: number;
  qa: Readonly<Record<QaCode, number>>;
  qaRows: number;
  filter: RowFilter;
  onFilter: (filter: RowFilter) => void;
  onNextToDo: () => void;
  peers: readonly Peer[];
}) {
  const [help, setHelp] = useState(false);
  const pct = (n: number) => (progress.total ? `${(100 * n) / progress.total}%` : '0%');
  const done = progress.translated + progress.reviewed;
  const qaTitle = (Object.entries(qa) as [QaCode, number][])
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${n} row${n === 1 ? '' : 's'}: ${QA_LABELS[code]}`)
    .join('\n');

  const filterButton = (value: RowFilter, label: string, count: number, extra = '') => (
    <button type="button" className={`tfilter${filter === value ? ' on' : ''}${extra}`} aria-pressed={filter === value} onClick={() => onFilter(filter === value && value !== 'all' ? 'all' : value)}>
      {label} <span className="count">{count}</span>
    </button>
  );

  return (
    <div className="tgrid-bar">
      <div className="tprogress" title={`${progress.reviewed} reviewed, ${progress.translated} translated, ${progress.draft} draft, ${progress.untranslated} untranslated, ${progress.stale} source changed`}>
        <div className="tprogress-track" aria-hidden="true">
          <span className="seg-reviewed" style={{ width: pct(progress.reviewed) }} />
          <span className="seg-translated" style={{ width: pct(progress.translated) }} />
          <span className="seg-draft" style={{ width: pct(progress.draft) }} />
        </div>
        <div className="tprogress-legend" data-testid="progress">
          <strong>
            {done}/{progress.total}
          </strong>
          <span className="legend reviewed" data-count={progress.reviewed}>
            {progress.reviewed} reviewed
          </span>
          <span className="legend translated" data-count={progress.translated}>
            {progress.translated} translated
          </span>
          <span className="legend draft" data-count={progress.draft}>
            {progress.draft} draft
          </span>
          <span className="legend untranslated" data-count={progress.untranslated}>
            {progress.untranslated} untranslated
          </span>
          {progress.stale > 0 && (
            <span className="legend stale" data-count={progress.stale}>
              {progress.stale} source changed
            </span>
          )}
        </div>
      </div>
      <div className="tfilters" role="group" aria-label="Show rows">
        {filterButton('all', 'All', progress.total)}
        {filterButton('todo', 'To do', todoRows)}
        {filterButton('stale', 'Source changed', progress.stale, progress.stale ? ' warn' : '')}
        <span className="qa-summary" title={qaTitle || 'No QA warnings'} data-count={qaRows}>
          {filterButton('qa', 'QA', qaRows, qaRows ? ' warn' : '')}
        </span>
      </div>
      <div className="tgrid-bar-end">
        <button type="button" className="button small ghost" onClick={onNextToDo} title="Next row to do (Alt+Shift+↓)">
          Next to do ↓
        </button>
        <span className="tpeers" aria-label="People in this language version">
          {peers.map((peer) => (
            <Avatar key={peer.clientId} name={peer.user.name} color={peer.user.color} size={26} title={`${peer.user.name}${peer.self ? ' (you)' : ''} · ${peer.user.role}${peer.where ? ` · ${describeWhere(peer.where)}` : ''}`} />
          ))}
        </span>
        <div className="menu">
          <button type="button" className="icon-button help-button" aria-label="Keyboard shortcuts" aria-expanded={help} onClick={() => setHelp((v) => !v)}>
            ?
          </button>
          {help && (
            <div className="menu-popup shortcuts" role="dialog" aria-label="Keyboard shortcuts" onMouseLeave={() => setHelp(false)}>
              <table>
                <tbody>
                  {SHORTCUTS.map(([keys, what]) => (
                    <tr key={keys}>
                      <td>
                        <kbd>{keys}</kbd>
                      </td>
                      <td>{what}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
