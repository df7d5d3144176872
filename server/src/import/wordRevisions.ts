/**
 * Reads the tracked changes and comments of a .docx (issue 13). mammoth drops revisions, so
 * `word/document.xml` is read directly (jszip, then saxes through xmlTree): every body
 * paragraph with its text as it was before the revisions (`base`), its insertions and
 * deletions at offsets in that text (a deletion directly followed by an insertion is one
 * replacement), and the comment ranges opening and closing in it; `word/comments.xml` gives
 * each comment's author, date and text, `word/commentsExtended.xml` which ones are replies.
 */
import JSZip from 'jszip';
import { PlenaryError } from '../../../shared/src/errors';
import { elements, findAll, parseXml, textOf, type XmlElement } from './xmlTree';

export interface WordRevision {
  kind: 'insert' | 'delete' | 'replace';
  /** Offset in the paragraph's base text; a deletion covers [at, at + deleted.length). */
  at: number;
  deleted: string;
  inserted: string;
  author: string;
  date: number;
}

export interface WordParagraph {
  base: string;
  revisions: WordRevision[];
  /** Comment id → [start, end) in the base text. */
  comments: Map<string, { from: number; to: number }>;
}

export interface WordComment {
  id: string;
  author: string;
  date: number;
  text: string;
  /** The comment this one replies to. */
  parent?: string;
}

export interface WordReply {
  paragraphs: WordParagraph[];
  comments: Map<string, WordComment>;
}

const dateOf = (value: string | undefined) => {
  const t = value ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? t : Date.now();
};

function readParagraph(p: XmlElement): WordParagraph {
  const out: WordParagraph = { base: '', revisions: [], comments: new Map() };
  const open = new Map<string, number>();
  const visit = (el: XmlElement, change: XmlElement | null) => {
    for (const child of elements(el)) {
      switch (child.name) {
        case 'w:ins':
        case 'w:del':
        case 'w:moveFrom':
        case 'w:moveTo':
          visit(child, child);
          break;
        case 'w:r': {
          const text = textOf(child);
          if (!text) break;
          const author = change?.attrs['w:author'] ?? 'Unknown';
          const date = dateOf(change?.attrs['w:date']);
          const isDel = change?.name === 'w:del' || change?.name === 'w:moveFrom';
          const isIns = change?.name === 'w:ins' || change?.name === 'w:moveTo';
          const last = out.revisions.at(-1);
          if (isIns) {
            // Right after a deletion (or an insertion) by the same author, at the same place: one change.
            if (last && last.author === author && last.at + last.deleted.length === out.base.length) {
              last.inserted += text;
              if (last.kind === 'delete') last.kind = 'replace';
            } else out.revisions.push({ kind: 'insert', at: out.base.length, deleted: '', inserted: text, author, date });
          } else if (isDel) {
            if (last && last.kind === 'delete' && last.author === author && last.at + last.deleted.length === out.base.length) last.deleted += text;
            else out.revisions.push({ kind: 'delete', at: out.base.length, deleted: text, inserted: '', author, date });
            out.base += text;
          } else out.base += text;
          break;
        }
        case 'w:commentRangeStart':
          open.set(child.attrs['w:id'] ?? '', out.base.length);
          break;
        case 'w:commentRangeEnd': {
          const id = child.attrs['w:id'] ?? '';
          const from = open.get(id);
          if (from !== undefined) out.comments.set(id, { from, to: out.base.length });
          break;
        }
        case 'w:pPr':
        case 'w:rPr':
          break;
        default:
          visit(child, change);
      }
    }
  };
  visit(p, null);
  return out;
}

function readComments(xml: string | null, extended: string | null): Map<string, WordComment> {
  const out = new Map<string, WordComment>();
  if (!xml) return out;
  const byParaId = new Map<string, string>();
  for (const c of findAll(parseXml(xml), 'w:comment')) {
    const id = c.attrs['w:id'] ?? '';
    const paragraphs = findAll(c, 'w:p');
    const paraId = paragraphs.at(-1)?.attrs['w14:paraId'];
    if (paraId) byParaId.set(paraId, id);
    out.set(id, { id, author: c.attrs['w:author'] ?? 'Unknown', date: dateOf(c.attrs['w:date']), text: paragraphs.map(textOf).join('\n').trim() });
  }
  if (extended) {
    for (const ex of findAll(parseXml(extended), 'w15:commentEx')) {
      const child = byParaId.get(ex.attrs['w15:paraId'] ?? '');
      const parent = byParaId.get(ex.attrs['w15:paraIdParent'] ?? '');
      const comment = child !== undefined ? out.get(child) : undefined;
      if (comment && parent !== undefined) comment.parent = parent;
    }
  }
  return out;
}

/** 400 for anything that is not a .docx with a `word/document.xml`. */
export async function readWordReply(file: Buffer): Promise<WordReply> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    throw new PlenaryError('bad_request', 'not a .docx file (it is not a zip archive)');
  }
  const documentXml = await zip.file('word/document.xml')?.async('string');
  if (!documentXml) throw new PlenaryError('bad_request', 'not a .docx file: it has no word/document.xml');
  const read = (path: string) => zip.file(path)?.async('string') ?? Promise.resolve(null);
  try {
    const body = findAll(parseXml(documentXml), 'w:body')[0];
    if (!body) throw new Error('no w:body');
    return { paragraphs: findAll(body, 'w:p').map(readParagraph), comments: readComments(await read('word/comments.xml'), await read('word/commentsExtended.xml')) };
  } catch (error) {
    throw new PlenaryError('bad_request', `the .docx has malformed XML: ${(error as Error).message.slice(0, 200)}`);
  }
}
