/**
 * The block holding the caret is always rendered. Blocks skip style, layout and paint while
 * off-screen (`content-visibility: auto`, styles/page.css), and a block is born skipped until
 * Chromium's next frame looks at it: a key typed into a new paragraph before that frame landed
 * after the text instead of before the caret ("o implement it.T"). A node decoration marks the
 * caret's top-level block `caret-block`, which the style sheet keeps `content-visibility:
 * visible`; it moves with the selection in the same transaction that creates the block.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

function caretBlock(state: EditorState): DecorationSet {
  const { $head } = state.selection;
  if ($head.depth < 1) return DecorationSet.empty;
  const start = $head.before(1);
  const node = state.doc.nodeAt(start);
  if (!node) return DecorationSet.empty;
  return DecorationSet.create(state.doc, [Decoration.node(start, start + node.nodeSize, { class: 'caret-block' })]);
}

export const CaretBlockVisible = Extension.create({
  name: 'caretBlockVisible',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('caretBlockVisible'),
        state: {
          init: (_config, state) => caretBlock(state),
          apply: (tr, previous, oldState, newState) => {
            if (!tr.docChanged && !tr.selectionSet) return previous;
            // The caret stayed in the same block of an unchanged document: keep the set.
            if (!tr.docChanged && oldState.selection.$head.depth >= 1 && newState.selection.$head.depth >= 1 && oldState.selection.$head.before(1) === newState.selection.$head.before(1)) return previous;
            return caretBlock(newState);
          },
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});
