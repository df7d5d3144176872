/**
 * What the local person was doing survives a remote change:
 * - Before a remote update is rendered, ProseMirror reads what the browser changed and it has
 *   not seen yet: the DOM selection (an arrow key, a click) and any pending DOM mutations. The
 *   sync binding restores the local selection from the state it finds, so a caret move still
 *   waiting for its `selectionchange` event would otherwise be overwritten and lost.
 *   (`forceFlush` is what ProseMirror itself runs on every keydown.) Not while a mark toggle
 *   is pending: its caret sits in ProseMirror's cursor wrapper, and reading that back as a
 *   selection change would drop the toggle.
 * - A pending mark toggle (Ctrl+B, then the next character is bold) outlives a remote update:
 *   the binding's transaction replaces the document and sets the selection, which clears the
 *   stored marks; they are put back when the caret did not move.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { EditorView } from '@tiptap/pm/view';
import type { WebsocketProvider } from 'y-websocket';
import { beforeRemoteUpdate } from '../../collab/beforeRemoteUpdate';

/** prosemirror-view's DOM observer: internal in its typings, stable in its API. */
interface ObservedView {
  domObserver?: { forceFlush(always?: boolean): void };
}

export function readPendingDom(view: EditorView): void {
  if (view.isDestroyed || !view.hasFocus() || view.state.storedMarks) return;
  (view as EditorView & ObservedView).domObserver?.forceFlush(true);
}

export interface KeepLocalIntentOptions {
  provider: WebsocketProvider | null;
}

export const KeepLocalIntent = Extension.create<KeepLocalIntentOptions>({
  name: 'keepLocalIntent',

  addOptions() {
    return { provider: null };
  },

  addProseMirrorPlugins() {
    const { provider } = this.options;
    return [
      new Plugin({
        key: new PluginKey('keepLocalIntent'),
        view: (view) => {
          const remove = provider ? beforeRemoteUpdate(provider, () => readPendingDom(view)) : () => {};
          return { destroy: remove };
        },
        appendTransaction: (transactions, oldState, newState) => {
          const marks = oldState.storedMarks;
          if (!marks || newState.storedMarks || !newState.selection.empty) return null;
          // Only when every transaction of the batch is the binding rendering a remote change.
          if (!transactions.every((tr) => tr.getMeta(ySyncPluginKey) !== undefined)) return null;
          return newState.tr.setStoredMarks(marks);
        },
      }),
    ];
  },
});
