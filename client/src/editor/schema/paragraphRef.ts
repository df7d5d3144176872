/**
 * `paragraphRef`: an inline atom naming a numbered paragraph by pid ("see paragraph 12 above",
 * where "12" is this node). Only the pid is stored; the number is drawn from a `data-number`
 * decoration (plugins/paragraphRefLabels.ts, CSS `::after`), so it follows every renumbering
 * in every language. Typing `¶` opens the paragraph picker (editor/ParagraphPicker.tsx).
 */
import { Node } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    paragraphRef: {
      /** Inserts a reference to the paragraph with this pid at the cursor. */
      insertParagraphRef: (target: string) => ReturnType;
    };
  }
}

/** The DOM event a `¶` keystroke (or the toolbar) sends to open the picker, from the editor element. */
export const OPEN_PARAGRAPH_PICKER = 'plenary:open-paragraph-picker';

export const ParagraphRef = Node.create({
  name: 'paragraphRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      target: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-target'),
        renderHTML: (attributes) => (attributes.target ? { 'data-target': attributes.target as string } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span.para-ref' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, class: 'para-ref' }];
  },

  renderText({ node }) {
    // The number is a decoration the schema does not know; plain-text copies get a pilcrow.
    return node.attrs.target ? '¶' : '';
  },

  addCommands() {
    return {
      insertParagraphRef:
        (target: string) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { target } }),
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('paragraphRefTrigger'),
        props: {
          // `¶` does not go into the text: it asks for a paragraph to refer to.
          handleTextInput: (view, _from, _to, text) => {
            if (text !== '¶' || !view.editable) return false;
            view.dom.dispatchEvent(new CustomEvent(OPEN_PARAGRAPH_PICKER, { bubbles: true }));
            return true;
          },
        },
      }),
    ];
  },
});
