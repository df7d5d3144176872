/**
 * Restores a body as a new change, touching only what differs: blocks are matched by pid
 * (diff of the pid sequences), unchanged blocks are left alone so that concurrent and offline
 * edits elsewhere still merge; changed blocks are replaced; missing ones inserted; extra ones
 * deleted. History is never rewritten.
 */
import type * as Y from 'yjs';
import { diffArrays } from 'diff';
import type { PMBlock, PMDoc } from '../../../shared/src/model/schema';
import { blocksToYNodes, readBody, writeBody } from '../../../shared/src/model/yBody';

const pidOf = (block: PMBlock): string => ('attrs' in block && block.attrs && 'pid' in block.attrs ? String(block.attrs.pid) : '');
const keyOf = (block: PMBlock, i: number) => pidOf(block) || `#${i}:${block.type}`;

/** Applies `target` to `fragment`; call inside a transaction. Returns the number of blocks touched. */
export function restoreBody(fragment: Y.XmlFragment, target: PMDoc): number {
  const current = readBody(fragment).content;
  const currentKeys = current.map(keyOf);
  const targetKeys = target.content.map(keyOf);
  if (new Set(currentKeys).size !== currentKeys.length || new Set(targetKeys).size !== targetKeys.length) {
    writeBody(fragment, target); // duplicate pids: no reliable matching, replace everything
    return target.content.length;
  }
  let touched = 0;
  let index = 0; // position in the fragment as it is being edited
  let ci = 0; // position in `current`
  let ti = 0; // position in `target`
  for (const part of diffArrays(currentKeys, targetKeys)) {
    const n = part.value.length;
    if (part.removed) {
      fragment.delete(index, n);
      ci += n;
      touched += n;
    } else if (part.added) {
      fragment.insert(index, blocksToYNodes(target.content.slice(ti, ti + n)));
      index += n;
      ti += n;
      touched += n;
    } else {
      for (let k = 0; k < n; k++, index++, ci++, ti++) {
        if (JSON.stringify(current[ci]) === JSON.stringify(target.content[ti])) continue;
        fragment.delete(index, 1);
        fragment.insert(index, blocksToYNodes([target.content[ti]]));
        touched++;
      }
    }
  }
  return touched;
}
