/**
 * Square-bracketed (not agreed) text highlighted in the editor: an inline decoration over each
 * outermost `[...]` of a block (shared/src/format/brackets.ts finds them). Decorations only.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { bracketRanges } from '../../../shared/src/format/brackets';
import { changedTextblocks, redoBlocks, textblocksOfChangedBlocks } from '../editor/plugins/changedBlocks';

const key = new PluginKey<DecorationSet>('bracketHighlights');

function blockDecorations(node: PMNode, pos: number): Decoration[] {
  // Most blocks have no bracket: skip the per-leaf text walk for them.
  if (!node.textContent.includes('[')) return [];
  // One character per leaf (references, breaks), so offsets are positions in the block.
  const text = node.textBetween(0, node.content.size, undefined, '\uFFFC');
  return bracketRanges(text).map(([from, to]) => Decoration.inline(pos + 1 + from, pos + 1 + to, { class: 'not-agreed', title: 'Square brackets: not agreed' }));
}

function decorate(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    decorations.push(...blockDecorations(node, pos));
    return false;
  });
  return decorations.length ? DecorationSet.create(doc, decorations) : DecorationSet.empty;
}

export const BracketHighlights = Extension.create({
  name: 'bracketHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorate(state.doc),
          apply: (tr, previous) => {
            if (!tr.docChanged) return previous;
            // Typing, or blocks split, joined or replaced: redo those blocks only.
            const blocks = changedTextblocks(tr) ?? textblocksOfChangedBlocks(tr);
            return blocks ? redoBlocks(previous, tr, blocks, ({ node, pos }) => blockDecorations(node, pos)) : decorate(tr.doc);
          },
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
