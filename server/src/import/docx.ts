/**
 * DOCX import. mammoth reads the file; we take its document tree (through the
 * `transformDocument` hook — mammoth is pinned, as its docs ask of users of that hook) rather
 * than its HTML, because the tree keeps what the mapping needs: alignment, heading styles,
 * Word list numbering, and footnotes.
 *
 * Mapping, in reading order: paragraphs before the title are the masthead; the title is the
 * first all-bold (or Title-style) paragraph before the first numbered one; a centred or bold
 * paragraph right after it is the subtitle; "N." paragraphs (or Word-numbered top-level
 * paragraphs) are numbered paragraphs; heading styles and short all-bold lines are headings;
 * Word footnotes become footnotes numbered from document order; trailing "* text" paragraphs
 * are footnotes with that marker. Every block gets a fresh pid. Reasonable, not exact.
 */
import mammoth from 'mammoth';
import { PlenaryError } from '../../../shared/src/errors';
import { serializeInlineMarkup } from '../../../shared/src/format/inlineMarkup';
import { mastheadAnchor, readMasthead } from '../../../shared/src/format/masthead';
import { appendText } from '../../../shared/src/format/nodes';
import { newPid } from '../../../shared/src/model/pid';
import type { PMBlock, PMFootnote, PMInline, PMListItem, PMMark, ReportContent, ReportMeta } from '../../../shared/src/model/schema';
import { collectParagraphs, type DocNode, NoteRegistry, type Para } from './docxParagraphs';

const NUMBER_PREFIX_RE = /^(\d{1,4})\.[\t ]+/;
const STAR_NOTE_RE = /^(\*{1,3}|[†‡]{1,3})[\t ]+(?=\S)/;

function dropPrefix(content: readonly PMInline[], count: number): PMInline[] {
  const out: PMInline[] = [];
  let left = count;
  for (const node of content) {
    if (left > 0 && node.type === 'text') {
      const cut = Math.min(left, node.text.length);
      left -= cut;
      if (cut < node.text.length) out.push({ ...node, text: node.text.slice(cut) });
      continue;
    }
    out.push(node);
  }
  return out;
}

function withoutMark(content: readonly PMInline[], type: PMMark['type']): PMInline[] {
  const out: PMInline[] = [];
  for (const node of content) {
    if (node.type === 'text') appendText(out, node.text, (node.marks ?? []).filter((m) => m.type !== type));
    else out.push(node);
  }
  return out;
}

/** Tabs that were only layout become spaces; leading and trailing white space goes. */
function tidy(content: readonly PMInline[]): PMInline[] {
  const out: PMInline[] = [];
  for (const node of content) {
    if (node.type === 'text') appendText(out, node.text.replace(/\t+/g, ' '), node.marks ?? []);
    else out.push(node);
  }
  const first = out[0];
  if (first?.type === 'text') first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text = last.text.trimEnd();
  return out.filter((n) => n.type !== 'text' || n.text !== '');
}

/** A meta string: plain-text markup without bold or italic (the layout supplies those). */
function metaString(content: readonly PMInline[]): string {
  return serializeInlineMarkup(tidy(withoutMark(withoutMark(content, 'bold'), 'italic')));
}

function withContent<T extends PMBlock>(block: T, content: PMInline[]): T {
  return content.length ? { ...block, content } : block;
}

function paragraphBlock(content: readonly PMInline[], numbered: boolean): PMBlock {
  return withContent({ type: 'paragraph', attrs: { pid: newPid(), numbered } }, tidy(content));
}

/** Superscript text equal to the marker of a `*` footnote refers to it, as our export writes it. */
function bindStarRefs(blocks: readonly PMBlock[], byMarker: ReadonlyMap<string, string>): void {
  for (const block of blocks) {
    if (block.type === 'bulletList' || block.type === 'orderedList') block.content.forEach((item) => bindStarRefs(item.content, byMarker));
    else if (block.type !== 'footnote' && block.content) {
      block.content = block.content.map((n): PMInline => {
        const target = n.type === 'text' && n.marks?.some((m) => m.type === 'superscript') ? byMarker.get(n.text) : undefined;
        return target ? { type: 'footnoteRef', attrs: { target } } : n;
      });
    }
  }
}

function findTitle(paras: readonly Para[], firstNumbered: number): number {
  for (let i = 0; i < firstNumbered; i++) {
    const p = paras[i];
    if (p.titleStyle || (p.allBold && !p.headingLevel && !p.list && mastheadAnchor(p.text.trim()) === null)) return i;
  }
  return -1;
}

function readFrontMatter(paras: readonly Para[], title: number): { meta: ReportMeta; bodyStart: number } {
  if (title < 0) return { meta: {}, bodyStart: 0 };
  const lines = paras.slice(0, title).flatMap((p) => metaString(p.content).split('\n'));
  const meta = readMasthead(lines);
  meta.title = metaString(paras[title].content);
  let bodyStart = title + 1;
  const next = paras[bodyStart];
  if (next && (next.centered || next.allBold) && !next.headingLevel && !next.list && !NUMBER_PREFIX_RE.test(next.text)) {
    meta.subtitle = metaString(next.content);
    bodyStart++;
  }
  return { meta, bodyStart };
}

