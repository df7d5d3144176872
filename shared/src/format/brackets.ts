/**
 * Square-bracketed text, as negotiators mark what is not agreed ("[strongly] urges",
 * "[alternative A / alternative B]"). Brackets nest; an unclosed "[" runs to the end of its
 * block. Counted for the header, highlighted in the editor, and printed by exports as they are
 * (`keep`), without the brackets (`strip`: the text as if agreed) or without the bracketed
 * passages (`drop`).
 */
import type { PMBlock, PMDoc, PMInline } from '../model/schema';
import { appendText } from './nodes';

export const BRACKET_MODES = ['keep', 'strip', 'drop'] as const;
export type BracketMode = (typeof BRACKET_MODES)[number];

/** Outermost bracketed passages of `text`, as [from, to) offsets including the brackets. */
export function bracketRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '[') {
      if (depth++ === 0) start = i;
    } else if (text[i] === ']' && depth > 0 && --depth === 0) ranges.push([start, i + 1]);
  }
  if (depth > 0) ranges.push([start, text.length]);
  return ranges;
}

const blockText = (content: readonly PMInline[] | undefined) => (content ?? []).map((n) => (n.type === 'text' ? n.text : '\uFFFC')).join('');

export function countBracketed(doc: PMDoc): number {
  return doc.content.reduce((sum, block) => sum + bracketedInBlock(block), 0);
}

/** Bracketed passages of one block (of the blocks of each item, for a list). */
export function bracketedInBlock(block: PMBlock): number {
  if (block.type === 'bulletList' || block.type === 'orderedList') return block.content.reduce((sum, item) => sum + item.content.reduce((s, b) => s + bracketedInBlock(b), 0), 0);
  return bracketRanges(blockText(block.content)).length;
}

/** Inline content with brackets stripped or bracketed passages dropped. */
export function applyBrackets(content: readonly PMInline[] | undefined, mode: BracketMode): PMInline[] | undefined {
  if (!content || mode === 'keep') return content as PMInline[] | undefined;
  const ranges = bracketRanges(blockText(content));
  if (ranges.length === 0) return content as PMInline[];
  const inside = (at: number) => ranges.some(([from, to]) => at >= from && at < to);
  const out: PMInline[] = [];
  let offset = 0;
  for (const node of content) {
    if (node.type !== 'text') {
      if (!(mode === 'drop' && inside(offset))) out.push(node);
      offset++;
      continue;
    }
    let kept = '';
    for (let i = 0; i < node.text.length; i++, offset++) {
      const ch = node.text[i];
      if (mode === 'drop' ? inside(offset) : (ch === '[' || ch === ']') && inside(offset)) continue;
      kept += ch;
    }
    if (kept) appendText(out, kept, node.marks ?? []);
  }
  // Dropping a passage leaves its two neighbouring spaces together.
  if (mode === 'drop') for (const n of out) if (n.type === 'text') n.text = n.text.replace(/ {2,}/g, ' ');
  return out;
}

export function applyBracketsToBlock<B extends PMBlock>(block: B, mode: BracketMode): B {
  if (block.type === 'bulletList' || block.type === 'orderedList') {
    return { ...block, content: block.content.map((item) => ({ ...item, content: item.content.map((b) => applyBracketsToBlock(b, mode)) })) };
  }
  const content = applyBrackets((block as { content?: PMInline[] }).content, mode);
  return content ? { ...block, content } : block;
}
