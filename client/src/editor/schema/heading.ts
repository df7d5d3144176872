/**
 * Headings with a `pid` (and Tiptap's `level`): UN reports use up to four levels. On the page
 * a level-L heading is drawn as `<h(L+1)>` with `data-level="L"`: the report's title is the
 * page's one `<h1>`, so the body's headings sit below it in the outline of the page (as the
 * HTML export does). Pasted `<h1>`…`<h4>` from elsewhere still read as levels 1–4.
 */
import Heading from '@tiptap/extension-heading';
import { mergeAttributes } from '@tiptap/core';
import { pidAttribute } from './pidAttribute';

export const HEADING_LEVELS = [1, 2, 3, 4] as const;

const clampLevel = (value: unknown) => Math.min(4, Math.max(1, Math.trunc(Number(value)) || 1));

export const ReportHeading = Heading.extend({
  addAttributes() {
    return { ...this.parent?.(), pid: pidAttribute };
  },

  parseHTML() {
    return [
      // Our own rendering (copy and paste inside Plenary) says its level.
      ...HEADING_LEVELS.map((level) => ({ tag: `h${level + 1}[data-level="${level}"]`, priority: 60, attrs: { level } })),
      ...HEADING_LEVELS.map((level) => ({ tag: `h${level}`, attrs: { level } })),
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const level = clampLevel(node.attrs.level);
    return [`h${level + 1}`, mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { 'data-level': String(level) }), 0];
  },
}).configure({ levels: [...HEADING_LEVELS] });
