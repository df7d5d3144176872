/**
 * `POST /api/reports/:id/import?lang=xx&as=suggestions` (issue 13): a Word reply's tracked
 * changes and comments become suggestions and threads in `<id>.review`; the text is not
 * touched. Into the original or a translation (its segments, numbered as the original). Word
 * paragraphs are matched to the report's by paragraph number ("12." at their
 * start), then by text similarity; offsets in Word's text are carried to the report's by a
 * character diff, so small differences outside the revisions do not misplace them. Every
 * change is attributed to its `w:author`, a name (marked external), with its date. The file is
 * read and matched in full before anything is written.
 */
import * as Y from 'yjs';
import { diffChars } from 'diff';
import { distance } from 'fastest-levenshtein';
import { BODY_FRAGMENT } from '../../../shared/src/model/yBody';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { BlockInfo } from '../../../shared/src/model/schema';
import { segmentsMap } from '../../../shared/src/model/translation';
import { anchorInText, createThread, pointInText, reply, type NewThread } from '../../../shared/src/review/threads';
import { REVIEW_SUFFIX, roomName } from '../../../shared/src/rooms';
import type { ReportRecord } from '../storage/types';
import type { ReportService } from '../reports/service';
import { readWordReply, type WordComment, type WordParagraph } from './wordRevisions';

export interface ImportSuggestionsResult {
  suggestions: number;
  comments: number;
  unmatched: { paragraph: number; text: string; reason: string }[];
}

interface Block {
  pid: string;
  number: number | null;
  text: string;
  segments: { type: Y.XmlText; start: number; length: number }[];
}

