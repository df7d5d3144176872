/**
 * Aligns an imported translation (a whole report read from plain text, DOCX or Markdown) with
 * the blocks of the original, so each translated block lands in the segment of its source.
 *
 * Rules, in order of trust:
 * - numbered paragraphs by their number (the same in every language);
 * - footnotes by their displayed marker (`*`, or 1, 2, … in document order);
 * - the other blocks (headings, unnumbered paragraphs, list items) by order inside their
 *   stretch between two numbered paragraphs: one for one when the stretch has as many blocks
 *   on both sides, else headings with headings and paragraphs with paragraphs, in order.
 *
 * Invariants: a source pid receives at most one block and a translated block goes to at most
 * one pid; the segment written keeps the source block's type and attrs (pid, numbering, level,
 * marker) and takes the translation's inline content, with footnote references re-pointed at
 * the original's footnotes. Blocks left over on the translation side are reported, never lost
 * silently; source blocks left over stay untranslated.
 */
import { footnoteMarkers, listBlocks } from '../model/blocks';
import type { BlockInfo, PMBlock, PMDoc, PMInline, PMTextBlock, ReportContent, ReportMeta } from '../model/schema';

export interface UnmatchedBlock {
  /** Position of the block among the translation's text blocks (0-based). */
  index: number;
  text: string;
}

export interface AlignedTranslation {
  /** Source pid → the block to write in `segments[pid]`. */
  segments: Map<string, PMTextBlock>;
  /** The translated masthead (every field but `originalLanguage`). */
  meta: ReportMeta;
  /** Translation blocks that found no source block. */
  unmatched: UnmatchedBlock[];
  /** Source pids that received nothing, in document order. */
  missing: string[];
  /** Translation blocks skipped because they carry the untranslated mark. */
  skipped: number;
}

export interface AlignOptions {
  /**
   * A prefix that marks a block as still untranslated (what translation exports put before
   * source text they fill in, see compose.ts); such blocks are skipped, not imported.
   */
  untranslatedMark?: string;
}

/** Text blocks (paragraph, heading, footnote) in document order, lists flattened. */
export function textBlocks(doc: PMDoc): PMTextBlock[] {
  const out: PMTextBlock[] = [];
  const visit = (blocks: readonly PMBlock[]) => {
    for (const block of blocks) {
      if (block.type === 'bulletList' || block.type === 'orderedList') block.content.forEach((item) => visit(item.content));
      else out.push(block);
    }
  };
  visit(doc.content);
  return out;
}

interface Side {
  infos: BlockInfo[];
  blocks: PMTextBlock[];
}

function side(doc: PMDoc): Side {
  // listBlocks and textBlocks walk the same blocks in the same order.
  return { infos: listBlocks(doc), blocks: textBlocks(doc) };
}

/** Index of the numbered stretch each block belongs to: how many numbered paragraphs precede it. */
function stretches(infos: readonly BlockInfo[]): number[] {
  let seen = 0;
  return infos.map((b) => (b.number !== null ? ++seen : seen));
}

type Kind = 'heading' | 'paragraph';
const kindOf = (b: BlockInfo): Kind => (b.type === 'heading' ? 'heading' : 'paragraph');

/** Pairs of (source index, translation index). */
function pairBlocks(source: readonly BlockInfo[], target: readonly BlockInfo[], skip: ReadonlySet<number>): [number, number][] {
  const pairs: [number, number][] = [];
  const byKey = (infos: readonly BlockInfo[], key: (b: BlockInfo) => string | null, ignore?: ReadonlySet<number>) => {
    const map = new Map<string, number>();
    infos.forEach((b, i) => {
      const k = key(b);
      if (k !== null && !ignore?.has(i) && !map.has(k)) map.set(k, i);
    });
    return map;
  };
  const numberKey = (b: BlockInfo) => (b.number !== null ? `n${b.number}` : null);
  const footnoteKey = (b: BlockInfo) => (b.type === 'footnote' ? `f${b.marker ?? ''}` : null);
  for (const key of [numberKey, footnoteKey]) {
    const targets = byKey(target, key, skip);
    source.forEach((b, i) => {
      const k = key(b);
      const j = k === null ? undefined : targets.get(k);
      if (j !== undefined) pairs.push([i, j]);
    });
  }

  // The rest, stretch by stretch.
  const loose = (infos: readonly BlockInfo[], ignore?: ReadonlySet<number>) => {
    const stretch = stretches(infos);
    const groups = new Map<number, number[]>();
    infos.forEach((b, i) => {
      if (b.number !== null || b.type === 'footnote' || ignore?.has(i)) return;
      const list = groups.get(stretch[i]) ?? [];
      list.push(i);
      groups.set(stretch[i], list);
    });
    return groups;
  };
  const sourceGroups = loose(source);
  const targetGroups = loose(target, skip);
  for (const [g, sIdx] of sourceGroups) {
    const tIdx = targetGroups.get(g) ?? [];
    if (sIdx.length === tIdx.length) {
      sIdx.forEach((i, k) => pairs.push([i, tIdx[k]]));
      continue;
    }
    for (const kind of ['heading', 'paragraph'] as const) {
      const s = sIdx.filter((i) => kindOf(source[i]) === kind);
      const t = tIdx.filter((j) => kindOf(target[j]) === kind);
      for (let k = 0; k < Math.min(s.length, t.length); k++) pairs.push([s[k], t[k]]);
    }
  }
  return pairs;
}

