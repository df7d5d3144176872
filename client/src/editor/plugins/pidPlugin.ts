/**
 * Keeps pids present and unique (see ../pids.ts for the rule). Local transactions are fixed
 * in `appendTransaction`, so the fix travels in the same Yjs update as the edit. Remote changes
 * (and Yjs undo, which arrives the same way) are rendered inside the sync binding, where
 * appended steps would not reach Yjs; they are fixed by a follow-up transaction instead.
 * Only clients that may write run the fixer: a reader must never "fix" what it cannot send.
 * Whether there is anything to fix is known incrementally (../pidIndex.ts): typing checks the
 * blocks it changed, not the whole report.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { pasteBlocksAbove, pidFixTransaction, stripPids } from '../pids';
import { PidIndex } from '../pidIndex';

export const pidPluginKey = new PluginKey('plenaryPids');

export interface PidOptions {
  /** Whether this client may write the document and has its content (synced). */
  canFix: () => boolean;
}

export const Pids = Extension.create<PidOptions>({
  name: 'plenaryPids',

  addOptions() {
    return { canFix: () => true };
  },

  addProseMirrorPlugins() {
    const { canFix } = this.options;
    const index = new PidIndex();
    return [
      new Plugin({
        key: pidPluginKey,
        props: {
          // A drag that moves blocks keeps their identity; every other paste or drop copies.
          transformPasted: (slice, view) => (view.dragging?.move ? slice : stripPids(slice)),
          handlePaste: (view, _event, slice) => {
            const tr = pasteBlocksAbove(view.state, slice);
            if (!tr) return false;
            view.dispatch(tr.scrollIntoView().setMeta('uiEvent', 'paste'));
            return true;
          },
        },
        appendTransaction: (transactions, _oldState, newState) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          if (transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined)) return null;
          if (!canFix() || !index.hasProblems(newState.doc)) return null;
          return pidFixTransaction(newState);
        },
        view: () => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          return {
            update: (view, prevState) => {
              if (view.state.doc === prevState.doc || timer !== undefined || !canFix()) return;
              if (!index.hasProblems(view.state.doc)) return;
              timer = setTimeout(() => {
                timer = undefined;
                if (view.isDestroyed || !canFix()) return;
                const tr = pidFixTransaction(view.state);
                if (tr) view.dispatch(tr);
              }, 0);
            },
            destroy: () => clearTimeout(timer),
          };
        },
      }),
    ];
  },
});
