/** How a row is named to people: "paragraph 12", "heading", "footnote *". */
import type { BlockInfo } from '../../../shared/src/model/schema';

export function rowLabel(block: BlockInfo): string {
  switch (block.type) {
    case 'paragraph':
      return block.number !== null ? `paragraph ${block.number}` : 'unnumbered paragraph';
    case 'heading':
      return 'heading';
    case 'footnote':
      return `footnote ${block.marker ?? ''}`.trim();
  }
}

/** The short number shown in the row's gutter. */
export function rowNumber(block: BlockInfo): string {
  switch (block.type) {
    case 'paragraph':
      if (block.displayLabel) return block.number !== null ? `${block.displayLabel}.` : block.displayLabel;
      return block.number !== null ? `${block.number}.` : '';
    case 'heading':
      return `H${block.level ?? 1}`;
    case 'footnote':
      return block.marker ?? '';
  }
}
