/**
 * Frozen numbering for negotiation. While an owner keeps numbering frozen, paragraphs keep the
 * numbers they had at the freeze (settings `frozenNumbers`, pid → number); a paragraph added
 * after paragraph 12 is "12 bis", the next "12 ter", and so on (Latin suffixes in English,
 * French and Spanish, their UN equivalents in Russian, Arabic and Chinese); a deleted paragraph
 * keeps its number, shown as "12. [deleted]", until numbering is unfrozen, when numbers follow
 * document order again and every reference follows them.
 *
 * Pure functions of the body and the frozen numbers; the editor, the grid and the exports all
 * number through here when frozen.
 */
import { listBlocks } from '../model/blocks';
import type { PMBlock, PMDoc, PMParagraph } from '../model/schema';

const LATIN = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];
const RUSSIAN = ['бис', 'тер', 'кватер', 'квинквиес', 'сексиес', 'септиес', 'октиес', 'новиес', 'дециес'];
const ARABIC_ORDINALS = ['', 'ثانياً', 'ثالثاً', 'رابعاً', 'خامساً', 'سادساً', 'سابعاً', 'ثامناً', 'تاسعاً'];
const CHINESE_NUMERALS = ['二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "12 bis" (en, fr, es), "12 бис" (ru), "12 مكرراً" / "12 مكرراً ثانياً" (ar), "12之二" (zh). */
export function frozenLabel(base: number, extra: number, lang: string): string {
  if (extra === 0) return String(base);
  const i = extra - 1;
  switch (lang) {
    case 'zh':
      return `${base}之${CHINESE_NUMERALS[i] ?? String(extra + 1)}`;
    case 'ar':
      return `${base} مكرراً${ARABIC_ORDINALS[i] ? ` ${ARABIC_ORDINALS[i]}` : i > 0 ? ` (${extra})` : ''}`;
    case 'ru':
      return `${base} ${RUSSIAN[i] ?? `${extra + 1}`}`;
    default:
      return `${base} ${LATIN[i] ?? `${extra + 1}`}`;
  }
}

export interface FrozenNumbering {
  /** pid → label ("12", "12 bis") of every numbered paragraph of the body. */
  labels: Map<string, string>;
  /**
   * Paragraphs deleted since the freeze, with the surviving frozen paragraph they stand before
   * (null: at the end), so "2. [deleted]" comes after "1 bis" and before "3".
   */
  deleted: { pid: string; label: string; before: string | null }[];
}

export function frozenNumbering(doc: PMDoc, frozen: Readonly<Record<string, number>>, lang: string): FrozenNumbering {
  const labels = new Map<string, string>();
  const present = new Set<string>();
  let base = 0;
  let extra = 0;
  for (const block of listBlocks(doc)) {
    if (block.number === null) continue;
    present.add(block.pid);
    const fixed = frozen[block.pid];
    if (fixed !== undefined) {
      base = fixed;
      extra = 0;
    } else extra++;
    labels.set(block.pid, frozenLabel(base, extra, lang));
  }
  // A deleted paragraph sits before the surviving paragraph with the next frozen number.
  const survivors = Object.entries(frozen).filter(([pid]) => present.has(pid)).sort((a, b) => a[1] - b[1]);
  const deleted = Object.entries(frozen)
    .filter(([pid]) => !present.has(pid))
    .sort((a, b) => a[1] - b[1])
    .map(([pid, n]) => {
      const next = survivors.find(([, m]) => m > n);
      return { pid, label: String(n), before: next ? next[0] : null };
    });
  return { labels, deleted };
}

/**
 * The body as exports print it while frozen: each numbered paragraph becomes an unnumbered one
 * opening with its label ("12 bis. …"), and each deleted paragraph a line "13. [deleted]".
 */
export function printFrozen(doc: PMDoc, numbering: FrozenNumbering): PMDoc {
  const deletedBefore = new Map<string | null, string[]>();
  for (const d of numbering.deleted) deletedBefore.set(d.before, [...(deletedBefore.get(d.before) ?? []), d.label]);
  const placeholder = (label: string): PMParagraph => ({ type: 'paragraph', attrs: { pid: `deleted-${label}`, numbered: false }, content: [{ type: 'text', text: `${label}. [deleted]` }] });
  const visit = (blocks: readonly PMBlock[]): PMBlock[] =>
    blocks.flatMap((block): PMBlock[] => {
      if (block.type === 'bulletList' || block.type === 'orderedList') {
        return [{ ...block, content: block.content.map((item) => ({ ...item, content: visit(item.content) })) } as PMBlock];
      }
      if (block.type !== 'paragraph' || !block.attrs.numbered) return [block];
      const label = numbering.labels.get(block.attrs.pid) ?? '';
      const printed: PMParagraph = { ...block, attrs: { ...block.attrs, numbered: false }, content: [{ type: 'text', text: `${label}. ` }, ...(block.content ?? [])] };
      return [...(deletedBefore.get(block.attrs.pid) ?? []).map(placeholder), printed];
    });
  return { ...doc, content: [...visit(doc.content), ...(deletedBefore.get(null) ?? []).map(placeholder)] };
}
