/**
 * The Tiptap extensions that define the report schema (docs/PROTOCOL.md §1): exactly the node, mark and
 * attribute names that shared/src/model/schema.ts describes and yBody.ts reads. Kept apart from
 * the editor-only extensions (collaboration, carets, plugins) so Node tests can build the schema.
 */
import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Superscript from '@tiptap/extension-superscript';
import Subscript from '@tiptap/extension-subscript';
import { ReportParagraph } from './paragraph';
import { ReportHeading } from './heading';
import { Footnote, FootnoteRef } from './footnote';
import { SafeLink } from './link';
import { ParagraphRef } from './paragraphRef';
import { Subparagraph } from './subparagraph';

export function reportSchemaExtensions(): Extensions {
  return [
    StarterKit.configure({
      paragraph: false,
      heading: false,
      link: false,
      // Collaboration brings its own (Yjs) undo.
      undoRedo: false,
      // Not part of the report model.
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // Would append a paragraph after the footnotes on every client at once.
      trailingNode: false,
    }),
    ReportParagraph,
    ReportHeading,
    Footnote,
    FootnoteRef,
    ParagraphRef,
    Subparagraph,
    Superscript,
    Subscript,
    SafeLink,
  ];
}
