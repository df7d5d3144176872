/**
 * The client's Tiptap schema and the shared model encode the body identically in Yjs: a body
 * written by shared/src/model/yBody.ts reads back unchanged through y-tiptap and our schema,
 * and a body written by y-tiptap (what the editor does) reads back unchanged through yBody.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { readBody, writeBody, BODY_FRAGMENT } from '../../../shared/src/model/yBody';
import { fullDoc, normalize, schema } from './fixtures';

describe('report schema', () => {
  it('has exactly the node and mark names of the model', () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      ['bulletList', 'doc', 'footnote', 'footnoteRef', 'hardBreak', 'heading', 'listItem', 'orderedList', 'paragraph', 'paragraphRef', 'text'].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link', 'subscript', 'superscript']);
    expect(Object.keys(schema.nodes.paragraph.spec.attrs ?? {}).sort()).toEqual(['numbered', 'pid', 'sub']);
    expect(Object.keys(schema.nodes.heading.spec.attrs ?? {}).sort()).toEqual(['level', 'pid']);
    expect(Object.keys(schema.nodes.footnote.spec.attrs ?? {}).sort()).toEqual(['marker', 'pid']);
    expect(Object.keys(schema.nodes.footnoteRef.spec.attrs ?? {})).toEqual(['target']);
    expect(Object.keys(schema.marks.link.spec.attrs ?? {})).toEqual(['href']);
  });

  it('accepts the full model document', () => {
    expect(() => schema.nodeFromJSON(fullDoc).check()).not.toThrow();
  });

  it('reads what yBody.writeBody wrote, unchanged', () => {
    const doc = new Y.Doc();
    writeBody(doc.getXmlFragment(BODY_FRAGMENT), fullDoc);
    const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(BODY_FRAGMENT));
    expect(normalize(json)).toEqual(normalize(fullDoc));
    // And the JSON is a valid document of our schema.
    expect(() => schema.nodeFromJSON(json).check()).not.toThrow();
  });

  it('writes what yBody.readBody reads, unchanged', () => {
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, fullDoc, doc.getXmlFragment(BODY_FRAGMENT));
    expect(normalize(readBody(doc.getXmlFragment(BODY_FRAGMENT)))).toEqual(normalize(fullDoc));
  });

  it('round-trips through a Yjs update between the two encoders', () => {
    const server = new Y.Doc();
    writeBody(server.getXmlFragment(BODY_FRAGMENT), fullDoc);
    const browser = new Y.Doc();
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
    const node = schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(browser.getXmlFragment(BODY_FRAGMENT)));
    const again = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, node.toJSON(), again.getXmlFragment(BODY_FRAGMENT));
    expect(normalize(readBody(again.getXmlFragment(BODY_FRAGMENT)))).toEqual(normalize(readBody(server.getXmlFragment(BODY_FRAGMENT))));
  });

  it('stores no attribute that the model does not know', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(BODY_FRAGMENT);
    prosemirrorJSONToYXmlFragment(schema, fullDoc, fragment);
    const allowed: Record<string, string[]> = {
      paragraph: ['pid', 'numbered'],
      heading: ['pid', 'level'],
      footnote: ['pid', 'marker'],
      footnoteRef: ['target'],
      orderedList: ['start'],
    };
    const walk = (el: Y.XmlElement) => {
      for (const key of Object.keys(el.getAttributes())) expect(allowed[el.nodeName] ?? []).toContain(key);
      for (const child of el.toArray()) if (child instanceof Y.XmlElement) walk(child);
    };
    for (const child of fragment.toArray()) walk(child as Y.XmlElement);
  });
});
