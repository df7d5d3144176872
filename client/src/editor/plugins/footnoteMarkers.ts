/**
 * Displayed footnote markers: a footnote shows its fixed marker (`*`) or its number among the
 * automatically numbered footnotes, in document order, and every `footnoteRef` shows the
 * marker of its target. Markers are decorations (`data-marker`, drawn by CSS), never stored,
 * and follow the same rule as shared/src/model/blocks.ts `listBlocks`. A note no marker refers
 * to, and a marker whose note is gone, are flagged `data-orphan` (notes with a fixed marker such
 * as the masthead's `*` are not: the masthead refers to them).
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { changedTopBlocks } from '../changedTopBlocks';

interface MarkerState {
  /** footnote pids and ref targets in order, with markers: equal keys mean equal decorations. */
  key: string;
  decorations: DecorationSet;
  /** How many decorations `decorations` holds. */
  count: number;
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
  /** A note no marker refers to, or a marker whose note is gone. */
  orphan?: boolean;
  /** The note's pid (notes only): orphan notes are known once every ref has been seen. */
  note?: string;
}

function scan(doc: PMNode): { key: string; spots: MarkerSpot[] } {
  const markers = computeFootnoteMarkers(doc);
  const spots: MarkerSpot[] = [];
  const keyParts: string[] = [];
  const referenced = new Set<string>();
  doc.descendants((node, pos) => {
    if (node.type.name === 'footnote') {
      const marker = markers.get(node.attrs.pid as string) ?? '';
      // A note with a fixed marker (`*`) may be referred to from the masthead, not the body.
      const fixed = Boolean(node.attrs.marker);
      spots.push({ from: pos, to: pos + node.nodeSize, marker, note: node.attrs.pid as string, orphan: fixed ? false : undefined });
      return false;
    }
    if (node.type.name === 'footnoteRef') {
      const target = node.attrs.target as string;
      const marker = markers.get(target);
      referenced.add(target);
      spots.push({ from: pos, to: pos + node.nodeSize, marker: marker ?? '?', orphan: marker === undefined });
      keyParts.push(`r${marker ?? '?'}`);
    }
    return !node.isTextblock || node.childCount > 1 || node.firstChild?.isText !== true;
  });
  for (const spot of spots) {
    if (spot.note === undefined) continue;
    spot.orphan ??= !referenced.has(spot.note);
    keyParts.push(`f${spot.note}=${spot.marker}${spot.orphan ? '!' : ''}`);
  }
  return { key: keyParts.join('|'), spots };
}

/** Notes that no marker in the text refers to (flagged on the page and in the outline). */
export function orphanNotes(doc: PMNode): string[] {
  return scan(doc)
    .spots.filter((s) => s.note !== undefined && s.orphan)
    .map((s) => s.note!);
}

function samePlaces(decorations: DecorationSet, spots: readonly MarkerSpot[]): boolean {
  const found = decorations.find();
  if (found.length !== spots.length) return false;
  const places = new Set(found.map((d) => `${d.from}:${d.to}`));
  return spots.every((s) => places.has(`${s.from}:${s.to}`));
}

function build(doc: PMNode, key: string, spots: MarkerSpot[]): MarkerState {
  const decorations = spots.map((s) =>
    Decoration.node(s.from, s.to, s.orphan ? { 'data-marker': s.marker, 'data-orphan': 'true', title: s.note ? 'No marker in the text refers to this footnote' : 'This marker’s footnote is gone' } : { 'data-marker': s.marker }),
  );
  return { key, decorations: DecorationSet.create(doc, decorations), count: decorations.length };
}

/** Whether blocks [from, to) of `doc` hold a footnote or a footnote marker. */
function holdsFootnotes(doc: PMNode, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const block = doc.child(i);
    if (block.type.name === 'footnote') return true;
    let found = false;
    block.descendants((node) => {
      if (found) return false;
      if (node.type.name === 'footnoteRef' || node.type.name === 'footnote') found = true;
      return !found && !node.isLeaf;
    });
    if (found) return true;
  }
  return false;
}

/**
 * The state after `tr`. When the blocks it changed hold no footnote or marker, before or after,
 * no marker changed: the decorations are mapped, not recomputed by a walk over the report (unless
 * mapping lost some, as when a change replaces the blocks they are on).
 */
export function nextMarkerState(tr: Transaction, previous: MarkerState): MarkerState {
  if (!tr.docChanged) return previous;
  const { start, endBefore, endAfter } = changedTopBlocks(tr.before, tr.doc);
  if (!holdsFootnotes(tr.before, start, endBefore) && !holdsFootnotes(tr.doc, start, endAfter)) {
    const decorations = previous.decorations.map(tr.mapping, tr.doc);
    if (decorations.find().length === previous.count) return { key: previous.key, decorations, count: previous.count };
  }
  const { key, spots } = scan(tr.doc);
  // Unchanged markers: keep the mapped set, so the view need not redraw anything —
  // unless mapping lost decorations (remote changes arrive as one replace of the doc).
  if (key === previous.key) {
    const decorations = previous.decorations.map(tr.mapping, tr.doc);
    if (samePlaces(decorations, spots)) return { key, decorations, count: spots.length };
  }
  return build(tr.doc, key, spots);
}

export function footnoteMarkersPlugin(): Plugin<MarkerState> {
  return new Plugin<MarkerState>({
    key: footnoteMarkersKey,
    state: {
      init: (_config, state) => {
        const { key, spots } = scan(state.doc);
        return build(state.doc, key, spots);
      },
      apply: nextMarkerState,
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
