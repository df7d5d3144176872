/**
 * The review column beside the page: a filter (open / resolved / mine / all), one card per
 * thread aligned with its text, a count per paragraph in the page's margin, and the card of a
 * thread being started. Cards are placed by measuring the editor (ProseMirror coordinates of
 * each range) and pushed apart so they never overlap; the active card sits at its text and the
 * others make room above and below it, as in a word processor's comment margin.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import type { Thread } from '../../../shared/src/review/threads';
import { pendingRange, reviewRanges } from './reviewDecorations';

export const FILTERS = ['open', 'resolved', 'mine', 'all'] as const;
export type Filter = (typeof FILTERS)[number];
const FILTER_LABEL: Record<Filter, string> = { open: 'Open', resolved: 'Resolved', mine: 'Mine', all: 'All' };

export const PENDING_KEY = '__new';
const GAP = 10;

export interface MarginCard {
  key: string;
  /** The paragraph to sit beside when the range is gone. */
  pid: string;
  node: ReactNode;
}

interface Props {
  editor: Editor;
  cards: readonly MarginCard[];
  /** pid → number of threads shown in that paragraph. */
  counts: ReadonlyMap<string, number>;
  active: string | null;
  filter: Filter;
  filterCounts: Record<Filter, number>;
  onFilter: (filter: Filter) => void;
  onBadge: (pid: string) => void;
  /** Changes whenever the set of attached ranges does (ranges live outside React). */
  rangeKey: string;
}

function blockElement(editor: Editor, pid: string): HTMLElement | null {
  if (!pid) return null;
  return editor.view.dom.querySelector<HTMLElement>(`[data-pid="${CSS.escape(pid)}"]`);
}

export function ReviewMargin({ editor, cards, counts, active, filter, filterCounts, onFilter, onBadge, rangeKey }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  /** The card last brought into view, so it is scrolled to once, when it opens. */
  const shown = useRef<string | null>(null);

  const place = useCallback(() => {
    const host = root.current;
    // Nothing to place: do not force a layout on every keystroke.
    if (!host || editor.isDestroyed || !host.querySelector(':scope > .review-slot, :scope > .review-count')) return;
    // Not laid out yet (the column opens with the first thread).
    if (host.offsetWidth === 0) return;
    const hostTop = host.getBoundingClientRect().top;
    const floor = (head.current?.offsetHeight ?? 0) + GAP;
    const ranges = reviewRanges(editor);
    const pending = pendingRange(editor);
    const size = editor.state.doc.content.size;
    const anchorTop = (key: string, pid: string): number | null => {
      const range = key === PENDING_KEY ? pending : ranges.get(key);
      if (range && range.from <= size) {
        try {
          return editor.view.coordsAtPos(range.from).top - hostTop - 6;
        } catch {
          // fall back to the paragraph
        }
      }
      const block = blockElement(editor, pid);
      return block ? block.getBoundingClientRect().top - hostTop : null;
    };

    const items = [...host.querySelectorAll<HTMLElement>(':scope > .review-slot')].map((el, order) => ({
      el,
      key: el.dataset.key ?? '',
      want: anchorTop(el.dataset.key ?? '', el.dataset.pid ?? '') ?? floor,
      height: el.offsetHeight,
      order,
      top: 0,
    }));
    items.sort((a, b) => a.want - b.want || a.order - b.order);
    const focus = items.findIndex((item) => item.key === (active ?? PENDING_KEY));
    if (focus >= 0) {
      items[focus].top = Math.max(items[focus].want, floor);
      for (let i = focus + 1; i < items.length; i++) items[i].top = Math.max(items[i].want, items[i - 1].top + items[i - 1].height + GAP);
      for (let i = focus - 1; i >= 0; i--) items[i].top = Math.min(items[i].want, items[i + 1].top - items[i].height - GAP);
    } else for (const item of items) item.top = item.want;
    // Nothing above the filter bar, nothing overlapping.
    let bottom = floor - GAP;
    for (const item of items) {
      item.top = Math.max(item.top, bottom + GAP);
      bottom = item.top + item.height;
      item.el.style.top = `${Math.round(item.top)}px`;
    }
    host.style.minHeight = `${Math.round(bottom + GAP)}px`;

    const focused = focus >= 0 ? items[focus] : null;
    if (!focused) shown.current = null;
    else if (shown.current !== focused.key) {
      // Scroll to where the card will be (its `top` is animated, so measure the target, not the
      // element), below the sticky bars.
      shown.current = focused.key;
      const top = hostTop + focused.top;
      const bottom = top + focused.height;
      const chrome = (head.current?.getBoundingClientRect().bottom ?? 0) + GAP;
      if (top < chrome) window.scrollBy(0, top - chrome);
      else if (bottom > window.innerHeight - GAP) window.scrollBy(0, Math.min(bottom - window.innerHeight + GAP * 2, top - chrome));
    }

    for (const badge of host.querySelectorAll<HTMLElement>(':scope > .review-count')) {
      const block = blockElement(editor, badge.dataset.pid ?? '');
      badge.style.display = block ? '' : 'none';
      if (block) badge.style.top = `${Math.round(block.getBoundingClientRect().top - hostTop)}px`;
    }
  }, [editor, active]);

  const cardKeys = cards.map((card) => card.key).join(' ');
  // After every render, and whenever the text or any card changes size.
  useLayoutEffect(() => place());
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    const observer = new ResizeObserver(schedule);
    observer.observe(editor.view.dom);
    for (const slot of root.current?.querySelectorAll(':scope > .review-slot') ?? []) observer.observe(slot);
    editor.on('transaction', schedule);
    window.addEventListener('resize', schedule);
    void document.fonts?.ready.then(schedule);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      editor.off('transaction', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [editor, place, cardKeys, rangeKey]);

  return (
    <div className="review-margin-inner" ref={root}>
      <div className="review-margin-head" ref={head}>
        <div className="review-filter" role="radiogroup" aria-label="Show threads">
          {FILTERS.map((f) => (
            <button key={f} type="button" role="radio" aria-checked={filter === f} className={filter === f ? 'on' : undefined} data-filter={f} onClick={() => onFilter(f)}>
              {FILTER_LABEL[f]}
              <span className="review-filter-count">{filterCounts[f]}</span>
            </button>
          ))}
        </div>
      </div>
      {cards.length === 0 && (
        <p className="review-empty muted">{filter === 'open' ? 'No open comments. Select text to comment or suggest.' : 'No threads here.'}</p>
      )}
      {[...counts].map(([pid, count]) => (
        <button
          key={`count:${pid}`}
          type="button"
          className="review-count"
          data-pid={pid}
          title={count === 1 ? '1 thread on this paragraph' : `${count} threads on this paragraph`}
          onClick={() => onBadge(pid)}
        >
          <svg viewBox="0 0 20 20" width="13" height="13" aria-hidden="true">
            <path d="M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z" fill="currentColor" />
          </svg>
          {count}
        </button>
      ))}
      {cards.map((card) => (
        <div key={card.key} className="review-slot" data-key={card.key} data-pid={card.pid}>
          {card.node}
        </div>
      ))}
    </div>
  );
}
