/**
 * What a translation row's editor runs: the report schema bound to one segment fragment
 * (`segments[pid]`, docs/PROTOCOL.md §1), named carets of other translators in the same row, footnote
 * markers taken from the original, and the guard that keeps a segment what the model says it
 * is: exactly one block, of the type and with the attributes it was created with.
 *
 * The guard filters local transactions only; remote changes arrive through the sync binding
 * and are never refused (refusing them would fork this view from the document).
 */
import { Extension, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { KeepLocalIntent } from '../editor/plugins/keepLocalIntent';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { reportSchemaExtensions } from '../editor/schema';
import type { PresenceUser } from '../presence/presence';
import { ReviewDecorations } from '../review/reviewDecorations';
import { Suggesting } from '../suggest/suggestingPlugin';
import type { EditorMode } from '../suggest/mode';
import { ParagraphRefLabels } from '../editor/plugins/paragraphRefLabels';

export interface SegmentBinding {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: PresenceUser;
  /** Footnote pid → displayed marker, from the original (a segment holds no footnotes of its own). */
  footnoteMarkers: () => ReadonlyMap<string, string>;
  placeholder: string;
  /** The editor mode (issue 13): in Suggesting, edits become suggestions in the review room. */
  mode?: () => EditorMode;
  /** Paragraph pid → number, from the original (references show the original's numbering). */
  paragraphLabels: () => ReadonlyMap<string, string>;
}

function sameBlockShape(a: PMNode | null, b: PMNode | null): boolean {
  if (!a || !b) return a === b;
  if (a.type !== b.type) return false;
  return JSON.stringify(a.attrs) === JSON.stringify(b.attrs);
}

/** Pasted paragraphs become one run of inline content, joined with spaces, without pids. */
function flattenPasted(slice: Slice, doc: PMNode): Slice {
  const blocks: PMNode[] = [];
  slice.content.descendants((node) => {
    if (node.isTextblock) {
      blocks.push(node);
      return false;
    }
    return true;
  });
  if (blocks.length <= 1 && slice.openStart > 0) return slice;
  const schema = doc.type.schema;
  const inline: PMNode[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) inline.push(schema.text(' '));
    block.content.forEach((child) => inline.push(child));
  });
  if (inline.length === 0) return Slice.empty;
  const wrapper = schema.nodes.paragraph.create(null, Fragment.fromArray(inline));
  return new Slice(Fragment.from(wrapper), 1, 1);
}

const segmentGuardKey = new PluginKey('segmentGuard');

export const SegmentGuard = Extension.create({
  name: 'segmentGuard',
  priority: 1000,

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: segmentGuardKey,
        filterTransaction: (tr, state) => {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined) return true;
          // An empty doc before is the moment the binding renders the fragment: let it be.
          if (state.doc.childCount === 0) return true;
          return tr.doc.childCount === 1 && sameBlockShape(tr.doc.firstChild, state.doc.firstChild);
        },
        props: {
          transformPasted: (slice, view) => flattenPasted(slice, view.state.doc),
        },
      }),
    ];
  },

  addKeyboardShortcuts() {
    // A segment is one block: Enter has nothing to split (Shift+Enter still breaks the line).
    return { Enter: () => true };
  },
});

interface MarkerOptions {
  markers: () => ReadonlyMap<string, string>;
}

/** `data-marker` on every footnote reference, from the original's footnote numbering. */
const SegmentFootnoteMarkers = Extension.create<MarkerOptions>({
  name: 'segmentFootnoteMarkers',

  addOptions() {
    return { markers: () => new Map() };
  },

  addProseMirrorPlugins() {
    const { markers } = this.options;
    return [
      new Plugin({
        key: new PluginKey('segmentFootnoteMarkers'),
        props: {
          decorations: (state) => {
            const spots: Decoration[] = [];
            const known = markers();
            state.doc.descendants((node, pos) => {
              if (node.type.name === 'footnoteRef') {
                spots.push(Decoration.node(pos, pos + node.nodeSize, { 'data-marker': known.get(node.attrs.target as string) ?? '?' }));
              }
              return true;
            });
            return spots.length ? DecorationSet.create(state.doc, spots) : DecorationSet.empty;
          },
        },
      }),
    ];
  },
});

export function segmentEditorExtensions(binding: SegmentBinding): Extensions {
  return [
    ...reportSchemaExtensions(),
    Collaboration.configure({ fragment: binding.fragment }),
    CollaborationCaret.configure({ provider: binding.provider, user: binding.user }),
    KeepLocalIntent.configure({ provider: binding.provider }),
    SegmentGuard,
    SegmentFootnoteMarkers.configure({ markers: binding.footnoteMarkers }),
    ParagraphRefLabels.configure({ labelsOf: () => binding.paragraphLabels() }),
    Placeholder.configure({ placeholder: binding.placeholder }),
    // Review threads of this row drawn in its text (the grid pushes them in; no editor registry).
    ReviewDecorations.configure({ doc: null }),
    Suggesting.configure({ mode: binding.mode ?? (() => 'editing') }),
  ];
}
