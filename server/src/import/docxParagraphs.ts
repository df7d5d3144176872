/**
 * Word's paragraphs and runs, from mammoth's document tree, as the model's inline content:
 * marks in one canonical order, safe links only, footnote references bound to pids in order
 * of first reference (NoteRegistry), and what the report mapping (docx.ts) needs to know of
 * each paragraph: alignment, all-bold, heading and Title styles, Word list numbering.
 */
import { isSafeHref } from '../../../shared/src/format/html';
import { appendText } from '../../../shared/src/format/nodes';
import { newPid } from '../../../shared/src/model/pid';
import type { PMInline, PMMark } from '../../../shared/src/model/schema';

/** The part of mammoth's document tree we read; everything is optional, as in any input. */
export interface DocNode {
  type?: string;
  children?: DocNode[];
  value?: string;
  isBold?: boolean;
  isItalic?: boolean;
  verticalAlignment?: string;
  href?: string;
  breakType?: string;
  alignment?: string | null;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered?: boolean; level?: string | number } | null;
  noteType?: string;
  noteId?: string;
  body?: DocNode[];
  notes?: { resolve?: (reference: DocNode) => DocNode | null };
}

export interface Para {
  content: PMInline[];
  text: string;
  allBold: boolean;
  centered: boolean;
  headingLevel: number;
  titleStyle: boolean;
  /** Word list numbering: null, or ordered/bullet with its level. */
  list: { ordered: boolean; level: number } | null;
}

const ORDER: readonly PMMark['type'][] = ['link', 'bold', 'italic', 'superscript', 'subscript'];

export class NoteRegistry {
  /** `footnote:3` → pid, in order of first reference. */
  readonly pids = new Map<string, string>();
  constructor(private readonly notes: DocNode['notes']) {}
  pidFor(ref: DocNode): string {
    const key = `${ref.noteType}:${ref.noteId}`;
    let pid = this.pids.get(key);
    if (!pid) this.pids.set(key, (pid = newPid()));
    return pid;
  }
  bodyOf(key: string): DocNode[] {
    const [noteType, noteId] = key.split(':');
    const note = typeof this.notes?.resolve === 'function' ? this.notes.resolve({ noteType, noteId }) : null;
    return note?.body ?? [];
  }
}

function runMarks(run: DocNode, inherited: readonly PMMark[]): PMMark[] {
  const marks = [...inherited];
  if (run.isBold) marks.push({ type: 'bold' });
  if (run.isItalic) marks.push({ type: 'italic' });
  if (run.verticalAlignment === 'superscript') marks.push({ type: 'superscript' });
  if (run.verticalAlignment === 'subscript') marks.push({ type: 'subscript' });
  return marks.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

function readInline(nodes: readonly DocNode[] | undefined, marks: readonly PMMark[], out: PMInline[], notes: NoteRegistry): void {
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'run':
        readInline(node.children, runMarks(node, marks), out, notes);
        break;
      case 'text':
        appendText(out, (node.value ?? '').replace(/\n/g, ' '), marks);
        break;
      case 'tab':
        appendText(out, '\t', marks);
        break;
      case 'break':
        if (node.breakType === 'line' || node.breakType === undefined) out.push({ type: 'hardBreak' });
        break;
      case 'hyperlink': {
        const link: PMMark[] = isSafeHref(node.href) ? [{ type: 'link', attrs: { href: node.href.trim() } }, ...marks] : [...marks];
        readInline(node.children, link, out, notes);
        break;
      }
      case 'noteReference':
        out.push({ type: 'footnoteRef', attrs: { target: notes.pidFor(node) } });
        break;
      default:
        // Images, bookmarks, comments, checkboxes: no text of ours.
        break;
    }
  }
}

export function inlineText(content: readonly PMInline[]): string {
  return content.map((n) => (n.type === 'text' ? n.text : n.type === 'hardBreak' ? '\n' : '')).join('');
}

export function readPara(node: DocNode, notes: NoteRegistry): Para {
  const content: PMInline[] = [];
  readInline(node.children, [], content, notes);
  const texts = content.filter((n): n is Extract<PMInline, { type: 'text' }> => n.type === 'text' && n.text.trim() !== '');
  const style = `${node.styleId ?? ''} ${node.styleName ?? ''}`;
  const heading = /\bheading\s*([1-6])\b/i.exec(style);
  const level = Number(node.numbering?.level ?? 0);
  return {
    content,
    text: inlineText(content),
    allBold: texts.length > 0 && texts.every((t) => t.marks?.some((m) => m.type === 'bold')),
    centered: node.alignment === 'center',
    headingLevel: heading ? Number(heading[1]) : 0,
    titleStyle: /\btitle\b/i.test(style),
    list: node.numbering ? { ordered: Boolean(node.numbering.isOrdered), level: Number.isFinite(level) ? level : 0 } : null,
  };
}

/** Paragraphs in reading order; a table's cells are read row by row (UN mastheads are tables). */
export function collectParagraphs(nodes: readonly DocNode[] | undefined, notes: NoteRegistry, out: Para[]): void {
  for (const node of nodes ?? []) {
    if (node.type === 'paragraph') out.push(readPara(node, notes));
    else if (node.children) collectParagraphs(node.children, notes, out);
  }
}

/** Drops the first `count` characters of inline content (a paragraph number or marker). */
