/**
 * The front matter of a plain-text report: masthead lines, the `**title**` (which may span
 * lines) and the subtitle after it, up to where the body starts. Without a title the masthead
 * has to be recognised from its lines alone, which is the delicate part.
 */
import { ImportError } from '../../errors';
import type { ReportMeta } from '../../model/schema';
import { isSpace } from '../delimiters';
import { mastheadAnchor, readMasthead, showsMasthead } from '../masthead';
import type { Line } from '../sourceLines';
import { lineKind } from './lineShapes';

/** The title opened by `**` on line `start`: its text and the index of its last line. */
function readTitle(lines: readonly Line[], start: number): { title: string; end: number } | null {
  const first = lines[start].text.slice(2);
  if (first === '' || isSpace(first[0]) || first.startsWith('*')) return null;
  const close = first.indexOf('**');
  if (close >= 0) return close === first.length - 2 ? { title: first.slice(0, close), end: start } : null;
  const parts = [first];
  for (let j = start + 1; j < lines.length && lines[j].text !== ''; j++) {
    const text = lines[j].text;
    const at = text.indexOf('**');
    if (at < 0) {
      parts.push(text);
      continue;
    }
    if (at === text.length - 2 && at > 0) return { title: [...parts, text.slice(0, at)].join('\n'), end: j };
    break;
  }
  throw new ImportError('the title opened with ** is not closed', lines[start].no);
}

/**
 * Without a title, a masthead is recognised only when the first lines hold a distribution,
 * "Original:" or document symbol line; it runs to the last recognisable masthead line (plus
 * the date or place that follows it).
 */
function mastheadEnd(lines: readonly Line[]): number {
  const leading: number[] = [];
  for (let j = 0; j < lines.length && leading.length < 15; j++) {
    if (lines[j].text === '') continue;
    if (lineKind(lines[j].text) !== 'plain') break;
    leading.push(j);
  }
  if (!leading.some((j) => showsMasthead(lines[j].text))) return 0;
  const fields = leading.map((j) => mastheadAnchor(lines[j].text));
  let lastAt = -1;
  fields.forEach((f, k) => {
    if (f) lastAt = k;
  });
  if ((fields[lastAt] === 'distribution' || fields[lastAt] === 'session') && lastAt + 1 < leading.length) lastAt++;
  return leading[lastAt] + 1;
}

export interface FrontMatter {
  meta: ReportMeta;
  /** Index of the first line after the front matter. */
  bodyStart: number;
}

export function readFrontMatter(lines: readonly Line[]): FrontMatter {
  let titleAt = -1;
  for (let j = 0; j < lines.length; j++) {
    const text = lines[j].text;
    if (text.startsWith('**')) {
      titleAt = j;
      break;
    }
    if (lineKind(text) !== 'plain') break;
  }
  const title = titleAt >= 0 ? readTitle(lines, titleAt) : null;
  if (!title) {
    const end = mastheadEnd(lines);
    return { meta: readMasthead(lines.slice(0, end).map((l) => l.text)), bodyStart: end };
  }
  const meta = readMasthead(lines.slice(0, titleAt).map((l) => l.text));
  meta.title = title.title;
  let next = title.end + 1;
  while (next < lines.length && lines[next].text === '') next++;
  const subtitle: string[] = [];
  let end = next;
  while (end < lines.length && lines[end].text !== '') subtitle.push(lines[end++].text);
  if (subtitle.length && subtitle.every((t) => lineKind(t) === 'plain')) {
    meta.subtitle = subtitle.join('\n');
    next = end;
  }
  return { meta, bodyStart: next };
}

