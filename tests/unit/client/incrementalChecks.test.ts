/**
 * The incremental checkers of the report editor agree with the full scans they replace, on
 * seeded random edit sequences (failing seeds can be replayed): PidIndex (client/src/editor/
 * pidIndex.ts) against findPidProblems, and the footnote markers' incremental state
 * (plugins/footnoteMarkers.ts) against a fresh computation on the same document.
 */
import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { DecorationSet } from '@tiptap/pm/view';
import { PidIndex } from '../../../client/src/editor/pidIndex';
import { findPidProblems } from '../../../client/src/editor/pids';
import { footnoteMarkersKey, footnoteMarkersPlugin } from '../../../client/src/editor/plugins/footnoteMarkers';
import { changedTopBlocks, numberingUnchanged } from '../../../client/src/editor/changedTopBlocks';
import { documentLabels } from '../../../client/src/editor/plugins/paragraphRefLabels';
import { changedTextblocks, redoBlocks, textblocksOfChangedBlocks } from '../../../client/src/editor/plugins/changedBlocks';
import { symbolDecorations, textDecorations } from '../../../client/src/editor/plugins/symbolLinks';
import { DecorationSet as Decorations, type Decoration } from '@tiptap/pm/view';
import { schema } from './fixtures';
import { mulberry32 } from '../../helpers/mulberry32';

/** The seeded tests' PRNG (mulberry32), so failing seeds can be replayed. */
function prng(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

type Rng = ReturnType<typeof prng>;

const PIDS = ['a', 'b', 'c', 'd', 'e', 'f', null, ''];
const NOTES = ['n1', 'n2', 'n3', 'n4'];

function randomBlock(rng: Rng): PMNode {
  const pid = rng.pick(PIDS);
  const roll = rng.int(10);
  if (roll < 5) {
    const inline = [schema.text(rng.pick(['Text ', 'More text ', 'x', 'See A/RES/55/25 now ', '[not agreed] text ', 'CTOC/COP/2012/1 ', '[open']))];
    if (rng.int(3) === 0) inline.push(schema.nodes.footnoteRef.create({ target: rng.pick(NOTES) }));
    return schema.nodes.paragraph.create({ pid, numbered: rng.int(2) === 0 }, inline);
  }
  if (roll < 6) return schema.nodes.heading.create({ pid, level: 1 }, schema.text('Heading'));
  if (roll < 8) return schema.nodes.footnote.create({ pid: rng.pick(NOTES), marker: rng.int(4) === 0 ? '*' : '' }, schema.text('A note.'));
  const item = () => schema.nodes.listItem.create(null, schema.nodes.paragraph.create({ pid: rng.pick(PIDS), numbered: false }, schema.text('item')));
  return schema.nodes.bulletList.create(null, [item(), item()]);
}

function randomDoc(rng: Rng): PMNode {
  return schema.nodes.doc.create(null, Array.from({ length: 3 + rng.int(8) }, () => randomBlock(rng)));
}

/** A random edit of the kinds the editor makes: typing, new or removed blocks, pid changes, a whole replace. */
function randomEdit(state: EditorState, rng: Rng): Transaction {
  const tr = state.tr;
  const doc = state.doc;
  const index = rng.int(doc.childCount);
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  const block = doc.child(index);
  switch (rng.int(7)) {
    case 0:
      if (block.isTextblock) return tr.insertText('k', pos + 1 + rng.int(block.content.size + 1));
      return tr.insert(pos, randomBlock(rng));
    case 1:
      return tr.insert(rng.int(2) ? pos : pos + block.nodeSize, randomBlock(rng));
    case 2:
      return doc.childCount > 1 ? tr.delete(pos, pos + block.nodeSize) : tr.insert(pos, randomBlock(rng));
    case 3:
      return block.type.spec.attrs && 'pid' in (block.type.spec.attrs as object) ? tr.setNodeAttribute(pos, 'pid', rng.pick(PIDS)) : tr.insert(pos, randomBlock(rng));
    case 4:
      return block.isTextblock && block.content.size > 0 ? tr.insert(pos + 1, schema.nodes.footnoteRef.create({ target: rng.pick(NOTES) })) : tr.insert(pos, randomBlock(rng));
    case 5: {
      // Split a paragraph (Enter): the new block repeats its pid until the fixer runs.
      if (!block.isTextblock || block.content.size === 0) return tr.insert(pos, randomBlock(rng));
      return tr.split(pos + 1 + rng.int(block.content.size));
    }
    default:
      // What a remote Yjs update looks like: the whole document replaced, untouched blocks shared.
      return tr.replaceWith(0, doc.content.size, randomDoc(rng).content.append(doc.content.cut(0, Math.min(doc.content.size, pos))));
  }
}

const hasProblems = (doc: PMNode) => findPidProblems(doc).positions.length > 0;

function decorationsOf(set: DecorationSet | undefined): string[] {
  return (set?.find() ?? []).map((d) => `${d.from}-${d.to}:${JSON.stringify((d as unknown as { type: { attrs: unknown } }).type.attrs)}`).sort();
}

describe('changedTopBlocks', () => {
  it('finds the blocks between the shared ends', () => {
    const rng = prng(3);
    const doc = randomDoc(rng);
    const edited = doc.replace(doc.child(0).nodeSize, doc.child(0).nodeSize + doc.child(1).nodeSize, doc.slice(0, 0));
    expect(changedTopBlocks(doc, edited)).toEqual({ start: 1, endBefore: 2, endAfter: 1 });
    expect(changedTopBlocks(doc, doc)).toEqual({ start: doc.childCount, endBefore: doc.childCount, endAfter: doc.childCount });
  });
});

describe('PidIndex', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42, 2024]) {
    it(`agrees with findPidProblems over 150 random edits (seed ${seed})`, () => {
      const rng = prng(seed);
      const index = new PidIndex();
      let state = EditorState.create({ schema, doc: randomDoc(rng) });
      expect(index.hasProblems(state.doc)).toBe(hasProblems(state.doc));
      for (let step = 0; step < 150; step++) {
        state = state.apply(randomEdit(state, rng));
        expect(index.hasProblems(state.doc), `step ${step}`).toBe(hasProblems(state.doc));
      }
    });
  }

  it('answers for any sequence of documents, not only consecutive ones', () => {
    const rng = prng(99);
    const index = new PidIndex();
    const docs = Array.from({ length: 40 }, () => randomDoc(rng));
    for (let i = 0; i < 200; i++) {
      const doc = rng.pick(docs);
      expect(index.hasProblems(doc)).toBe(hasProblems(doc));
    }
  });
});

