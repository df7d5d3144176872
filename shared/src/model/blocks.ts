/**
 * Walks a PM document and lists its pid-carrying blocks in document order with their
 * computed paragraph numbers and footnote markers. Numbers are never stored: this is the
 * one place that computes them, for every view and export.
 */
import type { BlockInfo, PMBlock, PMDoc, PMInline } from './schema';

export function inlineText(content: readonly PMInline[] | undefined): string {
  if (!content) return '';
  let text = '';
  for (const node of content) {
    if (node.type === 'text') text += node.text;
    else if (node.type === 'hardBreak') text += '\n';
  }
  return text;
}

export function listBlocks(doc: PMDoc): BlockInfo[] {
  const out: BlockInfo[] = [];
  let paragraphNumber = 0;
  let footnoteNumber = 0;
  const visit = (blocks: readonly PMBlock[]) => {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph': {
          const number = block.attrs.numbered ? ++paragraphNumber : null;
          out.push({ pid: block.attrs.pid, type: 'paragraph', number, text: inlineText(block.content) });
          break;
        }
        case 'heading':
          out.push({ pid: block.attrs.pid, type: 'heading', number: null, level: block.attrs.level, text: inlineText(block.content) });
          break;
        case 'footnote': {
          const marker = block.attrs.marker || String(++footnoteNumber);
          out.push({ pid: block.attrs.pid, type: 'footnote', number: null, marker, text: inlineText(block.content) });
          break;
        }
        case 'bulletList':
        case 'orderedList':
          for (const item of block.content) visit(item.content);
          break;
      }
    }
  };
  visit(doc.content);
  return out;
}

/** Footnote pid → displayed marker ("*", "1", "2", …), for rendering footnote references. */
export function footnoteMarkers(doc: PMDoc): Map<string, string> {
  const markers = new Map<string, string>();
  for (const b of listBlocks(doc)) if (b.type === 'footnote') markers.set(b.pid, b.marker ?? '');
  return markers;
}
