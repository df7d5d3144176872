/** Subparagraph lettering per language, restarts, the editor's attribute and the printed form. */
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { printSubparagraphs, subparagraphLabel, subparagraphLabels } from '../../../shared/src/numbering/subparagraphs';
import { inlineText, listBlocks } from '../../../shared/src/model/blocks';
import { BODY_FRAGMENT, readBody } from '../../../shared/src/model/yBody';
import type { PMDoc, PMParagraph } from '../../../shared/src/model/schema';
import { reportSchemaExtensions } from '../../../client/src/editor/schema';

const p = (pid: string, text: string, numbered: boolean, sub?: 1 | 2): PMParagraph => ({ type: 'paragraph', attrs: { pid, numbered, ...(sub ? { sub } : {}) }, content: [{ type: 'text', text }] });
const doc: PMDoc = {
  type: 'doc',
  content: [
    p('n1', 'The Conference:', true),
    p('a', 'Decided to establish a working group;', false, 1),
    p('b', 'Requested the Secretariat:', false, 1),
    p('i', 'To prepare a report;', false, 2),
    p('ii', 'To circulate it;', false, 2),
    p('c', 'Invited States.', false, 1),
    p('n2', 'The Working Group:', true),
    p('a2', 'Met in Vienna.', false, 1),
  ],
};

describe('subparagraphs', () => {
  it('letters per language', () => {
    expect(subparagraphLabel(1, 1, 'en')).toBe('(a)');
    expect(subparagraphLabel(1, 2, 'fr')).toBe('b)');
    expect(subparagraphLabel(1, 3, 'es')).toBe('c)');
    expect(subparagraphLabel(1, 1, 'ru')).toBe('a)');
    expect(subparagraphLabel(1, 1, 'zh')).toBe('(a)');
    expect(subparagraphLabel(1, 2, 'ar')).toBe('(ب)');
    expect(subparagraphLabel(2, 4, 'en')).toBe('(iv)');
    expect(subparagraphLabel(2, 4, 'fr')).toBe('iv)');
    expect(subparagraphLabel(1, 27, 'en')).toBe('(aa)');
  });

  it('restart at each numbered paragraph (letters) and each (a) (romans); are not numbered themselves', () => {
    expect([...subparagraphLabels(doc, 'en')]).toEqual([['a', '(a)'], ['b', '(b)'], ['i', '(i)'], ['ii', '(ii)'], ['c', '(c)'], ['a2', '(a)']]);
    expect(listBlocks(doc).filter((b) => b.number !== null).map((b) => [b.pid, b.number])).toEqual([['n1', 1], ['n2', 2]]);
    const printed = printSubparagraphs(doc, 'fr').content.map((b) => inlineText((b as PMParagraph).content));
    expect(printed.slice(1, 4)).toEqual(['a) Decided to establish a working group;', 'b) Requested the Secretariat:', 'i) To prepare a report;']);
  });

  it('is an attribute the editor schema knows and Yjs keeps', () => {
    const schema = getSchema(reportSchemaExtensions());
    const node = schema.nodeFromJSON(doc);
    expect(node.child(1).attrs.sub).toBe(1);
    expect(node.child(0).attrs.sub).toBeNull();
    const ydoc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, doc, ydoc.getXmlFragment(BODY_FRAGMENT));
    expect([...subparagraphLabels(readBody(ydoc.getXmlFragment(BODY_FRAGMENT)), 'en').values()]).toEqual(['(a)', '(b)', '(i)', '(ii)', '(c)', '(a)']);
  });
});
