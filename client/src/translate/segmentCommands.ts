/**
 * Edits of a row's editor that come from outside it: a translation-memory match, the source
 * copied over, a footnote reference. Each replaces or inserts inline content of the one block
 * and keeps the block (type, pid) as it is.
 */
import type { Editor } from '@tiptap/react';
import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import type { PMInline } from '../../../shared/src/model/schema';
import { relinkReferences, type LabelledRef } from '../../../shared/src/references/relink';

function replaceInline(editor: Editor, build: (schema: Editor['schema']) => Fragment): boolean {
  return editor
    .chain()
    .focus()
    .command(({ tr, state }) => {
      const block = state.doc.firstChild as PMNode | null;
      if (!block) return false;
      tr.replaceWith(1, 1 + block.content.size, build(state.schema));
      return true;
    })
    .focus('end')
    .run();
}

/**
 * Plain text (as the memory stores it): line breaks become hard breaks, and the source row's
 * paragraph references come back where their numbers appear (shared/src/references/relink.ts).
 */
export function replaceWithText(editor: Editor, text: string, refs: readonly LabelledRef[] = []): boolean {
  if (refs.length) return replaceInline(editor, (schema) => Fragment.fromJSON(schema, relinkReferences(text, refs)));
  return replaceInline(editor, (schema) => {
    const nodes: PMNode[] = [];
    text.split('\n').forEach((line, i) => {
      if (i > 0) nodes.push(schema.nodes.hardBreak.create());
      if (line) nodes.push(schema.text(line));
    });
    return Fragment.fromArray(nodes);
  });
}

/** The source's inline content, formatting and footnote references included. */
export function replaceWithInline(editor: Editor, content: readonly PMInline[] | undefined): boolean {
  return replaceInline(editor, (schema) => Fragment.fromJSON(schema, content ?? []));
}

export function insertFootnoteRef(editor: Editor, target: string): boolean {
  return editor.chain().focus().insertContent({ type: 'footnoteRef', attrs: { target } }).run();
}
