/**
 * Inserting a suggestion into the focused row: a memory match or a machine translation, given
 * as inline markup, replaces the row's text with its formatting (a superscript stays one), and
 * the row becomes a draft that records where the text came from. It counts as translated, and
 * enters the memory, only once a translator confirms it.
 */
import { useCallback } from 'react';
import type { Editor } from '@tiptap/react';
import { parseInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import type { SegmentOrigin } from '../../../shared/src/model/translation';
import type { TmMatch } from './translationApi';
import type { TranslationGridStore } from './gridStore';
import { replaceWithInline } from './segmentCommands';

export interface InsertTarget {
  editor: Editor | null;
  pid: string | null;
  writable: boolean;
}

export const tmOrigin = (match: TmMatch): SegmentOrigin => ({ kind: 'tm', score: match.score, ...(match.origin ? { source: match.origin } : {}) });

export function useSuggestionInsert(target: () => InsertTarget, store: TranslationGridStore, userName: string) {
  return useCallback(
    (markup: string, origin: SegmentOrigin): boolean => {
      const { editor, pid, writable } = target();
      if (!writable || !pid || !editor || editor.isDestroyed) return false;
      if (!replaceWithInline(editor, parseInlineMarkup(markup))) return false;
      store.setState(pid, 'draft', userName, origin);
      return true;
    },
    // `target` reads refs, so its identity does not matter.
    [store, userName],
  );
}
