/**
 * Footnote markers and notes live and die together (plugins/footnoteLifecycle.ts), on real
 * ProseMirror states of the report schema: deleting a paragraph with the marker deletes its
 * note, deleting the note deletes its markers, a note keeps living while another marker refers
 * to it, a fixed-marker (`*`) note is left alone, typing changes nothing; orphans are listed.
 */
import { describe, expect, it } from 'vitest';
import { EditorState, Plugin, type Transaction } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { footnotePairing } from '../../../client/src/editor/plugins/footnoteLifecycle';
import { orphanNotes } from '../../../client/src/editor/plugins/footnoteMarkers';
import { markerPosition } from '../../../client/src/editor/schema/footnote';
import { schema } from './fixtures';

const removedMarkers: string[][] = [];
const removedNotes = new Map<string, PMNode>();
const pairing = new Plugin({
  appendTransaction: (trs, oldState, newState) => {
    const paired = footnotePairing(trs, oldState, newState, removedNotes);
    if (paired) removedMarkers.push(paired.markers);
    return paired?.tr ?? null;
  },
});

const para = (pid: string, ...content: object[]) => ({ type: 'paragraph', attrs: { pid, numbered: true }, content });
const text = (t: string) => ({ type: 'text', text: t });
const ref = (target: string) => ({ type: 'footnoteRef', attrs: { target } });
const note = (pid: string, t: string, marker = '') => ({ type: 'footnote', attrs: { pid, marker }, content: [text(t)] });

function state(): EditorState {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: [
      para('pa', text('First'), ref('f1'), text(' paragraph.')),
      para('pb', text('Second'), ref('f2'), text(' and again'), ref('f2')),
      para('pc', text('Third.')),
      note('f1', 'Note one.'),
      note('f2', 'Note two.'),
      note('fs', 'Masthead note.', '*'),
    ],
  });
  return EditorState.create({ doc, plugins: [pairing] });
}

function blockPos(doc: PMNode, pid: string): { from: number; to: number } {
  let found = { from: -1, to: -1 };
  doc.forEach((node, offset) => {
    if (node.attrs.pid === pid) found = { from: offset, to: offset + node.nodeSize };
  });
  return found;
}

const notes = (s: EditorState) => {
  const out: string[] = [];
  s.doc.forEach((n) => n.type.name === 'footnote' && out.push(n.attrs.pid as string));
  return out;
};
const refs = (s: EditorState) => {
  const out: string[] = [];
  s.doc.descendants((n) => {
    if (n.type.name === 'footnoteRef') out.push(n.attrs.target as string);
  });
  return out;
};
const apply = (s: EditorState, build: (tr: Transaction) => Transaction) => s.apply(build(s.tr));

describe('footnote marker and note pairing', () => {
  it('deleting the paragraph that holds the marker deletes its note, and names it', () => {
    removedMarkers.length = 0;
    const before = state();
    const { from, to } = blockPos(before.doc, 'pa');
    const after = before.applyTransaction(before.tr.delete(from, to)).state;
    expect(notes(after)).toEqual(['f2', 'fs']);
    expect(removedMarkers).toEqual([['1']]);
    expect(orphanNotes(after.doc)).toEqual([]);
  });

  it('a paragraph moved by cut and paste brings its note back', () => {
    const before = state();
    const { from, to } = blockPos(before.doc, 'pa');
    const cut = before.doc.slice(from, to);
    const afterCut = before.applyTransaction(before.tr.delete(from, to)).state;
    expect(notes(afterCut)).toEqual(['f2', 'fs']);
    // Paste it after the third paragraph (a fresh copy of the paragraph, its marker as it was).
    const at = blockPos(afterCut.doc, 'pc').to;
    const pasted = afterCut.applyTransaction(afterCut.tr.replace(at, at, cut)).state;
    expect(refs(pasted)).toEqual(['f2', 'f2', 'f1']);
    // Placed as a new footnote would be (footnoteInsertPosition): after f2's, whose marker is first now.
    expect(notes(pasted)).toEqual(['f2', 'fs', 'f1']);
    expect(orphanNotes(pasted.doc)).toEqual([]);
    // Typing afterwards does not bring anything else back.
    expect(notes(apply(pasted, (tr) => tr.insertText('Y', 1)))).toEqual(['f2', 'fs', 'f1']);
  });

  it('typing over a selection that holds the marker removes the note too, and says which', () => {
    removedMarkers.length = 0;
    const before = state();
    // "First" + marker + " paragraph.": select from inside "First" to inside " paragraph." and type.
    const after = before.applyTransaction(before.tr.insertText('Z', 3, 10)).state;
    expect(after.doc.child(0).textContent).toBe('FiZragraph.');
    expect(notes(after)).toEqual(['f2', 'fs']);
    expect(removedMarkers).toEqual([['1']]);
  });

  it('a note stays while another marker still refers to it', () => {
    const before = state();
    let at = -1;
    before.doc.descendants((n, pos) => {
      if (at < 0 && n.type.name === 'footnoteRef' && n.attrs.target === 'f2') at = pos;
    });
    const after = before.applyTransaction(before.tr.delete(at, at + 1)).state;
    expect(refs(after)).toEqual(['f1', 'f2']);
    expect(notes(after)).toEqual(['f1', 'f2', 'fs']);
  });

  it('deleting a note deletes every marker that refers to it', () => {
    const before = state();
    const { from, to } = blockPos(before.doc, 'f2');
    const after = before.applyTransaction(before.tr.delete(from, to)).state;
    expect(refs(after)).toEqual(['f1']);
    expect(after.doc.child(1).textContent).toBe('Second and again');
  });

  it('typing and a fixed-marker note are left alone; orphans are listed, fixed-marker notes are not', () => {
    const before = state();
    const typed = apply(before, (tr) => tr.insertText('X', 2));
    expect(typed.doc.eq(before.tr.insertText('X', 2).doc)).toBe(true);
    // A remote edit (no pairing) can still leave an orphan: it is listed.
    const plain = EditorState.create({ doc: before.doc });
    const { from, to } = blockPos(plain.doc, 'pa');
    const orphaned = plain.apply(plain.tr.delete(from, to));
    expect(orphanNotes(orphaned.doc)).toEqual(['f1']);
  });

  it('Esc goes to just after the first marker of the note', () => {
    const doc = state().doc;
    const at = markerPosition(doc, 'f2')!;
    expect(doc.resolve(at).nodeBefore?.type.name).toBe('footnoteRef');
    expect(doc.textBetween(doc.resolve(at).start(), at)).toBe('Second');
    expect(markerPosition(doc, 'nope')).toBeNull();
  });
});
