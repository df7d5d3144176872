/**
 * Document symbols in the text (shared/src/symbols, the one UN symbol grammar) drawn as links
 * when they name a report of this workspace: the decoration carries the report's title as its
 * hover text, and Ctrl/Cmd-click (or a click in a read-only view) opens that report. Symbols
 * naming nothing here get a quieter mark. Decorations only: nothing is stored.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { findSymbols } from '../../../../shared/src/symbols/recognize';
import { changedTextblocks, redoBlocks, textblocksOfChangedBlocks } from './changedBlocks';

export interface WorkspaceReport {
  id: string;
  title: string;
}

export interface SymbolLinkOptions {
  /** Symbol → report, for the reports the user may see. */
  reports: () => ReadonlyMap<string, WorkspaceReport>;
}

/** Dispatch this (meta `true`) when the workspace list arrives, to redraw the links. */
export const symbolLinksKey = new PluginKey<DecorationSet>('symbolLinks');

export function textDecorations(node: PMNode, pos: number, reports: ReadonlyMap<string, WorkspaceReport>, decorations: Decoration[]): void {
  node.descendants((child, offset) => {
    if (!child.isText || !child.text) return true;
    const at = pos + 1 + offset;
    for (const found of findSymbols(child.text)) {
      const report = reports.get(found.symbol);
      const attrs = report
        ? { class: 'un-symbol linked', title: `${found.symbol} — ${report.title}`, 'data-report-id': report.id, 'data-symbol': found.symbol }
        : { class: 'un-symbol', 'data-symbol': found.symbol };
      decorations.push(Decoration.inline(at + found.from, at + found.to, attrs));
    }
    return false;
  });
}

export function symbolDecorations(doc: PMNode, reports: ReadonlyMap<string, WorkspaceReport>): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    textDecorations(node, pos, reports, decorations);
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

export const SymbolLinks = Extension.create<SymbolLinkOptions>({
  name: 'symbolLinks',

  addOptions() {
    return { reports: () => new Map() };
  },

  addProseMirrorPlugins() {
    const { reports } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: symbolLinksKey,
        state: {
          init: (_config, state) => symbolDecorations(state.doc, reports()),
          apply: (tr, previous) => {
            if (tr.getMeta(symbolLinksKey)) return symbolDecorations(tr.doc, reports());
            if (!tr.docChanged) return previous;
            // Typing, or blocks split, joined or replaced: redo those blocks only.
            const blocks = changedTextblocks(tr) ?? textblocksOfChangedBlocks(tr);
            if (!blocks) return symbolDecorations(tr.doc, reports());
            return redoBlocks(previous, tr, blocks, ({ node, pos }) => {
              const out: Decoration[] = [];
              textDecorations(node, pos, reports(), out);
              return out;
            });
          },
        },
        props: {
          decorations: (state) => symbolLinksKey.getState(state),
          handleClick: (view, _pos, event) => {
            const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('.un-symbol.linked') : null;
            if (!target || (view.editable && !(event.ctrlKey || event.metaKey))) return false;
            window.open(`/reports/${encodeURIComponent(target.dataset.reportId ?? '')}`, '_blank', 'noopener');
            return true;
          },
        },
      }),
    ];
  },
});
