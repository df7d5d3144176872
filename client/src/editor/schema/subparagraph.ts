/**
 * Subparagraphs (a), (b) / (i), (ii) under a numbered paragraph: a `sub` attribute (1 or 2) on
 * body paragraphs, added to the paragraph node from here so the paragraph's own extension stays
 * as it is. Tab makes the paragraph at the cursor a subparagraph one level deeper, Shift+Tab
 * one level out; a subparagraph is never numbered itself. The letters are CSS counters drawn
 * per language (styles/unDrafting.css), as shared/src/numbering/subparagraphs.ts computes them
 * for exports and the grid.
 */
import { Extension } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    subparagraph: {
      /** One level deeper (paragraph → (a) → (i)), or out with `-1`. */
      shiftSubparagraph: (by: 1 | -1) => ReturnType;
    };
  }
}

export const Subparagraph = Extension.create({
  name: 'subparagraph',

  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          sub: {
            default: null,
            keepOnSplit: true,
            parseHTML: (element) => {
              const n = Number(element.getAttribute('data-sub'));
              return n === 1 || n === 2 ? n : null;
            },
            renderHTML: (attributes) => (attributes.sub ? { 'data-sub': String(attributes.sub) } : {}),
          },
        },
      },
    ];
  },

  addCommands() {
    return {
      shiftSubparagraph:
        (by) =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection;
          const parent = $from.parent;
          if ($from.depth !== 1 || parent.type.name !== 'paragraph') return false;
          const current = Number(parent.attrs.sub ?? 0);
          const next = Math.max(0, Math.min(2, current + by));
          if (next === current) return by === 1 ? current === 2 : false;
          if (dispatch) {
            const pos = $from.before();
            tr.setNodeAttribute(pos, 'sub', next === 0 ? null : next);
            if (next > 0) tr.setNodeAttribute(pos, 'numbered', false);
          }
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    // Only in the report body: a translation row keeps its source's shape, and Tab moves there.
    const inBody = () => this.editor.view.dom.classList.contains('report-body');
    return {
      Tab: () => inBody() && this.editor.commands.shiftSubparagraph(1),
      'Shift-Tab': () => inBody() && this.editor.commands.shiftSubparagraph(-1),
    };
  },
});
