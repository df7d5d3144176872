/**
 * Displayed footnote markers: a footnote shows its fixed marker (`*`) or its number among the
 * automatically numbered footnotes, in document order, and every `footnoteRef` shows the
 * marker of its target. Markers are decorations (`data-marker`, drawn by CSS), never stored,
 * and follow the same rule as shared/src/model/blocks.ts `listBlocks`.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

interface MarkerState {
  /** footnote pids and ref targets in order, with markers: equal keys mean equal decorations. */
  key: string;
  decorations: DecorationSet;
}

export const footnoteMarkersKey = new PluginKey<MarkerState>('footnoteMarkers');

/** Footnote pid → displayed marker, numbering footnotes without a fixed marker 1, 2, … */
export function computeFootnoteMarkers(doc: PMNode): Map<string, string> {
  const markers = new Map<string, string>();
  let number = 0;
  doc.descendants((node) => {
    if (node.type.name === 'footnote') {
      const marker = (node.attrs.marker as string) || String(++number);
      if (typeof node.attrs.pid === 'string') markers.set(node.attrs.pid, marker);
      return false;
    }
    return !node.isTextblock;
  });
  return markers;
}

interface MarkerSpot {
  from: number;
  to: number;
  marker: string;
}

function scan(doc: PMNode): { key: string; spots: MarkerSpot[] } {
  const markers = computeFootnoteMarkers(doc);
  const spots: MarkerSpot[] = [];
  const keyParts: string[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'footnote') {
      const marker = markers.get(node.attrs.pid as string) ?? '';
      spots.push({ from: pos, to: pos + node.nodeSize, marker });
      keyParts.push(`f${node.attrs.pid}=${marker}`);
      return false;
    }
    if (node.type.name === 'footnoteRef') {
      const marker = markers.get(node.attrs.target as string) ?? '?';
      spots.push({ from: pos, to: pos + node.nodeSize, marker });
      keyParts.push(`r${marker}`);
    }
    return !node.isTextblock || node.childCount > 1 || node.firstChild?.isText !== true;
  });
  return { key: keyParts.join('|'), spots };
}

function samePlaces(decorations: DecorationSet, spots: readonly MarkerSpot[]): boolean {
  const found = decorations.find();
  if (found.length !== spots.length) return false;
  const places = new Set(found.map((d) => `${d.from}:${d.to}`));
  return spots.every((s) => places.has(`${s.from}:${s.to}`));
}

function build(doc: PMNode, key: string, spots: MarkerSpot[]): MarkerState {
  const decorations = spots.map((s) => Decoration.node(s.from, s.to, { 'data-marker': s.marker }));
  return { key, decorations: DecorationSet.create(doc, decorations) };
}

export function footnoteMarkersPlugin(): Plugin<MarkerState> {
  return new Plugin<MarkerState>({
    key: footnoteMarkersKey,
    state: {
      init: (_config, state) => {
        const { key, spots } = scan(state.doc);
        return build(state.doc, key, spots);
      },
      apply: (tr, previous) => {
        if (!tr.docChanged) return previous;
        const { key, spots } = scan(tr.doc);
        // Unchanged markers: keep the mapped set, so the view need not redraw anything —
        // unless mapping lost decorations (remote changes arrive as one replace of the doc).
        if (key === previous.key) {
          const decorations = previous.decorations.map(tr.mapping, tr.doc);
          if (samePlaces(decorations, spots)) return { key, decorations };
        }
        return build(tr.doc, key, spots);
      },
    },
    props: {
      decorations: (state) => footnoteMarkersKey.getState(state)?.decorations,
    },
  });
}

export const FootnoteMarkers = Extension.create({
  name: 'footnoteMarkers',

  addProseMirrorPlugins() {
    return [footnoteMarkersPlugin()];
  },
});
