/**
 * What the local person was doing survives a remote change:
 * - Before a remote update is rendered, ProseMirror reads what the browser changed and it has
 *   not seen yet: the DOM selection (an arrow key, a click) and any pending DOM mutations. The
 *   sync binding restores the local selection from the state it finds, so a caret move still
 *   waiting for its `selectionchange` event would otherwise be overwritten and lost.
 *   (`forceFlush` is what ProseMirror itself runs on every keydown.) Not while a mark toggle
 *   is pending: its caret sits in ProseMirror's cursor wrapper, and reading that back as a
 *   selection change would drop the toggle.
 * - Someone's caret redrawn (a decoration-only transaction, queued by the caret plugin after a
 *   presence message) is held back while the browser has a caret move ProseMirror has not
 *   read: it would write the stale selection back to the DOM. The move is read first, then the
 *   redraw goes out again.
 * - A pending mark toggle (Ctrl+B, then the next character is bold) outlives a remote update:
 *   the binding's transaction replaces the document and sets the selection, which clears the
 *   stored marks; they are put back when the caret did not move.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { yCursorPluginKey, ySyncPluginKey } from '@tiptap/y-tiptap';
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

/** Whether the DOM selection is somewhere ProseMirror's state does not know yet. */
function domSelectionAhead(view: EditorView): boolean {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel || !sel.anchorNode || !sel.focusNode || !view.dom.contains(sel.focusNode)) return false;
  try {
    const { anchor, head } = view.state.selection;
    return view.posAtDOM(sel.anchorNode, sel.anchorOffset) !== anchor || view.posAtDOM(sel.focusNode, sel.focusOffset) !== head;
  } catch {
    return false;
  }
}

const RETRY = 'keepLocalIntentRetry';

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
    let current: EditorView | null = null;
    return [
      new Plugin({
        key: new PluginKey('keepLocalIntent'),
        view: (view) => {
          current = view;
          const remove = provider ? beforeRemoteUpdate(provider, () => readPendingDom(view)) : () => {};
          return {
            destroy: () => {
              remove();
              current = null;
            },
          };
        },
        filterTransaction: (tr) => {
          const view = current;
          if (!view || tr.docChanged || tr.selectionSet || tr.getMeta(RETRY) || tr.getMeta(yCursorPluginKey) === undefined) return true;
          if (view.state.storedMarks || !view.hasFocus() || !domSelectionAhead(view)) return true;
          const meta = tr.getMeta(yCursorPluginKey) as unknown;
          queueMicrotask(() => {
            if (view.isDestroyed) return;
            readPendingDom(view);
            view.dispatch(view.state.tr.setMeta(yCursorPluginKey, meta).setMeta(RETRY, true));
          });
          return false;
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