function readBody(paras: readonly Para[]): { blocks: PMBlock[]; starNotes: PMFootnote[] } {
  let notesFrom = paras.length;
  while (notesFrom > 0 && STAR_NOTE_RE.test(paras[notesFrom - 1].text)) notesFrom--;
  const blocks: PMBlock[] = [];
  // Consecutive list paragraphs of one kind make one list.
  let listOpen = false;
  for (const p of paras.slice(0, notesFrom)) {
    const numberPrefix = NUMBER_PREFIX_RE.exec(p.text);
    const listKind = p.list && !(p.list.ordered && p.list.level === 0) ? (p.list.ordered ? 'orderedList' : 'bulletList') : null;
    if (listKind) {
      const item: PMListItem = { type: 'listItem', content: [paragraphBlock(p.content, false)] };
      const last = blocks[blocks.length - 1];
      if (listOpen && (last.type === 'bulletList' || last.type === 'orderedList') && last.type === listKind) last.content.push(item);
      else blocks.push(listKind === 'bulletList' ? { type: 'bulletList', content: [item] } : { type: 'orderedList', content: [item] });
      listOpen = true;
      continue;
    }
    listOpen = false;
    if (p.headingLevel) blocks.push(withContent({ type: 'heading', attrs: { pid: newPid(), level: p.headingLevel } }, tidy(withoutMark(p.content, 'bold'))));
    else if (numberPrefix) blocks.push(paragraphBlock(dropPrefix(p.content, numberPrefix[0].length), true));
    else if (p.list) blocks.push(paragraphBlock(p.content, true));
    else if (p.allBold && p.text.trim().length <= 100 && !/[.;:]$/.test(p.text.trim())) {
      blocks.push(withContent({ type: 'heading', attrs: { pid: newPid(), level: 2 } }, tidy(withoutMark(p.content, 'bold'))));
    } else blocks.push(paragraphBlock(p.content, false));
  }
  const starNotes = paras.slice(notesFrom).map((p): PMFootnote => {
    const marker = STAR_NOTE_RE.exec(p.text)!;
    return withContent({ type: 'footnote', attrs: { pid: newPid(), marker: marker[1] } }, tidy(dropPrefix(p.content, marker[0].length)));
  });
  return { blocks, starNotes };
}

function wordFootnotes(registry: NoteRegistry): PMFootnote[] {
  const out: PMFootnote[] = [];
  // Reading a note's body can register further references; iterate until none are new.
  const done = new Set<string>();
  for (let again = true; again; ) {
    again = false;
    for (const [key, pid] of [...registry.pids]) {
      if (done.has(key)) continue;
      done.add(key);
      again = true;
      const paras: Para[] = [];
      collectParagraphs(registry.bodyOf(key), registry, paras);
      const content: PMInline[] = [];
      paras.forEach((p, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        content.push(...p.content.filter((n) => n.type !== 'footnoteRef'));
      });
      out.push(withContent({ type: 'footnote', attrs: { pid, marker: '' } }, tidy(content)));
    }
  }
  return out;
}

/** Reads a .docx report into the model. Throws `invalid_import` for anything that is not one. */
export async function parseDocx(buffer: Buffer): Promise<ReportContent> {
  let root: DocNode | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        transformDocument: (document: DocNode) => {
          root = document;
          return document;
        },
      },
    );
  } catch (error) {
    throw new PlenaryError('invalid_import', 'not a readable .docx file', { cause: error instanceof Error ? error.message : String(error) });
  }
  const document = root as DocNode | null;
  if (!document) throw new PlenaryError('invalid_import', 'not a readable .docx file');

  const registry = new NoteRegistry(document.notes);
  const all: Para[] = [];
  collectParagraphs(document.children, registry, all);
  const paras = all.filter((p) => p.text.trim() !== '' || p.content.some((n) => n.type === 'footnoteRef'));
  if (paras.length === 0) throw new PlenaryError('invalid_import', 'the document has no text');

  const firstNumbered = paras.findIndex((p) => NUMBER_PREFIX_RE.test(p.text) || (p.list?.ordered && p.list.level === 0));
  const title = findTitle(paras, firstNumbered < 0 ? paras.length : firstNumbered);
  const { meta, bodyStart } = readFrontMatter(paras, title);
  const { blocks, starNotes } = readBody(paras.slice(bodyStart));
  bindStarRefs(blocks, new Map(starNotes.map((n) => [n.attrs.marker, n.attrs.pid])));
  const footnotes = [...wordFootnotes(registry), ...starNotes];
  if (blocks.length === 0) blocks.push({ type: 'paragraph', attrs: { pid: newPid(), numbered: false } });
  return { meta, body: { type: 'doc', content: [...blocks, ...footnotes] } };
}