/** The translation's inline content with footnote references pointing at the original's footnotes. */
function repointRefs(content: readonly PMInline[] | undefined, footnotePids: ReadonlyMap<string, string>, markers: ReadonlyMap<string, string>): PMInline[] {
  const out: PMInline[] = [];
  for (const node of content ?? []) {
    if (node.type !== 'footnoteRef') {
      out.push(node);
      continue;
    }
    const target = footnotePids.get(node.attrs.target);
    if (target) out.push({ type: 'footnoteRef', attrs: { target } });
    else out.push({ type: 'text', text: markers.get(node.attrs.target) ?? '', marks: [{ type: 'superscript' }] });
  }
  return out.filter((n) => n.type !== 'text' || n.text !== '');
}

/** The segment for `source` holding `translated`'s content: the source's type and attrs. */
export function segmentFor(source: PMTextBlock, content: PMInline[]): PMTextBlock {
  const body = content.length ? { content } : {};
  switch (source.type) {
    case 'paragraph':
      return { type: 'paragraph', attrs: { ...source.attrs }, ...body };
    case 'heading':
      return { type: 'heading', attrs: { ...source.attrs }, ...body };
    case 'footnote':
      return { type: 'footnote', attrs: { ...source.attrs }, ...body };
  }
}

export function alignTranslation(source: PMDoc, translation: ReportContent, options: AlignOptions = {}): AlignedTranslation {
  const src = side(source);
  const tgt = side(translation.body);
  const mark = options.untranslatedMark;
  const skip = new Set<number>();
  // Our exports may open fallback text with a directional isolate (compose.ts).
  const isMarked = (text: string) => Boolean(mark) && text.replace(/^[\u2066-\u2068]/, '').startsWith(mark!);
  if (mark) tgt.infos.forEach((b, j) => isMarked(b.text) && skip.add(j));

  const pairs = pairBlocks(src.infos, tgt.infos, skip);
  const footnotePids = new Map<string, string>();
  for (const [i, j] of pairs) {
    if (src.infos[i].type === 'footnote' && tgt.infos[j].type === 'footnote') footnotePids.set(tgt.infos[j].pid, src.infos[i].pid);
  }
  const markers = footnoteMarkers(translation.body);
  const segments = new Map<string, PMTextBlock>();
  const used = new Set<number>();
  for (const [i, j] of pairs.sort((a, b) => a[0] - b[0])) {
    const pid = src.infos[i].pid;
    if (segments.has(pid) || used.has(j)) continue;
    used.add(j);
    segments.set(pid, segmentFor(src.blocks[i], repointRefs(tgt.blocks[j].content, footnotePids, markers)));
  }

  const meta: ReportMeta = {};
  for (const [key, value] of Object.entries(translation.meta) as [keyof ReportMeta, string | undefined][]) {
    if (key !== 'originalLanguage' && value !== undefined && !isMarked(value)) meta[key] = value;
  }
  return {
    segments,
    meta,
    unmatched: tgt.infos.flatMap((b, j) => (used.has(j) || skip.has(j) ? [] : [{ index: j, text: b.text }])),
    missing: src.infos.filter((b) => !segments.has(b.pid)).map((b) => b.pid),
    skipped: skip.size,
  };
}
