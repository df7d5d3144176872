/**
 * Subparagraphs in UN style under a numbered paragraph: level 1 lettered (a), (b), … (z), (aa),
 * (bb); level 2 in roman numerals (i), (ii), …. A paragraph is a subparagraph when its `sub`
 * attribute is 1 or 2 (it is then never numbered itself); letters restart at every numbered
 * paragraph, romans at every level-1 subparagraph. The letter is drawn per language: English
 * and Chinese "(a)", French, Spanish and Russian "a)", Arabic "(أ)" in the Arabic
 * alphabetical order. Like paragraph numbers, the letters are computed, never stored.
 */
import type { PMBlock, PMDoc } from '../model/schema';

const ARABIC_LETTERS = ['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ'];
const CLOSING_ONLY: ReadonlySet<string> = new Set(['fr', 'es', 'ru']);

function letters(n: number): string {
  // (a)…(z), then (aa), (bb)… as UN documents continue.
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, digits] of table) while (n >= value) (out += digits), (n -= value);
  return out;
}

/** "(a)" / "a)" / "(أ)" for the n-th (1-based) subparagraph of `level` in `lang`. */
export function subparagraphLabel(level: 1 | 2, n: number, lang: string): string {
  const mark = level === 1 ? (lang === 'ar' ? (ARABIC_LETTERS[n - 1] ?? String(n)) : letters(n)) : roman(n);
  return CLOSING_ONLY.has(lang) ? `${mark})` : `(${mark})`;
}

export function subLevel(block: PMBlock): 1 | 2 | null {
  if (block.type !== 'paragraph') return null;
  const sub = Number(block.attrs.sub ?? 0);
  return sub === 1 || sub === 2 ? sub : null;
}

/** pid → label of every subparagraph of the body, in `lang`. */
export function subparagraphLabels(doc: PMDoc, lang: string): Map<string, string> {
  const labels = new Map<string, string>();
  let a = 0;
  let i = 0;
  const visit = (blocks: readonly PMBlock[]) => {
    for (const block of blocks) {
      if (block.type === 'bulletList' || block.type === 'orderedList') {
        for (const item of block.content) visit(item.content);
        continue;
      }
      const level = subLevel(block);
      if (block.type === 'paragraph' && block.attrs.numbered && !level) a = i = 0;
      if (level === 1) {
        labels.set(block.attrs.pid, subparagraphLabel(1, ++a, lang));
        i = 0;
      } else if (level === 2) labels.set(block.attrs.pid, subparagraphLabel(2, ++i, lang));
    }
  };
  visit(doc.content);
  return labels;
}

/** The body as exports print it: each subparagraph opens with its label ("(a) …"). */
export function printSubparagraphs(doc: PMDoc, lang: string): PMDoc {
  const labels = subparagraphLabels(doc, lang);
  if (labels.size === 0) return doc;
  const visit = (blocks: readonly PMBlock[]): PMBlock[] =>
    blocks.map((block) => {
      if (block.type === 'bulletList' || block.type === 'orderedList') {
        return { ...block, content: block.content.map((item) => ({ ...item, content: visit(item.content) })) } as PMBlock;
      }
      const label = block.type === 'paragraph' ? labels.get(block.attrs.pid) : undefined;
      return label && block.type === 'paragraph' ? { ...block, content: [{ type: 'text' as const, text: `${label} ` }, ...(block.content ?? [])] } : block;
    });
  return { ...doc, content: visit(doc.content) };
}
