/**
 * Live paragraph references (`paragraphRef` inline nodes, attrs `{target: pid}`): what each
 * one reads as now. A reference stores the pid of the paragraph it names, never its number;
 * the number comes from the original's body in document order (or, when numbering is frozen,
 * from shared/src/numbering/frozen.ts), so every language room shows the same number, and
 * renumbering the original renumbers every reference at once.
 *
 * Exports resolve references to text here before any serializer runs, so that txt, md, html,
 * docx and xliff all write the current number, and no serializer has to know about them.
 */
import { listBlocks } from '../model/blocks';
import { appendText } from '../format/nodes';
import type { PMBlock, PMDoc, PMInline, PMMark, ReportContent } from '../model/schema';
import type { TranslationContent } from '../translation/compose';
import { frozenNumbering } from '../numbering/frozen';

/** What a reference to a paragraph that no longer exists reads as in exports. */
export const DELETED_REFERENCE = '[deleted paragraph]';

/** pid → the number a reference to it shows ("12", or "12 bis" when frozen). */
export type ParagraphLabels = ReadonlyMap<string, string>;

/** While numbering is frozen: the numbers of the freeze, and the language that writes "bis". */
export interface FrozenLabelling {
  numbers: Readonly<Record<string, number>>;
  lang: string;
}

export function paragraphLabels(doc: PMDoc, frozen?: FrozenLabelling | null): Map<string, string> {
  if (frozen) return frozenNumbering(doc, frozen.numbers, frozen.lang).labels;
  const labels = new Map<string, string>();
  for (const block of listBlocks(doc)) if (block.number !== null) labels.set(block.pid, String(block.number));
  return labels;
}

/** The pids the references of `content` point at, in order (with repeats). */
export function referenceTargets(content: readonly PMInline[] | undefined): string[] {
  return (content ?? []).flatMap((n) => (n.type === 'paragraphRef' ? [n.attrs.target] : []));
}

/** Every reference of a document: in which block, to which pid. */
export function documentReferences(doc: PMDoc): { pid: string; target: string }[] {
  const out: { pid: string; target: string }[] = [];
  const visit = (blocks: readonly PMBlock[]) => {
    for (const block of blocks) {
      if (block.type === 'bulletList' || block.type === 'orderedList') for (const item of block.content) visit(item.content);
      else for (const target of referenceTargets(block.content)) out.push({ pid: block.attrs.pid, target });
    }
  };
  visit(doc.content);
  return out;
}

/** Marks both neighbours share: a number inside a bold run stays bold. */
function sharedMarks(before: PMInline | undefined, after: PMInline | undefined): PMMark[] {
  if (before?.type !== 'text' || after?.type !== 'text') return [];
  const next = new Set((after.marks ?? []).map((m) => JSON.stringify(m)));
  return (before.marks ?? []).filter((m) => next.has(JSON.stringify(m)));
}

/** Inline content with each reference written as the number it shows. */
export function resolveInline(content: readonly PMInline[] | undefined, labels: ParagraphLabels): PMInline[] | undefined {
  if (!content || !content.some((n) => n.type === 'paragraphRef')) return content as PMInline[] | undefined;
  const out: PMInline[] = [];
  content.forEach((node, i) => {
    if (node.type === 'paragraphRef') appendText(out, labels.get(node.attrs.target) ?? DELETED_REFERENCE, sharedMarks(content[i - 1], content[i + 1]));
    else if (node.type === 'text') appendText(out, node.text, node.marks ?? []);
    else out.push(node);
  });
  return out;
}

export function resolveBlock<B extends PMBlock>(block: B, labels: ParagraphLabels): B {
  if (block.type === 'bulletList' || block.type === 'orderedList') {
    return { ...block, content: block.content.map((item) => ({ ...item, content: item.content.map((b) => resolveBlock(b, labels)) })) };
  }
  const content = resolveInline((block as { content?: PMInline[] }).content, labels);
  return content ? { ...block, content } : block;
}

export function resolveDoc(doc: PMDoc, labels: ParagraphLabels): PMDoc {
  return { ...doc, content: doc.content.map((b) => resolveBlock(b, labels)) };
}

export function resolveReport(content: ReportContent, labels: ParagraphLabels): ReportContent {
  return { ...content, body: resolveDoc(content.body, labels) };
}

export function resolveTranslation<T extends TranslationContent>(translation: T, labels: ParagraphLabels): T {
  const segments = new Map<string, PMBlock | null>();
  for (const [pid, block] of translation.segments) segments.set(pid, block ? resolveBlock(block, labels) : null);
  return { ...translation, segments };
}
