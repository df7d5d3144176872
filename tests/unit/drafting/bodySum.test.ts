/**
 * The header's incremental sums over the body (client/src/drafting/useBodyWords.ts BodySum:
 * words, bracketed passages) equal the full counts over readBody after seeded random Yjs edits:
 * typing, formatting, attribute changes, blocks inserted and deleted, lists edited, and edits
 * arriving from another client.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BodySum } from '../../../client/src/drafting/useBodyWords';
import { BODY_FRAGMENT, blocksToYNodes, readBody, writeBody } from '../../../shared/src/model/yBody';
import { blockWords, bodyWordCount } from '../../../shared/src/model/wordCount';
import { bracketedInBlock, countBracketed } from '../../../shared/src/format/brackets';
import type { PMBlock } from '../../../shared/src/model/schema';
import { mulberry32 } from '../../helpers/mulberry32';

const prng = mulberry32;

const WORDS = ['the ', 'working ', 'group ', '[not agreed] ', 'recommended ', '[', '] ', '会议 ', '  '];

function randomBlock(next: () => number): PMBlock {
  const text = Array.from({ length: 1 + Math.floor(next() * 5) }, () => WORDS[Math.floor(next() * WORDS.length)]).join('');
  const roll = next();
  if (roll < 0.6) return { type: 'paragraph', attrs: { pid: `p${Math.floor(next() * 1e6)}`, numbered: true }, content: [{ type: 'text', text }] } as PMBlock;
  if (roll < 0.75) return { type: 'heading', attrs: { pid: `h${Math.floor(next() * 1e6)}`, level: 1 }, content: [{ type: 'text', text }] } as PMBlock;
  if (roll < 0.85) return { type: 'footnote', attrs: { pid: `f${Math.floor(next() * 1e6)}`, marker: '' }, content: [{ type: 'text', text }] } as PMBlock;
  return {
    type: 'bulletList',
    content: [{ type: 'listItem', content: [{ type: 'paragraph', attrs: { pid: `l${Math.floor(next() * 1e6)}`, numbered: false }, content: [{ type: 'text', text }] }] }],
  } as PMBlock;
}

/** The first Y.XmlText inside `el`, depth first. */
function firstText(el: Y.XmlElement): Y.XmlText | null {
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) return child;
    if (child instanceof Y.XmlElement) {
      const found = firstText(child);
      if (found) return found;
    }
  }
  return null;
}

function randomEdit(fragment: Y.XmlFragment, next: () => number): void {
  const index = Math.floor(next() * fragment.length);
  const child = fragment.get(index) as Y.XmlElement;
  const text = child ? firstText(child) : null;
  const roll = next();
  if (!child || roll < 0.15) fragment.insert(Math.floor(next() * (fragment.length + 1)), blocksToYNodes([randomBlock(next)]));
  else if (roll < 0.25 && fragment.length > 1) fragment.delete(index, 1);
  else if (roll < 0.35) child.setAttribute('numbered', next() < 0.5 ? 'true' : 'false');
  else if (text && roll < 0.45 && text.length > 0) text.format(0, Math.min(3, text.length), { bold: {} });
  else if (text && roll < 0.6 && text.length > 0) text.delete(Math.floor(next() * text.length), 1);
  else if (text) text.insert(Math.floor(next() * (text.length + 1)), WORDS[Math.floor(next() * WORDS.length)]);
}

describe('BodySum', () => {
  for (const seed of [1, 2, 3, 4, 5, 11, 2024]) {
    it(`equals the full counts over 200 random edits, local and remote (seed ${seed})`, () => {
      const next = prng(seed);
      const doc = new Y.Doc();
      const remote = new Y.Doc();
      doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(remote, u, 'local'));
      remote.on('update', (u: Uint8Array, origin: unknown) => origin !== 'local' && Y.applyUpdate(doc, u, 'remote'));
      const fragment = doc.getXmlFragment(BODY_FRAGMENT);
      doc.transact(() => writeBody(fragment, { type: 'doc', content: Array.from({ length: 8 }, () => randomBlock(next)) }));
      const words = new BodySum(fragment, blockWords);
      const brackets = new BodySum(fragment, bracketedInBlock);
      fragment.observeDeep((events) => {
        words.changed(events);
        brackets.changed(events);
      });
      for (let step = 0; step < 200; step++) {
        // Several edits in one transaction now and then, and some from the other client.
        const target = next() < 0.3 ? remote.getXmlFragment(BODY_FRAGMENT) : fragment;
        target.doc!.transact(() => {
          for (let k = next() < 0.2 ? 3 : 1; k > 0; k--) randomEdit(target, next);
        });
        if (next() < 0.5) {
          const body = readBody(fragment);
          expect(words.sum(), `words, step ${step}`).toBe(bodyWordCount(body));
          expect(brackets.sum(), `brackets, step ${step}`).toBe(countBracketed(body));
        }
      }
    });
  }
});
