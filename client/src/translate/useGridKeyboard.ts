/**
 * The grid's keyboard, wherever the focus is (a row's editor included): it listens in the
 * capture phase so that its chords reach it before the editor's own bindings (ProseMirror
 * would join blocks on Alt+↑ and break the line on Ctrl+Enter). Form fields keep their keys.
 */
import { useEffect, useRef } from 'react';
import type { SegmentState } from '../../../shared/src/model/translation';

export interface GridKeyboard {
  move(delta: 1 | -1): void;
  nextToDo(direction: 1 | -1): void;
  markActive(state: SegmentState): void;
  /** Inserts the n-th memory match (0-based); false when there is none. */
  insertMatch(n: number): boolean;
  /** Inserts the machine suggestion (Ctrl+0); false when there is none. */
  insertMachine?(): boolean;
  leaveEditor(): void;
}

export function useGridKeyboard(handlers: GridKeyboard): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest?.('input, textarea, select, [role="dialog"]')) return;
      const h = latest.current;
      const mod = event.ctrlKey || event.metaKey;
      const handled = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && (event.altKey !== mod)) {
        handled();
        const direction = event.key === 'ArrowDown' ? 1 : -1;
        if (event.shiftKey) h.nextToDo(direction);
        else h.move(direction);
        return;
      }
      if (mod && !event.altKey && event.key === 'Enter') {
        handled();
        h.markActive(event.shiftKey ? 'reviewed' : 'translated');
        return;
      }
      if (mod && !event.altKey && !event.shiftKey && event.code === 'Digit0') {
        if (h.insertMachine?.()) handled();
        return;
      }
      if (mod && !event.altKey && !event.shiftKey && /^Digit[1-9]$/.test(event.code)) {
        if (h.insertMatch(Number(event.code.slice(5)) - 1)) handled();
        return;
      }
      if (event.key === 'Escape' && target?.closest?.('.segment-editor')) h.leaveEditor();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
