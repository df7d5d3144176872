/**
 * Home and End move to the start and end of the paragraph (the text block the caret is in),
 * as drafters expect in a report editor; with Shift they extend the selection there. Left to
 * the browser, Home only went to the start of the visual line — in a justified paragraph of
 * six lines that is rarely the paragraph's start, while End on the last line looked right.
 * Ctrl/Cmd+Home and +End still go to the start and end of the document.
 */
import { Extension } from '@tiptap/core';
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';

type Edge = 'start' | 'end';

/** The transaction that puts the head at the edge of its text block, or null outside one. */
export function moveToBlockEdge(state: EditorState, edge: Edge, extend: boolean): Transaction | null {
  const { $head, anchor } = state.selection;
  if (!$head.parent.isTextblock) return null;
  const head = edge === 'start' ? $head.start() : $head.end();
  const selection = TextSelection.create(state.doc, extend ? anchor : head, head);
  return state.tr.setSelection(selection).scrollIntoView();
}

export const ParagraphHomeEnd = Extension.create({
  name: 'paragraphHomeEnd',

  addKeyboardShortcuts() {
    const run = (edge: Edge, extend: boolean) => () => {
      const tr = moveToBlockEdge(this.editor.state, edge, extend);
      if (!tr) return false;
      this.editor.view.dispatch(tr);
      return true;
    };
    return {
      Home: run('start', false),
      End: run('end', false),
      'Shift-Home': run('start', true),
      'Shift-End': run('end', true),
    };
  },
});
