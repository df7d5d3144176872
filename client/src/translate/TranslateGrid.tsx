/**
 * The grid itself: the masthead rows, the column header, one SegmentRow per shown row (the
 * active one with its live editor), and the translations whose source paragraph is gone.
 */
import type { ReactNode } from 'react';
import { languageName } from '../../../shared/src/rooms';
import { META_MAP } from '../../../shared/src/model/yBody';
import type { BlockHighlight } from '../review/blockHighlights';
import type { TranslationRooms } from './useTranslationRooms';
import type { GridRow, GridSnapshot, TranslationGridStore } from './gridStore';
import type { TermHighlighter } from './glossaryHighlight';
import type { useRowPresence } from './useRowPresence';
import type { GridThreads } from './RowReview';
import { SegmentRow, type RowActions } from './SegmentRow';
import { OrphanList } from './OrphanList';
import { MastheadSection } from './MastheadSection';

export interface TranslateGridProps {
  rooms: TranslationRooms;
  store: TranslationGridStore;
  snapshot: GridSnapshot;
  /** The rows the filter shows. */
  rows: readonly GridRow[];
  activePid: string | null;
  editor: ReactNode;
  sourceLang: string;
  targetLang: string;
  targetDir: 'ltr' | 'rtl';
  writable: boolean;
  terms: TermHighlighter | null;
  byPid: ReturnType<typeof useRowPresence>['byPid'];
  grid: GridThreads;
  highlights: ReadonlyMap<string, readonly BlockHighlight[]>;
  actions: RowActions;
  /** Inserts an orphan's text at the caret, when there is an editor to insert into. */
  onUse: ((text: string) => void) | null;
}

export function TranslateGrid(props: TranslateGridProps) {
  const { rooms, store, snapshot, rows, activePid, sourceLang, targetLang, targetDir, writable } = props;
  return (
    <section className="tgrid" role="grid" aria-label={`${languageName(sourceLang)} original and ${languageName(targetLang)} translation`} aria-readonly={!writable}>
      <MastheadSection
        original={rooms.original.doc.getMap(META_MAP)}
        target={rooms.target.doc.getMap(META_MAP)}
        sourceLang={sourceLang}
        lang={targetLang}
        dir={targetDir}
        writable={writable}
      />
      <div className="trow thead" role="row">
        <div className="trow-num" role="columnheader">
          #
        </div>
        <div className="trow-source" role="columnheader">
          {languageName(sourceLang)} <span className="muted">original</span>
        </div>
        <div className="trow-target" role="columnheader">
          {languageName(targetLang)} {!writable && <span className="muted">· read only</span>}
        </div>
        <div className="trow-side" role="columnheader">
          Status
        </div>
      </div>
      {rows.length === 0 && (
        <p className="tgrid-empty muted">{snapshot.rows.length === 0 ? 'The original has no paragraphs yet.' : 'No row matches this filter.'}</p>
      )}
      {rows.map((row) => (
        <SegmentRow
          key={row.pid}
          row={row}
          active={row.pid === activePid}
          writable={writable}
          sourceLang={sourceLang}
          targetLang={targetLang}
          targetDir={targetDir}
          footnotes={snapshot.footnotes}
          terms={props.terms}
          peers={props.byPid.get(row.pid)}
          threads={props.grid.openByPid.get(row.pid) ?? 0}
          sourcePending={props.grid.sourcePendingByPid.get(row.pid) ?? 0}
          highlights={props.highlights.get(row.pid)}
          actions={props.actions}
          editor={row.pid === activePid ? props.editor : null}
        />
      ))}
      <OrphanList
        orphans={snapshot.orphans}
        footnotes={snapshot.footnotes}
        targetLang={targetLang}
        targetDir={targetDir}
        writable={writable}
        onUse={props.onUse}
        onRemove={(pid) => store.removeOrphan(pid)}
      />
    </section>
  );
}
