/**
 * Word runs for the tracked export's marks (trackedContent.ts): text marked `revIns` becomes
 * an InsertedTextRun (`w:ins`), `revDel` a DeletedTextRun (`w:del`), each with its author and
 * date; `revFmt` gives the run its suggested formatting with the old one as `w:rPrChange`;
 * `cmt` marks open and close Word comment ranges (`w:commentRangeStart/End` and the
 * reference run). Without those marks a run is a plain TextRun, as before.
 */
import { CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, InsertedTextRun, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import type { PMMark } from '../../../shared/src/model/schema';
import { REV_COMMENT, REV_DEL, REV_FORMAT, REV_INS, type RevisionAttrs } from './trackedContent';

function revision(marks: readonly PMMark[] | undefined, name: string): RevisionAttrs | null {
  const attrs = marks?.find((m) => (m.type as string) === name)?.attrs as Partial<RevisionAttrs> | undefined;
  if (!attrs || typeof attrs.id !== 'number') return null;
  return { id: attrs.id, author: String(attrs.author ?? ''), date: String(attrs.date ?? new Date(0).toISOString()) };
}

/** The docx run property of each mark a format suggestion may toggle. */
const RUN_PROPERTY = { bold: 'bold', italic: 'italics', superscript: 'superScript', subscript: 'subScript' } as const;

/** A format suggestion: the run with the suggested formatting, its old formatting as `w:rPrChange`. */
function formatted(marks: readonly PMMark[] | undefined, options: IRunOptions): IRunOptions {
  const change = revision(marks, REV_FORMAT);
  const attrs = marks?.find((m) => (m.type as string) === REV_FORMAT)?.attrs as { mark?: string; on?: boolean } | undefined;
  const property = attrs?.mark ? RUN_PROPERTY[attrs.mark as keyof typeof RUN_PROPERTY] : undefined;
  if (!change || !property) return options;
  const on = attrs?.on !== false;
  return { ...options, [property]: on, revision: { ...change, [property]: !on } };
}

export function textRun(marks: readonly PMMark[] | undefined, plain: IRunOptions): TextRun | InsertedTextRun | DeletedTextRun {
  const options = formatted(marks, plain);
  const del = revision(marks, REV_DEL);
  if (del) return new DeletedTextRun({ ...options, ...del });
  const ins = revision(marks, REV_INS);
  if (ins) return new InsertedTextRun({ ...options, ...ins });
  return new TextRun(options);
}

function commentIds(marks: readonly PMMark[] | undefined): number[] {
  return (marks ?? []).filter((m) => (m.type as string) === REV_COMMENT && typeof m.attrs?.id === 'number').map((m) => m.attrs!.id as number);
}

/** Tracks which comment ranges are open along a paragraph's runs. */
export class CommentRanges {
  private open: number[] = [];

  /** What goes before a node with these marks: range ends and starts. */
  before(marks: readonly PMMark[] | undefined): ParagraphChild[] {
    const ids = commentIds(marks);
    const out: ParagraphChild[] = [];
    for (const id of this.open.filter((o) => !ids.includes(o))) out.push(...this.end(id));
    for (const id of ids.filter((i) => !this.open.includes(i))) {
      out.push(new CommentRangeStart(id));
      this.open.push(id);
    }
    return out;
  }

  /** Closes every range still open (end of the paragraph). */
  close(): ParagraphChild[] {
    return [...this.open].flatMap((id) => this.end(id));
  }

  private end(id: number): ParagraphChild[] {
    this.open = this.open.filter((o) => o !== id);
    return [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
  }
}
