/**
 * DOM writes inside the editor that ProseMirror must not read back as edits (a class, a data
 * attribute on a block): run with its DOM observer paused, as ProseMirror does around its own
 * redraws. ProseMirror keeps attributes and classes it did not set (it removes only its own),
 * but a block it redraws from scratch is born without them: callers write them again after
 * each change.
 */
import type { EditorView } from '@tiptap/pm/view';

/** prosemirror-view's DOM observer: internal in its typings, stable in its API (see keepLocalIntent.ts). */
interface ObservedView {
  domObserver?: { started?: boolean; stop(): void; start(): void };
}

export function unobservedWrite(view: EditorView, write: () => void): void {
  const observer = (view as EditorView & ObservedView).domObserver;
  const running = observer?.started !== false;
  if (running) observer?.stop();
  try {
    write();
  } finally {
    if (running) observer?.start();
  }
}
