/**
 * The y-tiptap patch's shortcut for relative positions (patches/README.md, "performance"):
 * with the document Yjs holds known, absolutePositionToRelativePosition jumps to the block of
 * the position instead of walking every block before it. It must give what the full walk
 * gives, at every position, after seeded random local edits, and must stand aside once
 * someone else's transaction has changed the fragment.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { ProsemirrorBinding, absolutePositionToRelativePosition } from '@tiptap/y-tiptap';
import { BODY_FRAGMENT } from '../../../shared/src/model/yBody';
import { schema } from '../client/fixtures';
import { mulberry32 } from '../../helpers/mulberry32';

const prng = mulberry32;

const para = (text: string, pid: string) => schema.nodes.paragraph.create({ pid, numbered: true }, text ? schema.text(text) : undefined);

interface Internals {
  _prosemirrorChanged(doc: PMNode): void;
  _beforeObserverCalls(tr: Y.Transaction): void;
  prosemirrorView: { state: EditorState } | null;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

/** Both ways at every position: through the binding's mapping (shortcut) and a copy of it (full walk). */
function expectSameEverywhere(fragment: Y.XmlFragment, binding: Internals, doc: PMNode) {
  const walk = new Map(binding.mapping);
  for (let pos = 0; pos <= doc.content.size; pos++) {
    const fast = absolutePositionToRelativePosition(pos, fragment, binding.mapping as never);
    const full = absolutePositionToRelativePosition(pos, fragment, walk as never);
    expect(Y.compareRelativePositions(fast, full), `position ${pos}`).toBe(true);
  }
}

describe('relative positions with the synced-document shortcut', () => {
  for (const seed of [1, 2, 3, 7, 2024]) {
    it(`equal the full walk after random edits (seed ${seed})`, () => {
      const next = prng(seed);
      const ydoc = new Y.Doc();
      const fragment = ydoc.getXmlFragment(BODY_FRAGMENT);
      const binding = new ProsemirrorBinding(fragment) as unknown as Internals;
      ydoc.on('beforeObserverCalls', binding._beforeObserverCalls);
      let state = EditorState.create({ schema, doc: schema.nodes.doc.create(null, Array.from({ length: 12 }, (_, i) => para(i % 4 === 0 ? '' : `text ${i}`, `p${i}`))) });
      const write = () => {
        binding.prosemirrorView = { state };
        binding._prosemirrorChanged(state.doc);
      };
      write();
      for (let step = 0; step < 40; step++) {
        const tr = state.tr;
        const index = Math.floor(next() * state.doc.childCount);
        let pos = 0;
        for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
        const block = state.doc.child(index);
        const roll = next();
        if (roll < 0.4) tr.insertText('ab', pos + 1 + Math.floor(next() * (block.content.size + 1)));
        else if (roll < 0.6) tr.insert(pos, para(next() < 0.3 ? '' : 'new', `n${step}`));
        else if (roll < 0.75 && state.doc.childCount > 2) tr.delete(pos, pos + block.nodeSize);
        else if (block.content.size > 1) tr.split(pos + 2);
        else tr.insertText('x', pos + 1);
        state = state.apply(tr);
        write();
        expectSameEverywhere(fragment, binding, state.doc);
      }
    });
  }

  it('stands aside once another transaction changed the fragment', () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment(BODY_FRAGMENT);
    const binding = new ProsemirrorBinding(fragment) as unknown as Internals;
    ydoc.on('beforeObserverCalls', binding._beforeObserverCalls);
    const state = EditorState.create({ schema, doc: schema.nodes.doc.create(null, [para('one', 'a'), para('two', 'b'), para('three', 'c')]) });
    binding.prosemirrorView = { state };
    binding._prosemirrorChanged(state.doc);
    // Someone else inserts text into the second block, behind the binding's back.
    const text = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const inside = (done: () => void) =>
      ydoc.transact(() => {
        text.insert(0, 'remote ');
        // Inside the transaction: the fragment has changed, the shortcut must not apply.
        expectSameEverywhere(fragment, binding, state.doc);
        done();
      });
    let ran = false;
    inside(() => (ran = true));
    expect(ran).toBe(true);
    // After it: the listener dropped the synced document.
    expectSameEverywhere(fragment, binding, state.doc);
  });
});
