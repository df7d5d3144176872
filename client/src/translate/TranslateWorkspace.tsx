/**
 * The translation workspace of one language version: the live model (gridStore), the active
 * row (useActiveRow) and what is done to it (useRowCommands), laid out as the bar with
 * progress, QA and filters (GridBar), the grid (TranslateGrid) and the side panel
 * (TranslatePanel: memory, glossary, review).
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PresenceUser } from '../presence/presence';
import { isRtl } from '../../../shared/src/rooms';
import type { TranslationRooms } from './useTranslationRooms';
import { TranslationGridStore } from './gridStore';
import { SegmentEditor } from './SegmentEditor';
import { GridBar, type RowFilter } from './GridBar';
import { TranslateGrid } from './TranslateGrid';
import { TranslatePanel } from './TranslatePanel';
import { GridWordCount } from '../drafting/GridWordCount';
import { ParagraphLabelsContext } from '../drafting/paragraphLabelsContext';
import { ParagraphPicker } from '../editor/ParagraphPicker';
import { termHighlighter } from './glossaryHighlight';
import { useGlossary } from './useGlossary';
import { useTmMatches } from './useTmMatches';
import { useRowPresence } from './useRowPresence';
import { useGridThreads } from './RowReview';
import { highlightsByPid } from '../review/blockHighlights';
import { useActiveRow } from './useActiveRow';
import { useNotice, useRowCommands } from './useRowCommands';
import { needsWork } from './rowFilter';
import { useMtSuggestion } from './useMtSuggestion';

export interface TranslateWorkspaceProps {
  reportId: string;
  rooms: TranslationRooms;
  user: PresenceUser;
  sourceLang: string;
  targetLang: string;
  writable: boolean;
  /** A member who writes somewhere may add glossary terms (the server has the last word). */
  canAddTerms: boolean;
  /** The report's members, for @mentions in comments. */
  members?: readonly { userId: string; name: string }[];
}

const NO_MEMBERS: readonly { userId: string; name: string }[] = [];

export function TranslateWorkspace({ reportId, rooms, user, sourceLang, targetLang, writable, canAddTerms, members = NO_MEMBERS }: TranslateWorkspaceProps) {
  // The store observes the rooms only while subscribed, so it needs no destroy of its own.
  const store = useMemo(() => new TranslationGridStore(rooms.original.doc, rooms.target.doc, sourceLang, targetLang), [rooms, sourceLang, targetLang]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const targetDir = isRtl(targetLang) ? 'rtl' : 'ltr';

  const glossary = useGlossary(sourceLang, targetLang);
  useEffect(() => store.setGlossary(glossary.entries), [store, glossary.entries]);
  const terms = useMemo(() => termHighlighter(glossary.entries), [glossary.entries]);

  const [filter, setFilter] = useState<RowFilter>('all');
  const active = useActiveRow(store, snapshot.rows, filter);
  const { activePid, activeRow, editor, editorOf } = active;
  // Review threads of this language: every member but viewers comments, even without writing it.
  const grid = useGridThreads(reportId, targetLang, sourceLang);
  const canComment = user.role !== 'viewer';
  // Rows without an editor draw their threads too; offsets move with the text, hence the rows.
  const highlights = useMemo(
    () => highlightsByPid(rooms.target.doc, grid.threads, (pid) => store.segmentBlock(pid)),
    [rooms.target.doc, grid.threads, store, snapshot.rows],
  );
  const [notice, setNotice] = useNotice();
  const tm = useTmMatches(activeRow?.block.text ?? null, sourceLang, targetLang, reportId, activePid);
  const machine = useMtSuggestion(activeRow?.source ?? null, sourceLang, targetLang);
  const { peers, byPid } = useRowPresence(rooms, user, targetLang, activeRow);
  const commands = useRowCommands({ store, userName: user.name, writable, tm, machine, active, setNotice });

  useEffect(() => {
    performance.mark('plenary:translate-grid');
  }, []);

  const todoRows = useMemo(() => snapshot.rows.filter(needsWork).length, [snapshot.rows]);
  const qaRows = useMemo(() => snapshot.rows.filter((r) => r.qa.length > 0).length, [snapshot.rows]);

  const canInsert = writable && editor !== null && !editor.isDestroyed;
  // Those who only read this language get a read-only editor on a translated row, to comment on.
  const readable = !!activeRow && canComment && ((activeRow.segment?.content?.length ?? 0) > 0 || activeRow.segmentText.trim() !== '');
  const editorNode =
    activeRow && (writable || readable) ? (
      <SegmentEditor
        key={activeRow.pid}
        row={activeRow}
        store={store}
        connection={rooms.target}
        user={user}
        lang={targetLang}
        dir={targetDir}
        point={active.caretPoint.current}
        onEditor={active.onEditor}
        editable={writable}
      />
    ) : null;

  return (
    <ParagraphLabelsContext.Provider value={snapshot.paragraphLabels}>
    <main className={`translate-shell${targetDir === 'rtl' ? ' target-rtl' : ''}`}>
      <GridBar
        progress={snapshot.progress}
        qa={snapshot.qa}
        qaRows={qaRows}
        todoRows={todoRows}
        filter={filter}
        onFilter={setFilter}
        onNextToDo={() => commands.nextToDo(1)}
        peers={peers}
      />
      <ParagraphPicker
        editor={editor}
        paragraphs={() => snapshot.rows.filter((r) => r.block.number !== null).map((r) => ({ pid: r.pid, label: snapshot.paragraphLabels.get(r.pid) ?? String(r.block.number), text: r.block.text }))}
      />
      <GridWordCount rows={snapshot.rows} originalDoc={rooms.original.doc} sourceLang={sourceLang} targetLang={targetLang} />
      <div className="tgrid-layout">
        <TranslateGrid
          rooms={rooms}
          store={store}
          snapshot={snapshot}
          rows={active.rows}
          activePid={activePid}
          editor={editorNode}
          sourceLang={sourceLang}
          targetLang={targetLang}
          targetDir={targetDir}
          writable={writable}
          terms={terms}
          byPid={byPid}
          grid={grid}
          highlights={highlights}
          actions={commands.actions}
          onUse={canInsert ? commands.insertText : null}
        />
        <TranslatePanel
          activeRow={activeRow}
          editor={activeRow && editorOf === activeRow.pid ? editor : null}
          footnotes={snapshot.footnotes}
          sourceLang={sourceLang}
          targetLang={targetLang}
          targetDir={targetDir}
          writable={writable}
          canInsert={canInsert}
          canComment={canComment}
          canAddTerms={canAddTerms}
          user={user}
          members={members}
          grid={grid}
          tm={tm}
          machine={machine}
          insertSuggestion={commands.insertSuggestion}
          glossary={glossary}
          terms={terms}
          insertText={commands.insertText}
          copySource={commands.copySource}
          addFootnoteRef={commands.addFootnoteRef}
        />
      </div>
      {notice && (
        <div className="toast" role="status">
          {notice}
        </div>
      )}
    </main>
    </ParagraphLabelsContext.Provider>
  );
}
