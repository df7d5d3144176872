/**
 * Reading a plain-text report: lines, then front matter, then body. Every refusal is an
 * ImportError that names the line at fault, since people fix these files by hand.
 */
import { ImportError } from '../../errors';
import type { PMDoc, ReportContent } from '../../model/schema';
import { binaryCharacter, splitLines, type Line } from '../sourceLines';
import { readBody } from './body';
import { readFrontMatter } from './frontMatter';
import { readUnits } from './units';

function readLines(text: string): Line[] {
  return splitLines(text).map((raw, i) => {
    const bad = binaryCharacter(raw);
    if (bad) throw new ImportError(`binary data (character ${bad})`, i + 1);
    return { text: raw.replace(/[\v\f]/g, ' ').trim(), no: i + 1 };
  });
}

/** Reads a report in the samples' plain-text layout; throws ImportError with the line at fault. */
export function parsePlainText(text: string): ReportContent {
  const lines = readLines(text);
  if (lines.every((l) => l.text === '')) throw new ImportError('the document is empty', 1);
  const { meta, bodyStart } = readFrontMatter(lines);
  const body: PMDoc = { type: 'doc', content: readBody(readUnits(lines, bodyStart)) };
  return { meta, body };
}
