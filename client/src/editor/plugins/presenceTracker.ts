/**
 * Publishes where the local caret is (block pid and paragraph number) in awareness, at most a
 * few times a second: the number needs a walk over the blocks before the caret.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { Awareness } from 'y-protocols/awareness';
import { carriesPid, forEachPidBlock } from '../pids';
import type { PresenceWhere } from '../../presence/presence';

const THROTTLE_MS = 250;

export function locateBlock(doc: PMNode, pos: number, lang: string): PresenceWhere {
  let where: PresenceWhere = { lang, pid: null, number: null, kind: null };
  let numberBefore = 0;
  let done = false;
  forEachPidBlock(doc, (node, start) => {
    if (done) return;
    const numbered = node.type.name === 'paragraph' && node.attrs.numbered === true;
    if (numbered) numberBefore++;
    if (pos >= start && pos <= start + node.nodeSize && carriesPid(node)) {
      where = { lang, pid: (node.attrs.pid as string | null) ?? null, number: numbered ? numberBefore : null, kind: node.type.name };
      done = true;
    }
  });
  return where;
}

export interface PresenceTrackerOptions {
  awareness: Awareness | null;
  lang: string;
}

export const PresenceTracker = Extension.create<PresenceTrackerOptions>({
  name: 'presenceTracker',

  addOptions() {
    return { awareness: null, lang: '' };
  },

  addProseMirrorPlugins() {
    const { awareness, lang } = this.options;
    if (!awareness) return [];
    return [
      new Plugin({
        key: new PluginKey('presenceTracker'),
        view: (view) => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          let last = '';
          const publish = () => {
            timer = undefined;
            if (view.isDestroyed) return;
            const where = locateBlock(view.state.doc, view.state.selection.head, lang);
            const key = JSON.stringify(where);
            if (key === last) return;
            last = key;
            awareness.setLocalStateField('where', where);
          };
          return {
            update: (_view, prevState) => {
              if (prevState.selection.eq(view.state.selection) && prevState.doc === view.state.doc) return;
              timer ??= setTimeout(publish, THROTTLE_MS);
            },
            destroy: () => clearTimeout(timer),
          };
        },
      }),
    ];
  },
});
