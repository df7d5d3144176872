/**
 * Numbers and markers the client draws agree with the shared model (blocks.ts), which every
 * export uses: paragraph numbers (CSS counters over `p[data-numbered="true"]`, and the number
 * presence reports), footnote markers, and the order new footnotes take.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listBlocks, footnoteMarkers } from '../../../shared/src/model/blocks';
import { computeFootnoteMarkers, footnoteMarkersKey, footnoteMarkersPlugin } from '../../../client/src/editor/plugins/footnoteMarkers';
import { EditorState } from '@tiptap/pm/state';
import { Slice } from '@tiptap/pm/model';
import { locateBlock } from '../../../client/src/editor/plugins/presenceTracker';
import { forEachPidBlock } from '../../../client/src/editor/pids';
import { footnoteInsertPosition } from '../../../client/src/editor/schema/footnote';
import { fullDoc, schema } from './fixtures';

describe('paragraph numbering', () => {
  const doc = schema.nodeFromJSON(fullDoc);

  it('numbers the same paragraphs, with the same numbers, as the shared model', () => {
    const expected = new Map(listBlocks(fullDoc).map((b) => [b.pid, b.number]));
    forEachPidBlock(doc, (node, pos) => {
      const where = locateBlock(doc, pos + 1, 'en');
      expect(where.pid).toBe(node.attrs.pid);
      expect(where.number).toBe(expected.get(node.attrs.pid as string));
    });
    expect([...expected.values()].filter((n) => n !== null)).toEqual([1, 2, 3]);
  });

  it('renders `numbered` as the data attribute the CSS counter selects, and never a number', () => {
    const numbered = schema.nodes.paragraph.create({ pid: 'p1', numbered: true });
    const plain = schema.nodes.paragraph.create({ pid: 'p2', numbered: false });
    const spec = (node: typeof numbered) => schema.nodes.paragraph.spec.toDOM!(node) as [string, Record<string, string>, ...unknown[]];
    expect(spec(numbered)[1]).toEqual({ 'data-pid': 'p1', 'data-numbered': 'true' });
    expect(spec(plain)[1]).toEqual({ 'data-pid': 'p2', 'data-numbered': 'false' });
    const css = readFileSync(fileURLToPath(new URL('../../../client/src/styles/page.css', import.meta.url)), 'utf8');
    expect(css).toMatch(/\.report-body p\[data-numbered='true'\] \{\s*counter-increment: para;/);
    expect(css).toMatch(/content: counter\(para\) '\.'/);
  });
});

describe('footnote markers', () => {
  it('match the shared model: fixed markers kept, the others numbered in order', () => {
    const doc = schema.nodeFromJSON(fullDoc);
    expect(Object.fromEntries(computeFootnoteMarkers(doc))).toEqual(Object.fromEntries(footnoteMarkers(fullDoc)));
    expect(computeFootnoteMarkers(doc).get('pf1')).toBe('1');
    expect(computeFootnoteMarkers(doc).get('pstar')).toBe('*');
  });

  it('keeps its decorations when remote changes replace the whole document (as y-prosemirror does)', () => {
    let state = EditorState.create({ schema, doc: schema.nodeFromJSON(fullDoc), plugins: [footnoteMarkersPlugin()] });
    const markersOf = (s: EditorState) =>
      footnoteMarkersKey
        .getState(s)!
        .decorations.find()
        .map((d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-marker'])
        .sort();
    expect(markersOf(state)).toEqual(['*', '1', '1']);
    // A local edit maps the set; a whole-document replace must rebuild it.
    state = state.apply(state.tr.insertText('x', 3));
    expect(markersOf(state)).toEqual(['*', '1', '1']);
    state = state.apply(state.tr.replace(0, state.doc.content.size, new Slice(state.doc.content, 0, 0)));
    expect(markersOf(state)).toEqual(['*', '1', '1']);
  });

  it('a new footnote goes before the footnote of the next reference, so numbers follow the text', () => {
    const ref = (target: string) => ({ type: 'footnoteRef', attrs: { target } });
    const note = (pid: string) => ({ type: 'footnote', attrs: { pid, marker: '' }, content: [{ type: 'text', text: pid }] });
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { pid: 'p1', numbered: true }, content: [{ type: 'text', text: 'a' }, ref('new'), { type: 'text', text: 'b' }, ref('f1')] },
        note('f1'),
        note('new'),
      ],
    });
    const posOfF1 = doc.child(0).nodeSize;
    expect(footnoteInsertPosition(doc, 'new')).toBe(posOfF1);
    const last = schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', attrs: { pid: 'p1', numbered: true }, content: [ref('f1'), ref('new')] }, note('f1')] });
    expect(footnoteInsertPosition(last, 'new')).toBe(last.content.size);
  });
});
