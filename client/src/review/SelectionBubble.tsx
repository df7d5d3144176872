/**
 * The floating "Comment" / "Suggest" buttons over a text selection in the editor. Works from
 * the DOM selection, so it works in a read-only editor too (reviewers select, never type).
 * Ctrl/⌘+Alt+M comments on the selection from the keyboard.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Editor } from '@tiptap/core';
import type { ThreadKind } from '../../../shared/src/review/threads';
import { commentableRange } from './anchors';

export interface Selected {
  from: number;
  to: number;
  pid: string;
  quote: string;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readSelection(editor: Editor): { selected: Selected; box: Box } | null {
  if (editor.isDestroyed) return null;
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const view = editor.view;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return null;
  let a: number;
  let b: number;
  try {
    a = view.posAtDOM(anchorNode, selection.anchorOffset);
    b = view.posAtDOM(focusNode, selection.focusOffset);
  } catch {
    return null;
  }
  const range = commentableRange(view.state.doc, { from: Math.min(a, b), to: Math.max(a, b) });
  if (!range) return null;
  const rect = selection.getRangeAt(0).getBoundingClientRect();
  return { selected: range, box: { top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right } };
}

export function SelectionBubble({ editor, onStart }: { editor: Editor; onStart: (kind: ThreadKind, selected: Selected) => void }) {
  const [current, setCurrent] = useState<{ selected: Selected; box: Box } | null>(null);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setCurrent(readSelection(editor)));
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.ctrlKey || event.metaKey) && event.code === 'KeyM') {
        const now = readSelection(editor);
        if (!now) return;
        event.preventDefault();
        onStart('comment', now.selected);
      }
    };
    document.addEventListener('selectionchange', update);
    document.addEventListener('keydown', onKey);
    window.addEventListener('scroll', update, { passive: true, capture: true });
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', update);
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('scroll', update, { capture: true });
      window.removeEventListener('resize', update);
    };
  }, [editor, onStart]);

  if (!current) return null;
  const { box, selected } = current;
  // Above the selection, or below it when the toolbar would cover it.
  const chrome = 104;
  const top = box.top - 44 > chrome ? box.top - 44 : box.bottom + 8;
  const left = Math.max(8, Math.min((box.left + box.right) / 2 - 95, window.innerWidth - 200));
  const start = (kind: ThreadKind) => (event: React.MouseEvent) => {
    event.preventDefault();
    setCurrent(null);
    onStart(kind, selected);
  };
  return createPortal(
    <div className="review-bubble" style={{ top, left }} role="toolbar" aria-label="Review the selection" onMouseDown={(e) => e.preventDefault()}>
      <button type="button" onClick={start('comment')} title="Comment (Ctrl+Alt+M)">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <path d="M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        Comment
      </button>
      <button type="button" onClick={start('suggestion')} title="Suggest a replacement">
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <path d="M4 16l1-4 8-8 3 3-8 8-4 1zM11 6l3 3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        Suggest
      </button>
    </div>,
    document.body,
  );
}
