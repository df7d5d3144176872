/**
 * The numbers paragraph references show: a `data-number` node decoration on every
 * `paragraphRef`, from a labels map (pid → "12", "12 bis"). The original's editor computes the
 * map from its own document; a translation row's editor is handed the original's (the grid
 * store's) and is told to redraw with `refreshParagraphLabels` when it changes. A reference
 * whose paragraph is gone is marked `broken` with a warning title: the editor-side half of the
 * QA check `reference_deleted`.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export type LabelsOf = (doc: PMNode) => ReadonlyMap<string, string>;

export const paragraphRefLabelsKey = new PluginKey<DecorationSet>('paragraphRefLabels');

/** Numbered paragraphs in document order, as shared/src/model/blocks.ts numbers them. */
export function documentLabels(doc: PMNode): Map<string, string> {
  const labels = new Map<string, string>();
  let n = 0;
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') {
      if (node.attrs.numbered === true && typeof node.attrs.pid === 'string') labels.set(node.attrs.pid, String(++n));
      return false;
    }
    return !node.isTextblock;
  });
  return labels;
}

function decorate(doc: PMNode, labels: ReadonlyMap<string, string>): DecorationSet {
  const spots: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== 'paragraphRef') return true;
    const label = labels.get(node.attrs.target as string);
    spots.push(
      Decoration.node(
        pos,
        pos + node.nodeSize,
        label !== undefined
          ? { 'data-number': label, title: `Paragraph ${label}` }
          : { 'data-number': '?', class: 'broken', title: 'This reference points at a paragraph that was deleted' },
      ),
    );
    return false;
  });
  return spots.length ? DecorationSet.create(doc, spots) : DecorationSet.empty;
}

export function refreshParagraphLabels(tr: Transaction): Transaction {
  return tr.setMeta(paragraphRefLabelsKey, true);
}

export const ParagraphRefLabels = Extension.create<{ labelsOf: LabelsOf }>({
  name: 'paragraphRefLabels',

  addOptions() {
    return { labelsOf: documentLabels };
  },

  addProseMirrorPlugins() {
    const { labelsOf } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: paragraphRefLabelsKey,
        state: {
          init: (_config, state) => decorate(state.doc, labelsOf(state.doc)),
          apply: (tr, previous) => (tr.docChanged || tr.getMeta(paragraphRefLabelsKey) ? decorate(tr.doc, labelsOf(tr.doc)) : previous),
        },
        props: {
          decorations: (state) => paragraphRefLabelsKey.getState(state),
        },
      }),
    ];
  },
});
