/**
 * On long reports the block being typed in is a relayout boundary, so a keystroke lays out
 * that block alone instead of the whole report body.
 *
 * Why: LayoutNG lays out a dirty block's parent again, and the parent's block layout visits
 * every child (each cached, ~1 µs): with 6,000 top-level blocks that was ~5 ms of every typed
 * character, O(n) and out of the editor's reach. A box with size and layout containment and a
 * fixed height is a relayout boundary: its content's layout cannot move anything outside it.
 * Chromium's trace, 6,000 paragraphs, 80 keystrokes: all layouts together 9.4 → 2.6 ms per
 * keystroke (docs/notes/issue11-perf.md).
 *
 * How: when the caret enters a textblock at the top level, its natural height is read and the
 * block gets `contain: size layout` with that height (class `layout-boundary`, style sheet
 * page.css). After every change the height its lines need is measured again — a Range over its
 * content, laid out inside the boundary only — and the fixed height follows when a line is
 * added or removed (the only keystrokes that still lay the body out). The boundary is
 * released when the caret leaves the block, on resize and when fonts load (the block's natural
 * height changes without a transaction), and is never printed. Written with ProseMirror's
 * observer paused (unobservedWrite.ts). Only on reports over BOUNDARY_MIN_BLOCKS top-level blocks,
 * whether or not the render window is on (renderWindow.ts, 1,000): on 500 paragraphs it took
 * typing p50 from ~14 to ~11 ms and p95 from ~19 to ~15 (bench/editor.ts); a shorter body's
 * layout costs well under a millisecond.
 *
 * When the caret changes block (Enter, Backspace joining, a click) every change of containment
 * costs a layout of the whole body, so they are kept off the keystroke's path: the old
 * boundary is released before ProseMirror writes the DOM (Tiptap's `beforeTransaction`), so
 * its layout is the one the edit needs anyway, and the new block becomes the boundary after
 * the frame that shows the edit, when layout is clean and measuring is free. Done inside the
 * view update, they were two more full layouts in every Enter (~15 ms of ~55 on 6,000 ¶).
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { unobservedWrite } from '../unobservedWrite';

const BOUNDARY = 'layout-boundary';
/** Top-level blocks above which the caret's block is a boundary (the render window's is 1,000). */
export const BOUNDARY_MIN_BLOCKS = 200;

/** Height of the lines of `el`'s content (Range rects: line boxes, laid out inside the boundary). */
function linesHeight(el: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  return range.getBoundingClientRect().height;
}

/** The top-level textblock element holding the caret, if any. */
function caretBlockElement(view: EditorView): HTMLElement | null {
  const { $head } = view.state.selection;
  if ($head.depth < 1) return null;
  const node = $head.node(1);
  if (!node.isTextblock) return null;
  const dom = view.nodeDOM($head.before(1));
  return dom instanceof HTMLElement && dom.parentElement === view.dom ? dom : null;
}

/** Top-level index of the caret's block: a change of it, or of the block count, moves the boundary. */
const caretIndex = (state: EditorState) => state.selection.$head.index(0);

function caretLayoutBoundaryView(view: EditorView, editor: Editor) {
  let block: HTMLElement | null = null;
  /** The fixed height, and what the natural height was beyond the lines' own (line-height, br). */
  let height = 0;
  let extra = 0;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const release = () => {
    const el = block;
    if (!el) return;
    block = null;
    unobservedWrite(view, () => {
      el.classList.remove(BOUNDARY);
      el.style.removeProperty('height');
      if (el.getAttribute('style') === '') el.removeAttribute('style');
    });
  };

  const target = () => (view.state.doc.childCount > BOUNDARY_MIN_BLOCKS ? caretBlockElement(view) : null);
  const cancel = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    timer = undefined;
  };
  /** Makes the caret's block the boundary: run after a frame, when its layout is clean. */
  const acquire = () => {
    timer = undefined;
    const el = view.isDestroyed ? null : target();
    if (!el || el === block) return;
    release();
    // Not yet laid out (the editor not mounted yet): try again at the next update.
    const natural = el.isConnected ? el.getBoundingClientRect().height : 0;
    if (natural === 0) return;
    extra = natural - linesHeight(el);
    height = natural;
    block = el;
    unobservedWrite(view, () => {
      el.style.height = `${natural}px`;
      el.classList.add(BOUNDARY);
    });
    // The body's layout with the new containment, done now while idle, not in the next key's frame.
    void el.offsetHeight;
  };
  const scheduleAcquire = () => {
    cancel();
    frame = requestAnimationFrame(() => {
      frame = 0;
      timer = setTimeout(acquire, 0);
    });
  };
  // Released before ProseMirror changes the DOM, so that one layout serves both.
  const beforeTransaction = ({ nextState }: { nextState: EditorState }) => {
    if (block && (nextState.doc.childCount !== view.state.doc.childCount || caretIndex(nextState) !== caretIndex(view.state))) release();
  };
  editor.on('beforeTransaction', beforeTransaction);

  const update = (_view?: EditorView, previous?: EditorState) => {
    const next = target();
    if (next !== block) {
      release();
      if (next) scheduleAcquire();
      else cancel();
      return;
    }
    // Same block, same document (a caret move, a remote caret redrawn): its lines are as they were.
    if (!block || previous?.doc === view.state.doc) return;
    const needed = linesHeight(block) + extra;
    if (Math.abs(needed - height) < 0.5) return;
    height = needed;
    const el = block;
    unobservedWrite(view, () => {
      el.style.height = `${needed}px`;
    });
  };

  window.addEventListener('resize', release, { passive: true });
  document.fonts?.addEventListener('loadingdone', release);
  update();
  return {
    update,
    destroy: () => {
      cancel();
      editor.off('beforeTransaction', beforeTransaction);
      window.removeEventListener('resize', release);
      document.fonts?.removeEventListener('loadingdone', release);
      release();
    },
  };
}

export const CaretLayoutBoundary = Extension.create({
  name: 'caretLayoutBoundary',

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [new Plugin({ key: new PluginKey('caretLayoutBoundary'), view: (view) => caretLayoutBoundaryView(view, editor) })];
  },
});
