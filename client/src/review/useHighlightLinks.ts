/**
 * Links highlighted text to its thread card: clicking a highlight (without selecting) opens
 * its thread, hovering points at it. Shared by the report page and the translation grid.
 */
import { useEffect } from 'react';
import type { Editor } from '@tiptap/core';
import { threadAtElement } from './reviewDecorations';

export function useHighlightLinks(editor: Editor | null | undefined, setActive: (id: string) => void, setHover: (id: string | null) => void): void {
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const id = threadAtElement(event.target);
      if (id && document.getSelection()?.isCollapsed !== false) setActive(id);
    };
    const onOver = (event: MouseEvent) => setHover(threadAtElement(event.target));
    const onLeave = () => setHover(null);
    dom.addEventListener('click', onClick);
    dom.addEventListener('mouseover', onOver);
    dom.addEventListener('mouseleave', onLeave);
    return () => {
      dom.removeEventListener('click', onClick);
      dom.removeEventListener('mouseover', onOver);
      dom.removeEventListener('mouseleave', onLeave);
    };
  }, [editor, setActive, setHover]);
}
