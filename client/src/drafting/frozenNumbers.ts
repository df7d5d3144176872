/**
 * The original editor's numbering while frozen (shared/src/numbering/frozen.ts): numbered
 * paragraphs get a `data-label` attribute ("12 bis"), drawn by CSS instead of the counter,
 * and each deleted paragraph a "13. [deleted]" widget where it was. The labels follow the
 * room's `settings` map live: freezing or unfreezing redraws at once.
 *
 * The labels are written to the paragraphs' DOM by the plugin view (ProseMirror's observer
 * paused), not drawn as node decorations: ProseMirror checks every top-level node decoration
 * against every top-level block on each update, ~100 ms a keystroke with 6,000 of them. After
 * each change the blocks it may have redrawn get theirs again; a relabelling writes all.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { frozenNumbering } from '../../../shared/src/numbering/frozen';
import { readSettings, SETTINGS_MAP } from '../../../shared/src/model/settings';
import type { PMDoc } from '../../../shared/src/model/schema';
import { documentLabels, refreshParagraphLabels } from '../editor/plugins/paragraphRefLabels';
import { changedTextblocks } from '../editor/plugins/changedBlocks';
import { changedTopBlocks, numberingUnchanged } from '../editor/changedTopBlocks';
import { unobservedWrite } from '../editor/unobservedWrite';

const frozenKey = new PluginKey<FrozenState>('frozenNumbers');

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

interface FrozenState {
  /** Paragraph pid → its frozen label; null while the numbering is not frozen. */
  labels: ReadonlyMap<string, string> | null;
  /** The "13. [deleted]" widgets. */
  widgets: DecorationSet;
}

const UNFROZEN: FrozenState = { labels: null, widgets: DecorationSet.empty };

function compute(node: PMNode, ydoc: Y.Doc, lang: string): FrozenState {
  const settings = readSettings(ydoc.getMap<unknown>(SETTINGS_MAP));
  if (!settings.frozen) return UNFROZEN;
  const numbering = frozenNumbering(node.toJSON() as PMDoc, settings.frozenNumbers, lang);
  const decorations: Decoration[] = [];
  const starts = new Map<string, number>();
  let end = 0;
  node.descendants((child, pos) => {
    if (child.type.name !== 'paragraph') return !child.isTextblock;
    if (numbering.labels.has(child.attrs.pid as string)) {
      starts.set(child.attrs.pid as string, pos);
      end = pos + child.nodeSize;
    }
    return false;
  });
  for (const d of numbering.deleted) {
    const at = d.before ? starts.get(d.before) : end;
    if (at !== undefined) decorations.push(Decoration.widget(at, () => deletedWidget(d.label), { side: -1, key: `deleted-${d.pid}` }));
  }
  return { labels: numbering.labels, widgets: DecorationSet.create(node, decorations) };
}

/** Sets `data-label` on the paragraph elements of `root` (all of them, or those inside `blocks`). */
function writeLabels(view: EditorView, labels: ReadonlyMap<string, string> | null, blocks?: readonly Element[]): void {
  const paragraphs = blocks ? blocks.flatMap((b) => (b.matches('p[data-pid]') ? [b] : [...b.querySelectorAll('p[data-pid]')])) : [...view.dom.querySelectorAll('p[data-pid]')];
  const changes: [Element, string | null][] = [];
  for (const p of paragraphs) {
    const label = labels?.get(p.getAttribute('data-pid') ?? '') ?? null;
    if (p.getAttribute('data-label') !== label) changes.push([p, label]);
  }
  if (changes.length === 0) return;
  unobservedWrite(view, () => {
    for (const [p, label] of changes) {
      if (label === null) p.removeAttribute('data-label');
      else p.setAttribute('data-label', label);
    }
  });
}

/** The DOM of the top-level blocks [start, end) of the view's document. */
function blockElements(view: EditorView, start: number, end: number): Element[] {
  const out: Element[] = [];
  let pos = 0;
  for (let i = 0; i < end; i++) {
    const child = view.state.doc.child(i);
    if (i >= start) {
      const dom = view.nodeDOM(pos);
      if (dom instanceof Element) out.push(dom);
    }
    pos += child.nodeSize;
  }
  return out;
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
      new Plugin<FrozenState>({
        key: frozenKey,
        state: {
          init: (_config, state) => compute(state.doc, doc, lang),
          apply: (tr, previous) => {
            if (tr.getMeta(frozenKey)) return compute(tr.doc, doc, lang);
            if (!tr.docChanged) return previous;
            // Typing inside paragraphs (here or a co-author's, which replaces their blocks) changes
            // no label; structure changes relabel.
            return changedTextblocks(tr) || numberingUnchanged(tr.before, tr.doc) ? { labels: previous.labels, widgets: previous.widgets.map(tr.mapping, tr.doc) } : compute(tr.doc, doc, lang);
          },
        },
        props: { decorations: (state) => frozenKey.getState(state)?.widgets },
        view: (view) => {
          writeLabels(view, frozenKey.getState(view.state)?.labels ?? null);
          return {
            update: (_view, previous) => {
              const labels = frozenKey.getState(view.state)?.labels ?? null;
              if (labels !== (frozenKey.getState(previous)?.labels ?? null)) return writeLabels(view, labels);
              if (!labels || view.state.doc === previous.doc) return;
              // Same labels: only blocks ProseMirror may have redrawn need them again.
              const { start, endAfter } = changedTopBlocks(previous.doc, view.state.doc);
              writeLabels(view, labels, blockElements(view, start, endAfter));
            },
          };
        },
      }),
    ];
  },
});
