/**
 * Footnotes: a `footnote` block kept at the foot of the body (pid, marker: `*` or '' for an
 * automatic number) and an inline `footnoteRef` atom pointing at it by pid. The displayed
 * markers come from the footnote-marker plugin, which numbers footnotes in document order.
 * Inserting one moves the caret into the note; Esc there returns to just after its marker.
 */
import { Node } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { pidAttribute } from './pidAttribute';
import { newPid } from '../../../../shared/src/model/pid';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    footnote: {
      /** Adds a footnote at the foot, a reference to it at the cursor, and moves into the note. */
      insertFootnote: () => ReturnType;
    };
  }
}

/**
 * Where a new footnote goes so that footnotes stay in the order of their first reference (as
 * numbered footnotes must): before the footnote of the next reference after the new one.
 */
export function footnoteInsertPosition(doc: PMNode, newTarget: string): number {
  const footnotePos = new Map<string, number>();
  const refOrder: string[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'footnote') {
      footnotePos.set(node.attrs.pid as string, pos);
      return false;
    }
    if (node.type.name === 'footnoteRef' && !refOrder.includes(node.attrs.target as string)) refOrder.push(node.attrs.target as string);
    return true;
  });
  const after = refOrder.slice(refOrder.indexOf(newTarget) + 1);
  for (const target of after) {
    const pos = footnotePos.get(target);
    if (pos !== undefined) return pos;
  }
  return doc.content.size;
}

/** The position just after the first marker that refers to the note `pid`, or null. */
export function markerPosition(doc: PMNode, pid: string): number | null {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === 'footnote') return false;
    if (node.type.name === 'footnoteRef' && node.attrs.target === pid) found = pos + node.nodeSize;
    return true;
  });
  return found;
}

export const Footnote = Node.create({
  name: 'footnote',
  group: 'block',
  content: 'inline*',
  defining: true,

  addAttributes() {
    return {
      pid: pidAttribute,
      marker: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-fixed-marker') ?? '',
        renderHTML: (attributes) => (attributes.marker ? { 'data-fixed-marker': attributes.marker as string } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div.footnote' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', { ...HTMLAttributes, class: 'footnote' }, 0];
  },

  addCommands() {
    return {
      insertFootnote:
        () =>
        ({ state, tr, dispatch }) => {
          const { footnote, footnoteRef } = state.schema.nodes;
          const { $from } = state.selection;
          if (!$from.parent.isTextblock || $from.parent.type === footnote) return false;
          if (!dispatch) return true;
          const pid = newPid();
          tr.replaceSelectionWith(footnoteRef.create({ target: pid }), false);
          const at = footnoteInsertPosition(tr.doc, pid);
          tr.insert(at, footnote.create({ pid, marker: '' }));
          tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView();
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-f': () => this.editor.commands.insertFootnote(),
      // Esc in a note goes back to the text, just after the note's (first) marker.
      Escape: () => {
        const { state, view } = this.editor;
        const { $from } = state.selection;
        if ($from.parent.type.name !== 'footnote') return false;
        const at = markerPosition(state.doc, $from.parent.attrs.pid as string);
        if (at === null) return false;
        view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, at)).scrollIntoView());
        return true;
      },
    };
  },
});

export const FootnoteRef = Node.create({
  name: 'footnoteRef',
  group: 'inline',
  inline: true,
  atom: true,
  // Never selected by a click or an arrow key: the next key would replace it. The caret goes
  // beside it (plugins/footnoteLifecycle.ts places clicks).
  selectable: false,

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
    // Above the superscript mark's `sup` rule (marks' rules come first at equal priority),
    // or a pasted marker would be read as an empty superscript and vanish.
    return [{ tag: 'sup.footnote-ref', priority: 60 }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['sup', { ...HTMLAttributes, class: 'footnote-ref' }];
  },

  renderText() {
    return '';
  },
});
