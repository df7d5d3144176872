/**
 * Footnotes of a plain-text report: the units at the end that read as footnotes, and the
 * superscript markers in the body that refer to them. `* text` always counts; `1 text` only
 * where the body refers to every such number in turn, since otherwise it is ordinary text.
 */
import type { PMBlock, PMFootnote, PMInline } from '../../model/schema';
import { parseInlineMarkup } from '../inlineMarkup';
import { footnoteNode } from '../nodes';
import { NUMERIC_FOOTNOTE_RE, STAR_FOOTNOTE_RE, isNumericFootnote } from './lineShapes';
import type { Unit } from './units';

/** `N text` footnotes count only where the body refers to each with `^{N}`, numbered from 1. */
export function footnoteRegionStart(units: readonly Unit[]): number {
  let start = units.length;
  while (start > 0) {
    const u = units[start - 1];
    if (u.kind === 'star' || (u.kind === 'plain' && isNumericFootnote(u.first.text))) start--;
    else break;
  }
  const referred = new Set<string>();
  for (const u of units.slice(0, start)) for (const text of u.texts) for (const m of text.matchAll(/\^\{(\d{1,3})\}/g)) referred.add(m[1]);
  let expected = 1;
  let lastNumeric = -1;
  for (let k = start; k < units.length; k++) {
    if (units[k].kind !== 'plain') continue;
    const n = NUMERIC_FOOTNOTE_RE.exec(units[k].first.text)![1];
    if (Number(n) !== expected++ || !referred.has(n)) lastNumeric = k;
  }
  if (lastNumeric < 0) return start;
  // Numbers that do not read as footnotes: only the star footnotes after them are footnotes.
  let k = units.length;
  while (k > lastNumeric + 1 && units[k - 1].kind === 'star') k--;
  return k;
}

export function footnoteBlock(unit: Unit): PMFootnote {
  const [, marker, first] = (unit.kind === 'star' ? STAR_FOOTNOTE_RE : NUMERIC_FOOTNOTE_RE).exec(unit.texts[0])!;
  const content = parseInlineMarkup([first, ...unit.texts.slice(1)].join('\n'));
  // Numbered footnotes are numbered again from document order, so their marker is left empty.
  return footnoteNode(content, unit.kind === 'star' ? marker : '');
}

/** Superscript text equal to a footnote's marker is a reference to that footnote. */
export function bindFootnoteRefs(blocks: PMBlock[], footnotes: readonly PMFootnote[]): void {
  const byMarker = new Map<string, string>();
  let auto = 0;
  for (const f of footnotes) byMarker.set(f.attrs.marker || String(++auto), f.attrs.pid);
  if (byMarker.size === 0) return;
  const bind = (content: PMInline[] | undefined) =>
    content?.map((node): PMInline => {
      if (node.type !== 'text' || !node.marks?.some((m) => m.type === 'superscript')) return node;
      const target = byMarker.get(node.text);
      return target ? { type: 'footnoteRef', attrs: { target } } : node;
    });
  const visit = (list: PMBlock[]) => {
    for (const block of list) {
      if (block.type === 'bulletList' || block.type === 'orderedList') block.content.forEach((item) => visit(item.content));
      else if (block.type !== 'footnote' && block.content) block.content = bind(block.content);
    }
  };
  visit(blocks);
}
