/** A report body that uses every node, mark and attribute of the model, for round trips. */
import { getSchema } from '@tiptap/core';
import type { PMDoc } from '../../../shared/src/model/schema';
import { reportSchemaExtensions } from '../../../client/src/editor/schema';

export const schema = getSchema(reportSchemaExtensions());

export const fullDoc: PMDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { pid: 'ph1', level: 1 }, content: [{ type: 'text', text: 'I. Introduction' }] },
    {
      type: 'paragraph',
      attrs: { pid: 'pa', numbered: true },
      content: [
        { type: 'text', text: 'In its ' },
        { type: 'text', text: 'resolution 5/3', marks: [{ type: 'bold' }] },
        { type: 'text', text: ', the ' },
        { type: 'text', text: 'Conference', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' met on the 1' },
        { type: 'text', text: 'er', marks: [{ type: 'superscript' }] },
        { type: 'text', text: ' day; CO' },
        { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
        { type: 'footnoteRef', attrs: { target: 'pf1' } },
        { type: 'text', text: ' see ' },
        { type: 'text', text: 'unodc.org', marks: [{ type: 'link', attrs: { href: 'https://www.unodc.org/' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'Both', marks: [{ type: 'bold' }, { type: 'italic' }] },
      ],
    },
    { type: 'paragraph', attrs: { pid: 'pb', numbered: false }, content: [{ type: 'text', text: 'An unnumbered paragraph.' }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', attrs: { pid: 'pl1', numbered: false }, content: [{ type: 'text', text: 'first' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', attrs: { pid: 'pl2', numbered: false }, content: [{ type: 'text', text: 'second' }] }] },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 1 },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', attrs: { pid: 'pl3', numbered: false }, content: [{ type: 'text', text: 'one' }] }] }],
    },
    { type: 'paragraph', attrs: { pid: 'pc', numbered: true }, content: [{ type: 'text', text: 'Second numbered.' }] },
    { type: 'paragraph', attrs: { pid: 'pd', numbered: true } },
    { type: 'footnote', attrs: { pid: 'pstar', marker: '*' }, content: [{ type: 'text', text: 'CTOC/COP/2012/1.' }] },
    { type: 'footnote', attrs: { pid: 'pf1', marker: '' }, content: [{ type: 'text', text: 'A numbered note.' }] },
  ],
};

type Json = { [key: string]: unknown } | unknown[] | unknown;

/** Marks sorted by type (their order carries no meaning), empty attrs dropped. */
export function normalize(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'marks' && Array.isArray(v)) {
        out.marks = [...v].map(normalize).sort((a, b) => String((a as { type: string }).type).localeCompare(String((b as { type: string }).type)));
      } else if (key === 'attrs' && v && typeof v === 'object' && Object.keys(v).length === 0) {
        continue;
      } else out[key] = normalize(v);
    }
    return out;
  }
  return value;
}
