/**
 * Before a remote update is rendered, ProseMirror reads what the browser changed and it has
 * not seen yet: the DOM selection (an arrow key, a click) and any pending DOM mutations. The
 * sync binding restores the local selection from the state it finds, so a caret move still
 * waiting for its `selectionchange` event would otherwise be overwritten and lost.
 * (`forceFlush` is what ProseMirror itself runs on every keydown.)
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { WebsocketProvider } from 'y-websocket';
import { beforeRemoteUpdate } from '../../collab/beforeRemoteUpdate';

/** prosemirror-view's DOM observer: internal in its typings, stable in its API. */
interface ObservedView {
  domObserver?: { forceFlush(always?: boolean): void };
}

export function readPendingDom(view: EditorView): void {
  if (view.isDestroyed || !view.hasFocus()) return;
  (view as EditorView & ObservedView).domObserver?.forceFlush(true);
}

export interface ReadDomOptions {
  provider: WebsocketProvider | null;
}

export const ReadDomBeforeRemote = Extension.create<ReadDomOptions>({
  name: 'readDomBeforeRemote',

  addOptions() {
    return { provider: null };
  },

  addProseMirrorPlugins() {
    const { provider } = this.options;
    return [
      new Plugin({
        key: new PluginKey('readDomBeforeRemote'),
        view: (view) => {
          const remove = provider ? beforeRemoteUpdate(provider, () => readPendingDom(view)) : () => {};
          return { destroy: remove };
        },
      }),
    ];
  },
});
