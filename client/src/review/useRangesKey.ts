/**
 * A key over the thread ranges drawn in an editor, re-read on every transaction: the caller
 * re-renders when the key changes, so it says exactly what the caller shows of a range (the
 * paragraph it is in, or its text) and typing elsewhere costs no render.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Range } from './anchors';
import { reviewRanges } from './reviewDecorations';

export function useRangesKey(editor: Editor | null, describe: (doc: PMNode, range: Range) => string): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!editor) return () => undefined;
      editor.on('transaction', onChange);
      return () => void editor.off('transaction', onChange);
    },
    [editor],
  );
  return useSyncExternalStore(subscribe, () => {
    if (!editor || editor.isDestroyed) return '';
    const doc = editor.state.doc;
    return [...reviewRanges(editor)].map(([id, r]) => `${id}:${describe(doc, r)}`).join('\u0001');
  });
}