/** A text block's runs of text (inline nodes such as footnote references count as no text). */
function blockOf(el: Y.XmlElement, pid: string, number: number | null): Block {
  const block: Block = { pid, number, text: '', segments: [] };
  for (const c of el.toArray()) {
    if (!(c instanceof Y.XmlText)) continue;
    const text = (c.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
    block.segments.push({ type: c, start: block.text.length, length: text.length });
    block.text += text;
  }
  return block;
}

/** Text blocks of the original's body, in order, numbered as the report numbers them. */
function originalBlocks(fragment: Y.XmlFragment): Block[] {
  const out: Block[] = [];
  let number = 0;
  const visit = (el: Y.XmlElement | Y.XmlFragment) => {
    const children = el.toArray();
    if (el instanceof Y.XmlElement && children.some((c) => c instanceof Y.XmlText)) {
      const numbered = el.nodeName === 'paragraph' && String(el.getAttribute('numbered' as never)) === 'true';
      out.push(blockOf(el, String(el.getAttribute('pid') ?? ''), numbered ? ++number : null));
      return;
    }
    for (const c of children) if (c instanceof Y.XmlElement) visit(c);
  };
  visit(fragment);
  return out;
}

/** A translation's segments, in the original's order and with its paragraph numbers. */
function segmentBlocks(doc: Y.Doc, infos: readonly BlockInfo[]): Block[] {
  const segments = segmentsMap(doc);
  return infos.flatMap((info) => {
    const el = segments.get(info.pid)?.get(0);
    return el instanceof Y.XmlElement ? [blockOf(el, info.pid, info.number)] : [];
  });
}

/** Maps offsets in `from` to offsets in `to` through a character diff. */
function offsetMap(from: string, to: string): (offset: number) => number {
  if (from === to) return (o) => o;
  const parts = diffChars(from, to);
  return (offset) => {
    let i = 0;
    let j = 0;
    for (const part of parts) {
      const len = part.value.length;
      if (part.added) j += len;
      else if (part.removed) {
        if (offset < i + len) return j;
        i += len;
      } else {
        if (offset <= i + len) return j + (offset - i);
        i += len;
        j += len;
      }
    }
    return j;
  };
}

const similarity = (a: string, b: string) => (Math.max(a.length, b.length) ? 1 - distance(a, b) / Math.max(a.length, b.length) : 0);

/** The run holding [from, to) of a block, and the range inside it (clipped to the run). */
function locate(block: Block, from: number, to: number) {
  const seg = block.segments.find((s) => from >= s.start && from <= s.start + s.length && (to > from ? from < s.start + s.length : true));
  if (!seg) return null;
  return { type: seg.type, from: from - seg.start, to: Math.min(to, seg.start + seg.length) - seg.start };
}

export async function importSuggestions(reports: ReportService, report: ReportRecord, lang: string, file: Buffer): Promise<ImportSuggestionsResult> {
  const word = await readWordReply(file);
  const infos = lang === report.originalLanguage ? [] : listBlocks((await reports.readOriginal(report)).body);
  const result: ImportSuggestionsResult = { suggestions: 0, comments: 0, unmatched: [] };
  // Each with its Word date, which becomes the thread's time.
  const threads: { thread: NewThread; at: number }[] = [];
  const commentThreads: { wordId: string; thread: NewThread; at: number }[] = [];

  await reports.withRoom(roomName(report.id, lang), (room) => {
    const blocks = lang === report.originalLanguage ? originalBlocks(room.doc.getXmlFragment(BODY_FRAGMENT)) : segmentBlocks(room.doc, infos);
    const byNumber = new Map(blocks.filter((b) => b.number !== null).map((b) => [b.number!, b]));
    word.paragraphs.forEach((p: WordParagraph, index) => {
      if (!p.revisions.length && !p.comments.size) return;
      const numberMatch = /^\s*(\d+)\.\s*/.exec(p.base);
      let prefix = 0;
      let block: Block | undefined;
      if (numberMatch && byNumber.has(Number(numberMatch[1]))) {
        block = byNumber.get(Number(numberMatch[1]));
        prefix = numberMatch[0].length;
      } else {
        let best = 0.6;
        for (const b of blocks) {
          const s = similarity(p.base.trim(), b.text.trim());
          if (s > best) [best, block] = [s, b];
        }
      }
      if (!block) {
        result.unmatched.push({ paragraph: index + 1, text: p.base.slice(0, 160), reason: 'no paragraph of the report has this number or similar text' });
        return;
      }
      const map = offsetMap(p.base.slice(prefix), block.text);
      const at = (o: number) => map(Math.max(0, o - prefix));
      for (const rev of p.revisions) {
        const from = at(rev.at);
        const to = rev.kind === 'insert' ? from : at(rev.at + rev.deleted.length);
        const where = locate(block, from, to);
        if (!where || (rev.kind !== 'insert' && where.to <= where.from)) {
          result.unmatched.push({ paragraph: index + 1, text: rev.deleted || rev.inserted, reason: 'the changed text is not in the report' });
          continue;
        }
        const quote = block.text.slice(from, from + (where.to - where.from));
        threads.push({
          at: rev.date,
          thread: {
            room: lang, pid: block.pid, kind: 'suggestion', change: rev.kind, author: rev.author, external: true, body: '',
            anchor: rev.kind === 'insert' ? pointInText(where.type, where.from) : anchorInText(where.type, where.from, where.to),
            quote: rev.kind === 'insert' ? '' : quote, proposed: rev.inserted,
          },
        });
      }
      for (const [id, range] of p.comments) {
        const comment = word.comments.get(id);
        if (!comment || comment.parent !== undefined) continue;
        const from = at(range.from);
        const where = locate(block, from, at(range.to));
        if (!where || where.to <= where.from) {
          result.unmatched.push({ paragraph: index + 1, text: comment.text.slice(0, 160), reason: 'the commented text is not in the report' });
          continue;
        }
        commentThreads.push({
          wordId: id,
          at: comment.date,
          thread: { room: lang, pid: block.pid, kind: 'comment', author: comment.author, external: true, body: comment.text, anchor: anchorInText(where.type, where.from, where.to), quote: block.text.slice(from, from + (where.to - where.from)) },
        });
      }
    });
  });

  const replies = [...word.comments.values()].filter((c): c is WordComment & { parent: string } => c.parent !== undefined);
  await reports.withRoom(roomName(report.id, REVIEW_SUFFIX), (room) =>
    room.change((review) => {
      for (const { thread, at } of threads) createThread(review, thread, at);
      const ids = new Map<string, string>();
      for (const { wordId, thread, at } of commentThreads) ids.set(wordId, createThread(review, thread, at));
      for (const r of replies.sort((a, b) => a.date - b.date)) {
        const threadId = ids.get(r.parent);
        if (threadId) reply(review, threadId, r.author, r.text, r.date);
      }
    }),
  );
  result.suggestions = threads.length;
  result.comments = commentThreads.length;
  return result;
}
