/** Mod-K asks the toolbar to open its link form (a DOM event on the editor element). */
import { Extension } from '@tiptap/core';

export const OPEN_LINK_FORM = 'plenary:open-link-form';

export const LinkShortcut = Extension.create({
  name: 'linkShortcut',
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.editor.view.dom.dispatchEvent(new CustomEvent(OPEN_LINK_FORM, { bubbles: true }));
        return true;
      },
    };
  },
});
