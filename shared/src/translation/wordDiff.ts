/**
 * What changed in a source paragraph since it was translated: a word diff of the source text
 * recorded with the translation (`status.sourceText`) against the current source. White space
 * is kept in the parts, so joining the `equal` and `insert` parts gives the new text back and
 * joining `equal` and `delete` gives the old one.
 */
import { diffWordsWithSpace } from 'diff';

export type WordChangeType = 'equal' | 'insert' | 'delete';

export interface WordChange {
  type: WordChangeType;
  text: string;
}

export function wordDiff(before: string, after: string): WordChange[] {
  const out: WordChange[] = [];
  for (const change of diffWordsWithSpace(before, after)) {
    const type: WordChangeType = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    if (change.value === '') continue;
    const last = out[out.length - 1];
    if (last?.type === type) last.text += change.value;
    else out.push({ type, text: change.value });
  }
  return out;
}

/** True when the diff holds any change at all. */
export function hasChanges(diff: readonly WordChange[]): boolean {
  return diff.some((c) => c.type !== 'equal');
}
