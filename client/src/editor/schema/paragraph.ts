/**
 * Body paragraph: `pid` and `numbered` (docs/PROTOCOL.md §1). Numbers are drawn by CSS counters over
 * `p[data-numbered="true"]`, so they are never stored and always follow document order. A
 * paragraph begun after a heading is numbered: headings are not, body paragraphs are.
 */
import Paragraph from '@tiptap/extension-paragraph';
import { TextSelection } from '@tiptap/pm/state';
import { pidAttribute } from './pidAttribute';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    reportParagraph: {
      /** Numbers the paragraphs of the selection, or un-numbers them when the first one is numbered. */
      toggleNumbered: () => ReturnType;
    };
  }
}

export const ReportParagraph = Paragraph.extend({
  addAttributes() {
    return {
      pid: pidAttribute,
      numbered: {
        default: false,
        keepOnSplit: true,
        parseHTML: (element) => element.getAttribute('data-numbered') === 'true',
        renderHTML: (attributes) => ({ 'data-numbered': attributes.numbered ? 'true' : 'false' }),
      },
    };
  },

  addCommands() {
    return {
      ...this.parent?.(),
      toggleNumbered:
        () =>
        ({ state, tr, dispatch }) => {
          const { from, to } = state.selection;
          const targets: { pos: number; numbered: boolean }[] = [];
          state.doc.nodesBetween(from, to, (node, pos) => {
            if (node.type.name === 'paragraph') targets.push({ pos, numbered: node.attrs.numbered === true });
            return !node.isTextblock;
          });
          if (targets.length === 0) return false;
          const next = !targets[0].numbered;
          if (dispatch) for (const t of targets) tr.setNodeAttribute(t.pos, 'numbered', next);
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      ...this.parent?.(),
      'Mod-Alt-n': () => this.editor.commands.toggleNumbered(),
      // Enter at the very start of a non-empty top-level block opens a new block *above* it,
      // so the text keeps its pid (a split would hand the pid to the empty first half).
      Enter: () => {
        const { state } = this.editor;
        const { selection } = state;
        const { $from } = selection;
        const parent = $from.parent;
        if (!selection.empty || $from.depth !== 1) return false;
        // Enter at the end of a heading starts body text, and UN body paragraphs are numbered.
        if (parent.type.name === 'heading' && $from.parentOffset === parent.content.size) {
          const after = $from.after();
          const tr = state.tr.insert(after, state.schema.nodes.paragraph.create({ numbered: true }));
          tr.setSelection(TextSelection.create(tr.doc, after + 1));
          this.editor.view.dispatch(tr.scrollIntoView());
          return true;
        }
        if ($from.parentOffset !== 0 || parent.content.size === 0) return false;
        if (parent.type.name !== 'paragraph' && parent.type.name !== 'heading') return false;
        const numbered = parent.type.name === 'paragraph' ? parent.attrs.numbered === true : false;
        const tr = state.tr.insert($from.before(), state.schema.nodes.paragraph.create({ numbered }));
        this.editor.view.dispatch(tr.scrollIntoView());
        return true;
      },
    };
  },
});
