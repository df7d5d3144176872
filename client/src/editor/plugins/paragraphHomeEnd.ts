/**
 * Home and End move to the start and end of the paragraph (the text block the caret is in),
 * as drafters expect in a report editor; with Shift they extend the selection there. Left to
 * the browser, Home only went to the start of the visual line — in a justified paragraph of
 * six lines that is rarely the paragraph's start, while End on the last line looked right.
 * Ctrl/Cmd+Home and +End go to the start and end of the document, here rather than by the
 * browser: on long reports far blocks are not drawn (plugins/renderWindow.ts), and the browser's
 * caret movement stops at the last drawn block (Ctrl+Home landed ~200 blocks above the caret).
 */
import { Extension } from '@tiptap/core';
import { Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';

type Edge = 'start' | 'end';

/** The transaction that puts the head at the edge of its text block, or null outside one. */
export function moveToBlockEdge(state: EditorState, edge: Edge, extend: boolean): Transaction | null {
  const { $head, anchor } = state.selection;
  if (!$head.parent.isTextblock) return null;
  const head = edge === 'start' ? $head.start() : $head.end();
  const selection = TextSelection.create(state.doc, extend ? anchor : head, head);
  return state.tr.setSelection(selection).scrollIntoView();
}

/** The transaction that puts the head at the start or end of the document. */
export function moveToDocumentEdge(state: EditorState, edge: Edge, extend: boolean): Transaction {
  const target = edge === 'start' ? Selection.atStart(state.doc) : Selection.atEnd(state.doc);
  const selection = extend ? TextSelection.between(state.selection.$anchor, target.$head) : target;
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
    const runDocument = (edge: Edge, extend: boolean) => () => {
      this.editor.view.dispatch(moveToDocumentEdge(this.editor.state, edge, extend));
      return true;
    };
    return {
      'Mod-Home': runDocument('start', false),
      'Mod-End': runDocument('end', false),
      'Shift-Mod-Home': runDocument('start', true),
      'Shift-Mod-End': runDocument('end', true),
      Home: run('start', false),
      End: run('end', false),
      'Shift-Home': run('start', true),
      'Shift-End': run('end', true),
    };
  },
});
