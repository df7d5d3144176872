/**
 * What the row buttons, the side panel and the keyboard do to the active row: mark a status
 * (and move on), confirm, insert a memory match or the machine's suggestion, copy the source, insert a footnote reference.
 * Each checks the right to write first and says why not in the notice. Callbacks read the
 * latest state through a ref, so the actions object stays the same and rows do not re-render.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SegmentState } from '../../../shared/src/model/translation';
import type { TranslationGridStore } from './gridStore';
import type { RowActions } from './SegmentRow';
import type { TmState } from './useTmMatches';
import type { MtState } from './useMtSuggestion';
import type { SegmentOrigin } from '../../../shared/src/model/translation';
import { tmOrigin, useSuggestionInsert } from './useSuggestionInsert';
import type { ActiveRow } from './useActiveRow';
import { useGridKeyboard } from './useGridKeyboard';
import { insertFootnoteRef, replaceWithInline, replaceWithText } from './segmentCommands';
import { referenceTargets } from '../../../shared/src/references/paragraphRefs';

/** A short message that clears itself after 4 s. */
export function useNotice(): [string | null, (message: string | null) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);
  return [notice, setNotice];
}

export interface RowCommandsInput {
  store: TranslationGridStore;
  userName: string;
  writable: boolean;
  tm: TmState;
  /** The machine suggestion for the active row. */
  machine: MtState;
  active: ActiveRow;
  setNotice(message: string): void;
}

export interface RowCommands {
  actions: RowActions;
  nextToDo(direction?: 1 | -1): void;
  insertText(text: string): void;
  /** Inserts a memory match or machine text with its formatting; the row becomes a draft with that origin. */
  insertSuggestion(markup: string, origin: SegmentOrigin): boolean;
  copySource(): void;
  addFootnoteRef(target: string): void;
}

export function useRowCommands({ store, userName, writable, tm, machine, active, setNotice }: RowCommandsInput): RowCommands {
  const { activate, move, editorRef } = active;
  const latest = useRef({ rows: active.rows, activePid: active.activePid, writable, tm, machine, activeRow: active.activeRow });
  latest.current = { rows: active.rows, activePid: active.activePid, writable, tm, machine, activeRow: active.activeRow };
  const insertSuggestion = useSuggestionInsert(() => ({ editor: editorRef.current, pid: latest.current.activePid, writable: latest.current.writable }), store, userName);

  const findNext = active.nextToDo;
  const nextToDo = useCallback(
    (direction: 1 | -1 = 1) => {
      if (!findNext(direction)) setNotice('Every row is translated, and no source changed since.');
    },
    [findNext, setNotice],
  );

  const mark = useCallback(
    (pid: string, state: SegmentState) => {
      if (!latest.current.writable) return setNotice('Only the translators of this language and the owner can change its statuses.');
      if (!store.setState(pid, state, userName)) return setNotice('Type a translation before marking the row.');
      const list = latest.current.rows;
      const at = list.findIndex((r) => r.pid === pid);
      if (at >= 0 && at + 1 < list.length) activate(list[at + 1].pid, null, true);
    },
    [activate, store, userName, setNotice],
  );

  const confirm = useCallback(
    (pid: string) => {
      if (latest.current.writable) store.confirm(pid, userName);
    },
    [store, userName],
  );

  // Plain text (a concordance hit, an orphan): "paragraph 12" mentions of the source's own
  // references become references again (shared/src/references).
  const insertText = useCallback(
    (text: string) => {
      if (!latest.current.writable) return;
      const instance = editorRef.current;
      if (!instance || instance.isDestroyed) return;
      const labels = store.getSnapshot().paragraphLabels;
      const refs = referenceTargets(latest.current.activeRow?.source.content).map((target) => ({ target, label: labels.get(target) ?? '' }));
      replaceWithText(instance, text, refs.filter((r) => r.label));
    },
    [editorRef, store],
  );

  const insertMatch = useCallback(
    (n: number) => {
      const match = latest.current.tm.matches[n];
      if (match) insertSuggestion(match.target, tmOrigin(match));
      return !!match;
    },
    [insertSuggestion],
  );

  const copySource = useCallback(() => {
    const row = latest.current.activeRow;
    const instance = editorRef.current;
    if (!latest.current.writable) return;
    if (row && instance && !instance.isDestroyed) replaceWithInline(instance, row.source.content);
  }, [editorRef]);

  const addFootnoteRef = useCallback(
    (target: string) => {
      if (!latest.current.writable) return;
      const instance = editorRef.current;
      if (instance && !instance.isDestroyed) insertFootnoteRef(instance, target);
    },
    [editorRef],
  );

  const actions = useMemo<RowActions>(() => ({ activate: (pid, point) => activate(pid, point), mark, confirm }), [activate, mark, confirm]);

  useGridKeyboard({
    move,
    nextToDo,
    markActive: (state) => {
      const pid = latest.current.activePid;
      if (pid) mark(pid, state);
    },
    insertMatch,
    insertMachine: () => {
      const mt = latest.current.machine;
      return mt.status === 'ready' && insertSuggestion(mt.text, { kind: 'mt', provider: mt.provider });
    },
    leaveEditor: () => editorRef.current?.commands.blur(),
  });

  return { actions, nextToDo, insertText, insertSuggestion, copySource, addFootnoteRef };
}
