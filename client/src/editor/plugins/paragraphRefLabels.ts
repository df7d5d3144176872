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
import { changedTextblocks, redoBlocks, textblocksOfChangedBlocks } from './changedBlocks';
import { numberingUnchanged } from '../changedTopBlocks';

export type LabelsOf = (doc: PMNode) => ReadonlyMap<string, string>;

interface LabelState {
  labels: ReadonlyMap<string, string>;
  set: DecorationSet;
}

export const paragraphRefLabelsKey = new PluginKey<LabelState>('paragraphRefLabels');

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

function refDecoration(node: PMNode, pos: number, labels: ReadonlyMap<string, string>): Decoration {
  const label = labels.get(node.attrs.target as string);
  return Decoration.node(
    pos,
    pos + node.nodeSize,
    label !== undefined
      ? { 'data-number': label, title: `Paragraph ${label}` }
      : { 'data-number': '?', class: 'broken', title: 'This reference points at a paragraph that was deleted' },
  );
}

function decorate(doc: PMNode, labels: ReadonlyMap<string, string>): LabelState {
  const spots: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== 'paragraphRef') return true;
    spots.push(refDecoration(node, pos, labels));
    return false;
  });
  return { labels, set: spots.length ? DecorationSet.create(doc, spots) : DecorationSet.empty };
}

/** Typing inside paragraphs cannot renumber: map, and redraw the references of those paragraphs. */
function update(tr: Transaction, previous: LabelState, labelsOf: LabelsOf): LabelState {
  if (tr.getMeta(paragraphRefLabelsKey)) return decorate(tr.doc, labelsOf(tr.doc));
  if (!tr.docChanged) return previous;
  // Typing, or a co-author's edit that replaced blocks but left the numbering as it was.
  const blocks = changedTextblocks(tr) ?? (numberingUnchanged(tr.before, tr.doc) ? textblocksOfChangedBlocks(tr) : null);
  if (!blocks) return decorate(tr.doc, labelsOf(tr.doc));
  const set = redoBlocks(previous.set, tr, blocks, ({ node, pos }) => {
    const out: Decoration[] = [];
    node.forEach((child, offset) => {
      if (child.type.name === 'paragraphRef') out.push(refDecoration(child, pos + 1 + offset, previous.labels));
    });
    return out;
  });
  return { labels: previous.labels, set };
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
      new Plugin<LabelState>({
        key: paragraphRefLabelsKey,
        state: {
          init: (_config, state) => decorate(state.doc, labelsOf(state.doc)),
          apply: (tr, previous) => update(tr, previous, labelsOf),
        },
        props: {
          decorations: (state) => paragraphRefLabelsKey.getState(state)?.set,
        },
      }),
    ];
  },
});
