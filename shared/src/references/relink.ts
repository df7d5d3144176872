/**
 * Plain text back into live references. Two uses:
 * - a translation-memory or MT suggestion is plain text ("… au paragraphe 12 ci-dessus"): the
 *   source row's references are put back where their current numbers appear, in order, so an
 *   inserted suggestion keeps them;
 * - an imported text says "paragraph 12" in words: `findParagraphMentions` lists such mentions,
 *   in the languages of the UN, for the user to confirm before they become references.
 */
import type { PMBlock, PMDoc, PMInline } from '../model/schema';
import { listBlocks } from '../model/blocks';

export interface LabelledRef {
  target: string;
  label: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` (with `\n` as hard breaks) as inline content, each of `refs` linked at its number. */
export function relinkReferences(text: string, refs: readonly LabelledRef[]): PMInline[] {
  const pieces: (string | LabelledRef)[] = [];
  let rest = text;
  for (const ref of refs) {
    const m = new RegExp(`(?<![\\p{N}])${escape(ref.label)}(?![\\p{N}])`, 'u').exec(rest);
    if (!m) continue;
    pieces.push(rest.slice(0, m.index), ref);
    rest = rest.slice(m.index + m[0].length);
  }
  pieces.push(rest);
  const out: PMInline[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      out.push({ type: 'paragraphRef', attrs: { target: piece.target } });
      continue;
    }
    piece.split('\n').forEach((line, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      if (line) out.push({ type: 'text', text: line });
    });
  }
  return out;
}

export interface ParagraphMention {
  /** UTF-16 offsets of the number in the text. */
  from: number;
  to: number;
  number: number;
  /** The words around it, for the confirm list ("… in paragraph 12 above …"). */
  context: string;
}

// "paragraph 12", "paragraphs 3 and 4" (the first), "para. 5", "paragraphe 12", "párrafo 12",
// "пункт 12", "الفقرة 12", "第12段".
const MENTION_RE = /(?:\b(?:paragraphs?|paras?\.|paragraphes?|párrafos?|parrafos?)\s+|(?<![\p{L}])(?:пункт[а-я]*)\s+|الفقرة\s+|第)(\d{1,4})(?!\d)/giu;
// A paragraph of another text ("article 32, paragraph 3, of the Convention"; "paragraph 2 of
// resolution 5/3") is not a paragraph of this report.
const OTHER_TEXT_BEFORE = /(?:article|rule|règle|artículo|regla|статьи|правила)\s+\d+\s*,?\s*$/iu;
const OTHER_TEXT_AFTER = /^\s*,?\s*(?:of|de|del|du|des)\s+(?:the\s+|its\s+|la\s+|l'|su\s+|sa\s+|ses\s+)?(?:article|resolution|résolution|resolución|decision|décision|rules?|règles?|Convention|Protocol|Protocole)/iu;

export function findParagraphMentions(text: string): ParagraphMention[] {
  const out: ParagraphMention[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    const from = m.index + m[0].length - m[1].length;
    const to = from + m[1].length;
    if (OTHER_TEXT_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)) || OTHER_TEXT_AFTER.test(text.slice(to, to + 40))) continue;
    out.push({ from, to, number: Number(m[1]), context: text.slice(Math.max(0, m.index - 30), Math.min(text.length, to + 30)).replace(/\s+/g, ' ') });
  }
  return out;
}

/** A "paragraph N" mention in a document that could become a reference to paragraph N. */
export interface MentionCandidate {
  /** The block that mentions, its index among the block's inline nodes, and the mention in that text node. */
  pid: string;
  node: number;
  mention: ParagraphMention;
  /** The pid of paragraph N. */
  target: string;
}

/** Mentions of paragraphs that exist (numbered paragraphs of `doc`), block by block. */
export function mentionCandidates(doc: PMDoc): MentionCandidate[] {
  const byNumber = new Map<number, string>();
  for (const b of listBlocks(doc)) if (b.number !== null) byNumber.set(b.number, b.pid);
  const out: MentionCandidate[] = [];
  const visit = (blocks: readonly PMBlock[]) => {
    for (const block of blocks) {
      if (block.type === 'bulletList' || block.type === 'orderedList') {
        for (const item of block.content) visit(item.content);
        continue;
      }
      (block.content ?? []).forEach((node, index) => {
        if (node.type !== 'text') return;
        for (const mention of findParagraphMentions(node.text)) {
          const target = byNumber.get(mention.number);
          if (target && target !== block.attrs.pid) out.push({ pid: block.attrs.pid, node: index, mention, target });
        }
      });
    }
  };
  visit(doc.content);
  return out;
}

/** `doc` with the accepted mentions' numbers replaced by live references. */
export function linkMentions(doc: PMDoc, accepted: readonly MentionCandidate[]): PMDoc {
  const byBlock = new Map<string, MentionCandidate[]>();
  for (const c of accepted) byBlock.set(c.pid, [...(byBlock.get(c.pid) ?? []), c]);
  const linkContent = (content: readonly PMInline[], mine: readonly MentionCandidate[]): PMInline[] =>
    content.flatMap((node, index): PMInline[] => {
      const here = mine.filter((c) => c.node === index).sort((a, b) => a.mention.from - b.mention.from);
      if (node.type !== 'text' || here.length === 0) return [node];
      const out: PMInline[] = [];
      let at = 0;
      for (const c of here) {
        if (c.mention.from > at) out.push({ ...node, text: node.text.slice(at, c.mention.from) });
        out.push({ type: 'paragraphRef', attrs: { target: c.target } });
        at = c.mention.to;
      }
      if (at < node.text.length) out.push({ ...node, text: node.text.slice(at) });
      return out;
    });
  const visit = (blocks: readonly PMBlock[]): PMBlock[] =>
    blocks.map((block) => {
      if (block.type === 'bulletList' || block.type === 'orderedList') {
        return { ...block, content: block.content.map((item) => ({ ...item, content: visit(item.content) })) } as PMBlock;
      }
      const mine = byBlock.get(block.attrs.pid);
      return mine && block.content ? { ...block, content: linkContent(block.content, mine) } : block;
    });
  return { ...doc, content: visit(doc.content) };
}
