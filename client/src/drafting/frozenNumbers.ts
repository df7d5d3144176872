/**
 * The original editor's numbering while frozen (shared/src/numbering/frozen.ts): numbered
 * paragraphs get a `data-label` decoration ("12 bis"), drawn by CSS instead of the counter,
 * and each deleted paragraph a "13. [deleted]" widget where it was. The labels follow the
 * room's `settings` map live: freezing or unfreezing redraws at once.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { frozenNumbering } from '../../../shared/src/numbering/frozen';
import { readSettings, SETTINGS_MAP } from '../../../shared/src/model/settings';
import type { PMDoc } from '../../../shared/src/model/schema';
import { documentLabels, refreshParagraphLabels } from '../editor/plugins/paragraphRefLabels';
import { changedTextblocks } from '../editor/plugins/changedBlocks';

const frozenKey = new PluginKey<DecorationSet>('frozenNumbers');

/** References' labels: frozen ones while frozen, document order otherwise. */
export function labelsFor(doc: Y.Doc, lang: string): (node: PMNode) => ReadonlyMap<string, string> {
  return (node) => {
    const settings = readSettings(doc.getMap<unknown>(SETTINGS_MAP));
    return settings.frozen ? frozenNumbering(node.toJSON() as PMDoc, settings.frozenNumbers, lang).labels : documentLabels(node);
  };
}

function deletedWidget(label: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'frozen-deleted';
  p.contentEditable = 'false';
  p.textContent = `${label}. [deleted]`;
  return p;
}

function decorate(node: PMNode, ydoc: Y.Doc, lang: string): DecorationSet {
  const settings = readSettings(ydoc.getMap<unknown>(SETTINGS_MAP));
  if (!settings.frozen) return DecorationSet.empty;
  const numbering = frozenNumbering(node.toJSON() as PMDoc, settings.frozenNumbers, lang);
  const decorations: Decoration[] = [];
  const starts = new Map<string, number>();
  let end = 0;
  node.descendants((child, pos) => {
    if (child.type.name !== 'paragraph') return !child.isTextblock;
    const label = numbering.labels.get(child.attrs.pid as string);
    if (label !== undefined) {
      decorations.push(Decoration.node(pos, pos + child.nodeSize, { 'data-label': label }));
      starts.set(child.attrs.pid as string, pos);
      end = pos + child.nodeSize;
    }
    return false;
  });
  for (const d of numbering.deleted) {
    const at = d.before ? starts.get(d.before) : end;
    if (at !== undefined) decorations.push(Decoration.widget(at, () => deletedWidget(d.label), { side: -1, key: `deleted-${d.pid}` }));
  }
  return DecorationSet.create(node, decorations);
}

export const FrozenNumbers = Extension.create<{ doc: Y.Doc | null; lang: string }>({
  name: 'frozenNumbers',

  addOptions() {
    return { doc: null, lang: 'en' };
  },

  onCreate() {
    const { doc } = this.options;
    if (!doc) return;
    const settings = doc.getMap<unknown>(SETTINGS_MAP);
    const redraw = () => {
      if (!this.editor.isDestroyed) this.editor.view.dispatch(refreshParagraphLabels(this.editor.state.tr.setMeta(frozenKey, true)));
    };
    settings.observe(redraw);
    this.storage.dispose = () => settings.unobserve(redraw);
  },

  onDestroy() {
    this.storage.dispose?.();
  },

  addStorage() {
    return { dispose: null as (() => void) | null };
  },

  addProseMirrorPlugins() {
    const { doc, lang } = this.options;
    if (!doc) return [];
    return [
      new Plugin<DecorationSet>({
        key: frozenKey,
        state: {
          init: (_config, state) => decorate(state.doc, doc, lang),
          apply: (tr, previous) => {
            if (tr.getMeta(frozenKey)) return decorate(tr.doc, doc, lang);
            if (!tr.docChanged) return previous;
            // Typing inside paragraphs changes no label; structure changes relabel.
            return changedTextblocks(tr) ? previous.map(tr.mapping, tr.doc) : decorate(tr.doc, doc, lang);
          },
        },
        props: { decorations: (state) => frozenKey.getState(state) },
      }),
    ];
  },
});
