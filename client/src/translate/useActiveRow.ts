/**
 * The grid's active row: which row is focused, where its caret goes, its editor, and moving
 * between rows (by offset among the shown rows, or to the next row that needs work). The
 * active row stays shown whatever the filter, so typing never makes it vanish.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { TranslationGridStore, GridRow } from './gridStore';
import type { CaretPoint } from './SegmentEditor';
import type { RowFilter } from './GridBar';
import { matchesFilter, needsWork } from './rowFilter';

export interface ActiveRow {
  activePid: string | null;
  activeRow: GridRow | null;
  /** The rows the filter shows (plus the active one). */
  rows: readonly GridRow[];
  /** Where the next editor puts its caret (a click's point), read once by SegmentEditor. */
  caretPoint: React.RefObject<CaretPoint | null>;
  editor: Editor | null;
  /** The pid whose editor `editor` is. */
  editorOf: string | null;
  editorRef: React.RefObject<Editor | null>;
  onEditor(pid: string, instance: Editor | null): void;
  activate(pid: string | null, point: CaretPoint | null, scroll?: boolean): void;
  move(delta: number): void;
  /** Activates the next row that needs work; false when there is none. */
  nextToDo(direction?: 1 | -1): boolean;
}

export function useActiveRow(store: TranslationGridStore, allRows: readonly GridRow[], filter: RowFilter): ActiveRow {
  const [activePid, setActivePid] = useState<string | null>(null);
  const caretPoint = useRef<CaretPoint | null>(null);
  const scrollToActive = useRef(false);
  const editorRef = useRef<Editor | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [editorOf, setEditorOf] = useState<string | null>(null);

  const rows = useMemo(
    () => (filter === 'all' ? allRows : allRows.filter((r) => r.pid === activePid || matchesFilter(r, filter))),
    [allRows, filter, activePid],
  );
  const activeRow = useMemo(() => allRows.find((r) => r.pid === activePid) ?? null, [allRows, activePid]);

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

  // Read through a ref so the callbacks stay the same and memoised rows do not re-render.
  const latest = useRef({ rows, activePid });
  latest.current = { rows, activePid };

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
        if (needsWork(row)) {
          activate(row.pid, null, true);
          return true;
        }
      }
      return false;
    },
    [activate, store],
  );

  return { activePid, activeRow, rows, caretPoint, editor, editorOf, editorRef, onEditor, activate, move, nextToDo };
}