describe('footnote markers, incremental', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 17, 2024]) {
    it(`equal the markers computed afresh over 150 random edits (seed ${seed})`, () => {
      const rng = prng(seed);
      const plugin = footnoteMarkersPlugin();
      let state = EditorState.create({ schema, doc: randomDoc(rng), plugins: [plugin] });
      for (let step = 0; step < 150; step++) {
        const tr = randomEdit(state, rng);
        if (rng.int(4) === 0) tr.setSelection(TextSelection.atStart(tr.doc));
        state = state.apply(tr);
        const fresh = EditorState.create({ schema, doc: state.doc, plugins: [footnoteMarkersPlugin()] });
        expect(decorationsOf(footnoteMarkersKey.getState(state)?.decorations), `step ${step}`).toEqual(decorationsOf(footnoteMarkersKey.getState(fresh)?.decorations));
      }
    });
  }
});

describe('block-by-block decorations after structural changes', () => {
  const reports = new Map([['A/RES/55/25', { id: 'r1', title: 'Resolution' }]]);
  const decorate = (block: { node: PMNode; pos: number }) => {
    const out: Decoration[] = [];
    textDecorations(block.node, block.pos, reports, out);
    return out;
  };
  const shape = (set: Decorations) => set.find().map((d) => `${d.from}-${d.to}`).sort();
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 2024]) {
    it(`redoing the changed blocks equals a full pass over 150 random edits (seed ${seed})`, () => {
      const rng = prng(seed);
      let state = EditorState.create({ schema, doc: randomDoc(rng) });
      let set = symbolDecorations(state.doc, reports);
      let incremental = 0;
      for (let step = 0; step < 150; step++) {
        const tr = randomEdit(state, rng);
        const blocks = changedTextblocks(tr) ?? textblocksOfChangedBlocks(tr);
        if (blocks) incremental++;
        set = blocks ? redoBlocks(set, tr, blocks, decorate) : symbolDecorations(tr.doc, reports);
        state = state.apply(tr);
        expect(shape(set), `step ${step}`).toEqual(shape(symbolDecorations(state.doc, reports)));
      }
      // Most edits are local: the shortcut must have been taken, or this test proves nothing.
      expect(incremental).toBeGreaterThan(90);
    });
  }
});

describe('numberingUnchanged', () => {
  for (const seed of [1, 2, 3, 4, 5, 2024]) {
    it(`when it says so, paragraph labels are the same (seed ${seed})`, () => {
      const rng = prng(seed);
      let state = EditorState.create({ schema, doc: randomDoc(rng) });
      let unchanged = 0;
      for (let step = 0; step < 200; step++) {
        const tr = randomEdit(state, rng);
        if (numberingUnchanged(tr.before, tr.doc)) {
          unchanged++;
          expect([...documentLabels(tr.doc)], `step ${step}`).toEqual([...documentLabels(tr.before)]);
        }
        state = state.apply(tr);
      }
      expect(unchanged).toBeGreaterThan(20);
    });
  }
});
