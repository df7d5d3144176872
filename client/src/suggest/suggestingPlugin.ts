/**
 * Suggesting mode in the editor (issue 13): a ProseMirror plugin that, while the mode is
 * Suggesting, lets no local change reach the text. Every transaction that would change the
 * document — typing, Backspace/Delete, a selection deleted or replaced, paste, cut, drop,
 * Enter, bold/italic/superscript — is refused in `filterTransaction` and turned into
 * suggestions in the review room instead (suggestWriter). Remote changes (from Yjs), accepts
 * (ACCEPT_META) and pid upkeep pass. The review room and author are set by the review layer
 * (`setSuggestTarget`), which mounts beside the editor.
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { AddMarkStep, AttrStep, RemoveMarkStep, ReplaceStep, type Step } from '@tiptap/pm/transform';
import type { EditorView } from '@tiptap/pm/view';
import type { Slice } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { FORMAT_MARKS, type FormatMark } from '../../../shared/src/review/threads';
import type { EditorMode } from './mode';
import { suggestFormat, suggestReplace, type SuggestTarget } from './suggestWriter';

/** Transaction meta of an accepted suggestion: it changes the text even in Suggesting mode. */
export const ACCEPT_META = 'plenary:accept';

export const suggestingKey = new PluginKey('suggesting');

const targets = new WeakMap<Editor, SuggestTarget | null>();

export function setSuggestTarget(editor: Editor, target: SuggestTarget | null): void {
  targets.set(editor, target);
}

/** The plain text a slice inserts; block boundaries become line breaks (Enter, pasted paragraphs). */
function sliceText(slice: Slice): string {
  const content = slice.content;
  if (!content.childCount) return '';
  if (content.firstChild?.isInline) return content.textBetween(0, content.size, '\n', ' ');
  const parts: string[] = [];
  content.forEach((node) => parts.push(node.textBetween(0, node.content.size, '\n', ' ')));
  return parts.join('\n');
}

/** Pid upkeep (pidPlugin) sets only `pid` attributes; every other change is the user's. */
const passes = (step: Step) => step instanceof AttrStep && step.attr === 'pid';

function convert(tr: Transaction, state: EditorState, target: SuggestTarget): number | null {
  const step = tr.steps.find((s) => !passes(s));
  if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
    const name = step.mark.type.name;
    if ((FORMAT_MARKS as readonly string[]).includes(name)) suggestFormat(state, target, step.from, step.to, name as FormatMark, step instanceof AddMarkStep);
    return null;
  }
  if (!(step instanceof ReplaceStep)) return null;
  const { from, to } = step as unknown as { from: number; to: number };
  const text = sliceText(step.slice);
  const sel = state.selection;
  const backward = !text && sel.empty && sel.head === to;
  return suggestReplace(state, target, from, to, text, backward);
}

export const Suggesting = Extension.create<{ mode: () => EditorMode }>({
  name: 'suggesting',
  addOptions: () => ({ mode: () => 'editing' as EditorMode }),
  addProseMirrorPlugins() {
    const editor = this.editor;
    const mode = this.options.mode;
    let view: EditorView | null = null;
    return [
      new Plugin({
        key: suggestingKey,
        view: (v) => {
          view = v;
          return { destroy: () => void (view = null) };
        },
        filterTransaction: (tr, state) => {
          if (!tr.docChanged || mode() !== 'suggesting') return true;
          if (tr.getMeta(ySyncPluginKey) !== undefined || tr.getMeta(ACCEPT_META)) return true;
          if (tr.steps.every(passes)) return true;
          const target = targets.get(editor);
          if (!target) return false;
          const cursor = convert(tr, state, target);
          if (cursor !== null && (cursor !== state.selection.head || !state.selection.empty)) {
            // Not from inside the filter: the refused transaction is still being applied.
            queueMicrotask(() => {
              if (!view || view.isDestroyed) return;
              const at = Math.max(0, Math.min(cursor, view.state.doc.content.size));
              view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at)).setMeta('addToHistory', false));
            });
          }
          return false;
        },
      }),
    ];
  },
});
