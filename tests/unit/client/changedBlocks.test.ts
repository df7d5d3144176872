/**
 * Incremental decorations: after typing, redoing only the touched paragraph gives the same
 * decorations as recomputing the whole document; structural changes ask for a full recompute.
 */
import { describe, expect, it } from 'vitest';
import { EditorState } from '@tiptap/pm/state';
import type { Decoration, DecorationSet } from '@tiptap/pm/view';
import { changedTextblocks, redoBlocks } from '../../../client/src/editor/plugins/changedBlocks';
import { symbolDecorations, textDecorations } from '../../../client/src/editor/plugins/symbolLinks';
import { schema } from './fixtures';

const reports = new Map([['A/RES/55/25', { id: 'r1', title: 'Resolution' }]]);
const shape = (set: DecorationSet) => set.find().map((d: Decoration) => `${d.from}-${d.to}`).sort();

describe('changed textblocks', () => {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'paragraph', attrs: { pid: 'a', numbered: true }, content: [{ type: 'text', text: 'See CTOC/COP/2012/1 now.' }] },
      { type: 'paragraph', attrs: { pid: 'b', numbered: true }, content: [{ type: 'text', text: 'Recalling resolution' }] },
    ],
  });
  const state = EditorState.create({ doc });

  it('redoes only the paragraph typed in, with the same result as a full pass', () => {
    const before = symbolDecorations(doc, reports);
    const end = doc.child(0).nodeSize + doc.child(1).nodeSize - 1;
    const tr = state.tr.insertText(' A/RES/55/25', end).insertText('Also ', 1);
    const blocks = changedTextblocks(tr);
    expect(blocks?.map((b) => b.node.attrs.pid).sort()).toEqual(['a', 'b']);
    const incremental = redoBlocks(before, tr, blocks!, ({ node, pos }) => {
      const out: Decoration[] = [];
      textDecorations(node, pos, reports, out);
      return out;
    });
    expect(shape(incremental)).toEqual(shape(symbolDecorations(tr.doc, reports)));
    expect(shape(incremental)).toHaveLength(2);
  });

  it('gives up on structural changes', () => {
    expect(changedTextblocks(state.tr.split(5))).toBeNull();
    expect(changedTextblocks(state.tr.setNodeAttribute(0, 'numbered', false))).toBeNull();
  });
});
