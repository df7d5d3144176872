/**
 * Long reports keep Chromium's per-frame work bounded: only the blocks near the viewport are
 * `content-visibility: auto`; the others are `hidden` and `visibility: hidden` (styles/
 * page.css: the hover hit test and paint skip invisible layers). Chromium watches
 * every `auto` block with an internal intersection observer and recomputes all of them after
 * each layout: 13 ms of every typed character's frame on a 6,000-paragraph report, 0.5–0.6 ms
 * with 400 watched blocks, ~0.2 ms with the 120 watched now. Hidden blocks keep their last
 * rendered height (`contain-intrinsic-size: auto`), so the page's height and the scroll
 * position do not move.
 *
 * The window is WINDOW blocks either side of the block at the viewport's middle (by DOM
 * index), marked with the class `render-near`, written to the DOM directly with ProseMirror's
 * observer paused. Not node decorations: ProseMirror checks every top-level node decoration
 * against every top-level block on each update (8 ms a keystroke with 400 of them over 6,000
 * blocks). Not an `:nth-child` rule: each Enter would restyle every block after it (60 ms). The
 * window moves when scrolling has taken the middle a third of the way to its edge, from the
 * scroll event itself, so the blocks scrolled to are in it in the frame that shows them; blocks
 * that ProseMirror redraws or adds inside it are marked after each change. The
 * caret's block is always rendered (caretBlockVisible.ts). Reports of up to MIN_BLOCKS blocks
 * render as before (the attribute that turns the window on is absent).
 *
 * Hidden blocks are out of reach of the browser's find-in-page: the find shortcut (Ctrl/⌘+F,
 * F3, Ctrl/⌘+G) releases the window — every block `auto` again, which find does search —
 * until the next key typed in the editor (`html.page-find`, styles/page.css). Hidden blocks
 * are out of the accessibility tree too: screen reader support (screenReaderSupport.ts,
 * Ctrl/⌘+Alt+Z) turns the window off.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { unobservedWrite } from '../unobservedWrite';
import { screenReaderSupport, subscribeScreenReaderSupport } from '../screenReaderSupport';

/**
 * Blocks rendered on either side of the one at the viewport's middle: ~8 screens of report
 * paragraphs each way, the window moving every ~3 screens scrolled.
 */
export const WINDOW = 60;
/** Reports with at most this many top-level blocks need no window. */
export const MIN_BLOCKS = 1000;

/**
 * Top-level index of the block at the viewport's vertical middle, or null if the editor is off
 * screen. A binary search over the blocks' rectangles (blocks stack in document order; hidden
 * ones keep their boxes), not a hit test: far blocks are `visibility: hidden`, which hit
 * testing passes through.
 */
function middleBlock(view: EditorView): number | null {
  const rect = view.dom.getBoundingClientRect();
  if (rect.bottom <= 0 || rect.top >= window.innerHeight) return null;
  const y = Math.min(Math.max(window.innerHeight / 2, rect.top + 1), rect.bottom - 1);
  const children = view.dom.children;
  if (children.length === 0) return null;
  let low = 0;
  let high = children.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (children[mid].getBoundingClientRect().top <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

const NEAR = 'render-near';
/** On <html> while the browser's find may be open: the window is released. */
const FINDING = 'page-find';

function renderWindowView(view: EditorView) {
  const marked = new Set<Element>();
  let center = -1;
  let frame = 0;
  /** Marks the window's blocks (by DOM index), unmarking those that left it. */
  const mark = (moved: boolean) => {
    const children = view.dom.children;
    const first = Math.max(0, center - WINDOW);
    const last = Math.min(children.length - 1, center + WINDOW);
    const inside = new Set<Element>();
    const add: Element[] = [];
    for (let i = first; i <= last; i++) {
      const el = children[i];
      if (moved) inside.add(el);
      if (!el.classList.contains(NEAR)) add.push(el);
    }
    const remove = moved ? [...marked].filter((el) => !inside.has(el) || !el.isConnected) : [];
    if (add.length === 0 && remove.length === 0) return;
    unobservedWrite(view, () => {
      for (const el of remove) {
        el.classList.remove(NEAR);
        marked.delete(el);
      }
      for (const el of add) {
        el.classList.add(NEAR);
        marked.add(el);
      }
    });
  };
  const place = (at: number) => {
    center = at;
    mark(true);
  };
  const recenter = () => {
    if (view.isDestroyed || !view.dom.hasAttribute('data-render-window')) return;
    const middle = middleBlock(view);
    if (middle !== null && middle >= 0 && Math.abs(middle - center) >= WINDOW / 3) place(middle);
  };
  // Scroll events come at the start of a frame's rendering: recentering there takes effect in
  // it. At most once a frame, and once more after the last event (where the scroll ended).
  const onScroll = () => {
    if (frame) return;
    recenter();
    frame = requestAnimationFrame(() => {
      frame = 0;
      recenter();
    });
  };
  window.addEventListener('scroll', onScroll, { capture: true, passive: true });
  // Find-in-page searches only rendered (auto) blocks: its shortcut releases the window until
  // the next key typed into the editor.
  const root = document.documentElement;
  const onKey = (event: KeyboardEvent) => {
    const find = event.key === 'F3' || ((event.ctrlKey || event.metaKey) && (event.key === 'f' || event.key === 'g'));
    if (find) root.classList.add(FINDING);
    else if (root.classList.contains(FINDING) && view.dom.contains(event.target as Node)) root.classList.remove(FINDING);
  };
  window.addEventListener('keydown', onKey, { capture: true });
  window.addEventListener('resize', onScroll, { passive: true });
  // Screen reader support switched: the `attributes` prop below is read again.
  const unsubscribe = subscribeScreenReaderSupport(() => {
    if (!view.isDestroyed) view.setProps({});
  });
  const update = (_view?: EditorView, previous?: EditorState) => {
    const on = view.dom.hasAttribute('data-render-window');
    if (!on) {
      center = -1;
      return;
    }
    // Turned on (a long report arrived or was pasted): start around the caret, then follow.
    if (center < 0) {
      place(view.state.selection.$head.index(0));
      onScroll();
    } else if (!previous || previous.doc !== view.state.doc) {
      // Blocks redrawn or added in the window are born unmarked.
      mark(false);
    }
  };
  update();
  return {
    update,
    destroy: () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
      window.removeEventListener('keydown', onKey, { capture: true });
      unsubscribe();
      root.classList.remove(FINDING);
    },
  };
}

export const renderWindowKey = new PluginKey('renderWindow');

/** Whether the window is on: a long report, and screen reader support off. */
const windowed = (state: EditorState) => state.doc.childCount > MIN_BLOCKS && !screenReaderSupport();

export const RenderWindow = Extension.create({
  name: 'renderWindow',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: renderWindowKey,
        props: {
          attributes: (state): Record<string, string> => (windowed(state) ? { 'data-render-window': '' } : {}),
        },
        view: (view) => renderWindowView(view),
      }),
    ];
  },
});
