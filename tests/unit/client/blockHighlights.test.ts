/**
 * Review ranges in blocks drawn without an editor: anchors resolve to offsets in the block's
 * inline content as ProseMirror counts them (text characters, 1 per inline node), follow
 * edits, and vanish when their text is deleted or the thread is no longer open.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blockRange, highlightsByPid } from '../../../client/src/review/blockHighlights';
import { anchorInText, type Thread } from '../../../shared/src/review/threads';
import { segmentsMap } from '../../../shared/src/model/translation';
import { writeBlock } from '../../../shared/src/model/yBody';

/** A segment "Dans sa¹ résolution 5/3" with a footnote reference between two runs of text. */
function segment() {
  const doc = new Y.Doc();
  const fragment = new Y.XmlFragment();
  segmentsMap(doc).set('p1', fragment);
  writeBlock(fragment, {
    type: 'paragraph',
    attrs: { pid: 'p1', numbered: true },
    content: [
      { type: 'text', text: 'Dans sa' },
      { type: 'footnoteRef', attrs: { pid: 'r1', target: 'f1' } },
      { type: 'text', text: ' résolution ' },
      { type: 'text', text: '5/3', marks: [{ type: 'bold' }] },
    ],
  } as never);
  const block = fragment.get(0) as Y.XmlElement;
  return { doc, block, before: block.get(0) as Y.XmlText, after: block.get(2) as Y.XmlText };
}

const thread = (over: Partial<Thread>): Thread => ({
  id: 't1', room: 'fr', pid: 'p1', anchor: { from: '', to: '' }, quote: '', kind: 'comment', proposed: null,
  status: 'open', createdBy: 'u', createdAt: 0, messages: [], ...over,
});

describe('block highlights', () => {
  it('counts the text and inline nodes before the anchored run', () => {
    const { doc, block, before, after } = segment();
    // "résolution" is at 1..11 of the second run; 7 characters and a footnote come before it.
    expect(blockRange(doc, anchorInText(after, 1, 11), block)).toEqual({ from: 9, to: 19 });
    expect(blockRange(doc, anchorInText(before, 0, 4), block)).toEqual({ from: 0, to: 4 });
    // A range across marks stays in one XmlText: " 5/3" is bold only in part.
    expect(blockRange(doc, anchorInText(after, 11, 15), block)).toEqual({ from: 19, to: 23 });
  });

  it('follows edits before the range, and is gone with its text', () => {
    const { doc, block, before, after } = segment();
    const anchor = anchorInText(after, 1, 11);
    before.insert(0, 'Ainsi, ');
    expect(blockRange(doc, anchor, block)).toEqual({ from: 16, to: 26 });
    after.delete(0, 12);
    expect(blockRange(doc, anchor, block)).toBeNull();
  });

  it('lists the open threads per row, in order, and skips others', () => {
    const { doc, block, after } = segment();
    const threads = [
      thread({ id: 'late', anchor: anchorInText(after, 12, 15) }),
      thread({ id: 'early', anchor: anchorInText(after, 1, 11), kind: 'suggestion', proposed: 'décision' }),
      thread({ id: 'done', anchor: anchorInText(after, 1, 11), status: 'resolved' }),
      thread({ id: 'elsewhere', pid: 'p2', anchor: anchorInText(after, 1, 11) }),
      thread({ id: 'broken', anchor: { from: 'not base64!', to: '' } }),
    ];
    const byPid = highlightsByPid(doc, threads, (pid) => (pid === 'p1' ? block : null));
    expect([...byPid.keys()]).toEqual(['p1']);
    expect(byPid.get('p1')).toEqual([
      { from: 9, to: 19, thread: 'early', kind: 'suggestion', proposed: 'décision' },
      { from: 20, to: 23, thread: 'late', kind: 'comment', proposed: undefined },
    ]);
  });
});
