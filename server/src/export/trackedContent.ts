/**
 * A language version with its open review as Word revisions and comments (issue 13,
 * `tracked=1`). A copy of the language room (same item ids, so the review's relative positions resolve in it)
 * gets, for every open suggestion, a `revDel` attribute over the text it would remove and its
 * proposed text inserted after it with `revIns`, a format suggestion `revFmt` over its range;
 * every open or resolved comment thread marks
 * its range with a `cmt` attribute. Read back as ProseMirror JSON these are marks, which
 * docx.ts renders as `w:ins`/`w:del` runs and `w:commentRangeStart/End`. The live rooms are
 * only read.
 */
import * as Y from 'yjs';
import type { ICommentOptions } from 'docx';
import { Paragraph, TextRun } from 'docx';
import { BODY_FRAGMENT, META_MAP, readBlock, readBody, readMeta } from '../../../shared/src/model/yBody';
import type { PMBlock, ReportContent } from '../../../shared/src/model/schema';
import { segmentsMap } from '../../../shared/src/model/translation';
import { composeTranslation } from '../../../shared/src/translation/compose';
import { isPointChange, resolveAnchor, wellFormedThreads, type Thread } from '../../../shared/src/review/threads';
import { REVIEW_SUFFIX, roomName } from '../../../shared/src/rooms';
import type { ReportRecord } from '../storage/types';
import type { ReportService } from '../reports/service';

/** Mark names the tracked export adds; docx.ts reads them. */
export const REV_INS = 'revIns';
export const REV_DEL = 'revDel';
export const REV_COMMENT = 'cmt';
export const REV_FORMAT = 'revFmt';

export interface RevisionAttrs {
  id: number;
  author: string;
  date: string;
}

export interface TrackedContent {
  content: ReportContent;
  comments: ICommentOptions[];
}

/** A distinct attribute name per comment, in the `--xxxxxxxx` form readBody strips to `cmt`. */
const commentKey = (id: number) => `${REV_COMMENT}--${id.toString(36).padStart(8, '0')}`;

function attributesAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let seen = 0;
  for (const d of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const len = typeof d.insert === 'string' ? d.insert.length : 1;
    if (seen + len > index) return d.attributes ?? {};
    seen += len;
  }
  return {};
}

function commentBody(text: string): Paragraph[] {
  return [new Paragraph({ children: [new TextRun(text)] })];
}

/** A forged anchor (the review room is written by many hands) resolves to nothing. */
function resolveSafely(doc: Y.Doc, t: Thread) {
  try {
    return resolveAnchor(doc, t.anchor, isPointChange(t));
  } catch {
    return null;
  }
}

/** Marks the copy and collects the Word comments (a thread's replies are replies in Word). */
function annotate(copy: Y.Doc, threads: readonly Thread[]): ICommentOptions[] {
  const comments: ICommentOptions[] = [];
  let nextId = 1;
  const located = threads
    .map((t) => ({ t, r: resolveSafely(copy, t) }))
    .filter((x): x is { t: Thread; r: NonNullable<typeof x.r> } => !!x.r && x.r.type instanceof Y.XmlText);
  // Later positions first within a text, so inserting proposed text leaves earlier ranges valid.
  located.sort((a, b) => b.r.from - a.r.from);
  copy.transact(() => {
    for (const { t, r } of located) {
      const text = r.type as Y.XmlText;
      const date = new Date(t.createdAt || Date.now()).toISOString();
      if (t.kind === 'suggestion' && t.status === 'open' && t.change === 'format' && t.format && r.to > r.from) {
        // Shown with the new formatting, the old one kept as the run's property change.
        text.format(r.from, r.to - r.from, { [REV_FORMAT]: { id: nextId++, author: t.createdBy, date, mark: t.format.mark, on: t.format.on } });
      } else if (t.kind === 'suggestion' && t.status === 'open' && t.change !== 'format') {
        if (r.to > r.from) text.format(r.from, r.to - r.from, { [REV_DEL]: { id: nextId++, author: t.createdBy, date } });
        if (t.proposed) {
          const { [REV_DEL]: _gone, ...attrs } = attributesAt(text, Math.max(0, r.to - 1));
          text.insert(r.to, t.proposed.replace(/\n/g, ' '), { ...attrs, [REV_INS]: { id: nextId++, author: t.createdBy, date } });
        }
      } else if (t.kind === 'comment' && t.status !== 'accepted' && t.status !== 'rejected' && r.to > r.from) {
        const messages = t.messages.filter((m) => !m.deleted);
        if (!messages.length) continue;
        const first = nextId++;
        text.format(r.from, r.to - r.from, { [commentKey(first)]: { id: first } });
        comments.push({ id: first, author: messages[0].author, date: new Date(messages[0].at), children: commentBody(messages[0].body), ...(t.status === 'resolved' ? { resolved: true } : {}) });
        for (const m of messages.slice(1)) comments.push({ id: nextId++, parentId: first, author: m.author, date: new Date(m.at), children: commentBody(m.body) });
      }
    }
  });
  return comments;
}

/** A copy of a language room with its review threads marked, and the Word comments. */
async function annotatedCopy(reports: ReportService, report: ReportRecord, lang: string): Promise<{ copy: Y.Doc; comments: ICommentOptions[] }> {
  const threads = await reports.withRoom(roomName(report.id, REVIEW_SUFFIX), (room) => wellFormedThreads(room.doc).filter((t) => t.room === lang));
  const update = await reports.withRoom(roomName(report.id, lang), (room) => Y.encodeStateAsUpdate(room.doc));
  const copy = new Y.Doc();
  Y.applyUpdate(copy, update);
  return { copy, comments: annotate(copy, threads) };
}

/**
 * One language version with its review as revisions and comments: the original as it stands,
 * a translation composed over the original's structure (compose.ts) from its marked segments.
 */
export async function trackedVersion(reports: ReportService, report: ReportRecord, lang: string): Promise<TrackedContent> {
  const { copy, comments } = await annotatedCopy(reports, report, lang);
  if (lang === report.originalLanguage) {
    return { content: { meta: readMeta(copy.getMap(META_MAP)), body: readBody(copy.getXmlFragment(BODY_FRAGMENT)) }, comments };
  }
  const segments = new Map<string, PMBlock | null>();
  for (const [pid, fragment] of segmentsMap(copy).entries()) segments.set(pid, fragment instanceof Y.XmlFragment ? readBlock(fragment) : null);
  const original = await reports.readOriginal(report);
  return { content: composeTranslation(original, { segments, meta: readMeta(copy.getMap(META_MAP)) }, report.originalLanguage), comments };
}
