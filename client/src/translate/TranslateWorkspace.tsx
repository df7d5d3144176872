/**
 * The translation workspace of one language version: the grid of rows over the live model
 * (gridStore), the bar with progress, QA and filters, and the side panel (memory, glossary).
 * Owns the focused row: which row is active, its editor, and the keyboard that moves it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/react';
import type { PresenceUser } from '../presence/presence';
import { usePeers } from '../presence/usePeers';
import type { SegmentState } from '../../../shared/src/model/translation';
import { isRtl, languageName } from '../../../shared/src/rooms';
import type { TranslationRooms } from './useTranslationRooms';
import { TranslationGridStore, type GridRow } from './gridStore';
import { SegmentRow, type RowActions } from './SegmentRow';
import { SegmentEditor, type CaretPoint } from './SegmentEditor';
import { GridBar, type RowFilter } from './GridBar';
import { GridWordCount } from '../drafting/GridWordCount';
import { ParagraphLabelsContext } from '../drafting/paragraphLabelsContext';
import { ParagraphPicker } from '../editor/ParagraphPicker';
import { referenceTargets } from '../../../shared/src/references/paragraphRefs';
import { TmPanel } from './TmPanel';
import { GlossaryPanel } from './GlossaryPanel';
import { OrphanList } from './OrphanList';
import { MastheadSection } from './MastheadSection';
import { META_MAP } from '../../../shared/src/model/yBody';
import { termHighlighter } from './glossaryHighlight';
import { useGlossary } from './useGlossary';
import { useTmMatches } from './useTmMatches';
import { useGridKeyboard } from './useGridKeyboard';
import { useRowPresence } from './useRowPresence';
import { insertFootnoteRef, replaceWithInline, replaceWithText } from './segmentCommands';
import { RowReview, useGridThreads } from './RowReview';
import { highlightsByPid } from '../review/blockHighlights';

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

const needsWork = (row: GridRow) => row.state === 'untranslated' || row.state === 'draft' || row.stale;

function matchesFilter(row: GridRow, filter: RowFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'todo':
      return needsWork(row);
    case 'stale':
      return row.stale;
    case 'qa':
      return row.qa.length > 0;
  }
}

export function TranslateWorkspace({ reportId, rooms, user, sourceLang, targetLang, writable, canAddTerms, members = NO_MEMBERS }: TranslateWorkspaceProps) {
  // The store observes the rooms only while subscribed, so it needs no destroy of its own.
  const store = useMemo(() => new TranslationGridStore(rooms.original.doc, rooms.target.doc, sourceLang, targetLang), [rooms, sourceLang, targetLang]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const targetDir = isRtl(targetLang) ? 'rtl' : 'ltr';

  const glossary = useGlossary(sourceLang, targetLang);
  useEffect(() => store.setGlossary(glossary.entries), [store, glossary.entries]);
  const terms = useMemo(() => termHighlighter(glossary.entries), [glossary.entries]);

  const [filter, setFilter] = useState<RowFilter>('all');
  const [activePid, setActivePid] = useState<string | null>(null);
  const caretPoint = useRef<CaretPoint | null>(null);
  const scrollToActive = useRef(false);
  const editorRef = useRef<Editor | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [editorOf, setEditorOf] = useState<string | null>(null);
  // Review threads of this language: every member but viewers comments, even without writing it.
  const grid = useGridThreads(reportId, targetLang);
  const canComment = user.role !== 'viewer';
  // Rows without an editor draw their threads too; offsets move with the text, hence the rows.
  const highlights = useMemo(
    () => highlightsByPid(rooms.target.doc, grid.threads, (pid) => store.segmentBlock(pid)),
    [rooms.target.doc, grid.threads, store, snapshot.rows],
  );
  const [notice, setNotice] = useState<string | null>(null);

  const rows = useMemo(
    () => (filter === 'all' ? snapshot.rows : snapshot.rows.filter((r) => r.pid === activePid || matchesFilter(r, filter))),
    [snapshot.rows, filter, activePid],
  );
  const activeRow = useMemo(() => snapshot.rows.find((r) => r.pid === activePid) ?? null, [snapshot.rows, activePid]);
  const tm = useTmMatches(activeRow?.block.text ?? null, sourceLang, targetLang, reportId, activePid);

  const { peers, byPid } = useRowPresence(rooms, user, targetLang, activeRow);

  useEffect(() => {
    performance.mark('plenary:translate-grid');
  }, []);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    if (!activePid || !scrollToActive.current) return;
    scrollToActive.current = false;
    document.querySelector(`.trow[data-pid="${CSS.escape(activePid)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activePid]);

  const editorPid = useRef<string | null>(null);
  const onEditor = useCallback((pid: string, instance: Editor | null) => {
    // The old row's editor leaves before the new one arrives; a late goodbye must not clear the new one.
    if (!instance && editorPid.current !== pid) return;
    editorPid.current = instance ? pid : null;
    editorRef.current = instance;
    setEditor(instance);
    setEditorOf(instance ? pid : null);
  }, []);

  // Everything the keyboard and the row buttons do, reading the latest state through a ref,
  // so the actions object stays the same and memoised rows do not re-render.
  const latest = useRef({ rows, activePid, writable, tm, activeRow });
  latest.current = { rows, activePid, writable, tm, activeRow };

  const activate = useCallback((pid: string | null, point: CaretPoint | null, scroll = false) => {
    caretPoint.current = point;
    scrollToActive.current = scroll;
    setActivePid(pid);
  }, []);

  const move = useCallback(
    (delta: number) => {
      const { rows: list, activePid: current } = latest.current;
      if (list.length === 0) return;
      const at = list.findIndex((r) => r.pid === current);
      const next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, at + delta));
      activate(list[next].pid, null, true);
    },
    [activate],
  );

  const nextToDo = useCallback(
    (direction: 1 | -1 = 1) => {
      const { activePid: current } = latest.current;
      const list = store.getSnapshot().rows;
      const at = list.findIndex((r) => r.pid === current);
      for (let step = 1; step <= list.length; step++) {
        const row = list[(((at + direction * step) % list.length) + list.length) % list.length];
        if (needsWork(row)) return activate(row.pid, null, true);
      }
      setNotice('Every row is translated, and no source changed since.');
    },
    [activate, store],
  );

  const mark = useCallback(
    (pid: string, state: SegmentState) => {
      if (!latest.current.writable) return setNotice('Only the translators of this language and the owner can change its statuses.');
      if (!store.setState(pid, state, user.name)) return setNotice('Type a translation before marking the row.');
      const list = latest.current.rows;
      const at = list.findIndex((r) => r.pid === pid);
      if (at >= 0 && at + 1 < list.length) activate(list[at + 1].pid, null, true);
    },
    [activate, store, user.name],
  );

  const confirm = useCallback(
    (pid: string) => {
      if (latest.current.writable) store.confirm(pid, user.name);
    },
    [store, user.name],
  );

  const insertText = useCallback((text: string) => {
    if (!latest.current.writable) return;
    const instance = editorRef.current;
    if (!instance || instance.isDestroyed) return;
    const labels = store.getSnapshot().paragraphLabels;
    const refs = referenceTargets(latest.current.activeRow?.source.content).map((target) => ({ target, label: labels.get(target) ?? '' }));
    replaceWithText(instance, text, refs.filter((r) => r.label));
  }, [store]);

  const insertMatch = useCallback(
    (n: number) => {
      const match = latest.current.tm.matches[n];
      if (match) insertText(match.target);
      return !!match;
    },
    [insertText],
  );

  const copySource = useCallback(() => {
    const row = latest.current.activeRow;
    const instance = editorRef.current;
    if (!latest.current.writable) return;
    if (row && instance && !instance.isDestroyed) replaceWithInline(instance, row.source.content);
  }, []);

  const addFootnoteRef = useCallback((target: string) => {
    if (!latest.current.writable) return;
    const instance = editorRef.current;
    if (instance && !instance.isDestroyed) insertFootnoteRef(instance, target);
  }, []);

  const actions = useMemo<RowActions>(() => ({ activate: (pid, point) => activate(pid, point), mark, confirm }), [activate, mark, confirm]);

  useGridKeyboard({
    move,
    nextToDo,
    markActive: (state) => {
      const pid = latest.current.activePid;
      if (pid) mark(pid, state);
    },
    insertMatch,
    leaveEditor: () => editorRef.current?.commands.blur(),
  });

  const todoRows = useMemo(() => snapshot.rows.filter(needsWork).length, [snapshot.rows]);
  const qaRows = useMemo(() => snapshot.rows.filter((r) => r.qa.length > 0).length, [snapshot.rows]);
  const sourceRefs = useMemo(
    () => (activeRow?.source.content ?? []).flatMap((n) => (n.type === 'footnoteRef' ? [n.attrs.target] : [])),
    [activeRow?.source],
  );

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
        point={caretPoint.current}
        onEditor={onEditor}
        editable={writable}
      />
    ) : null;

  return (
    <ParagraphLabelsContext.Provider value={snapshot.paragraphLabels}>
    <div className={`translate-shell${targetDir === 'rtl' ? ' target-rtl' : ''}`}>
      <GridBar
        progress={snapshot.progress}
        qa={snapshot.qa}
        qaRows={qaRows}
        todoRows={todoRows}
        filter={filter}
        onFilter={setFilter}
        onNextToDo={() => nextToDo(1)}
        peers={peers}
      />
      <ParagraphPicker
        editor={editor}
        paragraphs={() => snapshot.rows.filter((r) => r.block.number !== null).map((r) => ({ pid: r.pid, label: snapshot.paragraphLabels.get(r.pid) ?? String(r.block.number), text: r.block.text }))}
      />
      <GridWordCount rows={snapshot.rows} originalDoc={rooms.original.doc} sourceLang={sourceLang} targetLang={targetLang} />
      <div className="tgrid-layout">
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
              terms={terms}
              peers={byPid.get(row.pid)}
              threads={grid.openByPid.get(row.pid) ?? 0}
              highlights={highlights.get(row.pid)}
              actions={actions}
              editor={row.pid === activePid ? editorNode : null}
            />
          ))}
          <OrphanList
            orphans={snapshot.orphans}
            footnotes={snapshot.footnotes}
            targetLang={targetLang}
            targetDir={targetDir}
            writable={writable}
            onUse={canInsert ? insertText : null}
            onRemove={(pid) => store.removeOrphan(pid)}
          />
        </section>
        <aside className="tpanel" aria-label="Translation aids">
          {activeRow && writable && (
            <section className="panel-section row-tools">
              <h3 className="sidebar-title">This row</h3>
              <div className="row-tool-buttons">
                <button type="button" className="button small ghost" onMouseDown={(e) => e.preventDefault()} onClick={copySource} disabled={!canInsert}>
                  Copy source
                </button>
                {sourceRefs.map((target, i) => (
                  <button key={`${target}${i}`} type="button" className="button small ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => addFootnoteRef(target)} disabled={!canInsert} title="Insert this footnote reference at the caret">
                    Footnote <sup>{snapshot.footnotes.get(target) ?? '?'}</sup>
                  </button>
                ))}
              </div>
            </section>
          )}
          {activeRow && (
            <RowReview
              key={activeRow.pid}
              grid={grid}
              lang={targetLang}
              pid={activeRow.pid}
              editor={editorOf === activeRow.pid ? editor : null}
              me={user}
              canComment={canComment}
              canDecide={writable}
              members={members}
            />
          )}
          <TmPanel tm={tm} current={activeRow?.block.text ?? null} from={sourceLang} to={targetLang} targetDir={targetDir} onInsert={canInsert ? insertText : null} />
          <GlossaryPanel
            entries={glossary.entries}
            terms={terms}
            current={activeRow?.block.text ?? null}
            from={sourceLang}
            to={targetLang}
            targetDir={targetDir}
            canAdd={canAddTerms}
            onAdded={glossary.reload}
          />
        </aside>
      </div>
      {notice && (
        <div className="toast" role="status">
          {notice}
        </div>
      )}
    </div>
    </ParagraphLabelsContext.Provider>
  );
}
