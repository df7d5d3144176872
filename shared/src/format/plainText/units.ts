/**
 * The body of a plain-text report cut into units, a block each as written: lines run on until
 * a blank line or a line that starts a block by its shape. What each unit becomes is decided
 * later, once the footnotes at the end are known.
 */
import type { Line } from '../sourceLines';
import { lineKind, startsBlock, type LineKind } from './lineShapes';

/** A block of the body as written: its first line decides what it is. */
export interface Unit {
  kind: LineKind;
  first: Line;
  /** The text of every line, line-start escapes removed. */
  texts: string[];
}

export function readUnits(lines: readonly Line[], from: number): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  for (let j = from; j < lines.length; j++) {
    const line = lines[j];
    if (line.text === '') {
      current = null;
      continue;
    }
    const kind = lineKind(line.text);
    const text = kind === 'escaped' ? line.text.slice(1) : line.text;
    if (current && !startsBlock(kind)) current.texts.push(text);
    else units.push((current = { kind, first: line, texts: [text] }));
  }
  return units;
}

/** The unit's text without the prefix `re` matched on its first line (its last group is the rest). */
export function unitBody(unit: Unit, re: RegExp): string {
  const first = re.exec(unit.texts[0]);
  const head = first ? (first[first.length - 1] ?? '') : unit.texts[0];
  return [head, ...unit.texts.slice(1)].join('\n');
}
