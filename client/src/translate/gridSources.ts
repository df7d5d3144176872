/**
 * What the translation grid reads from the rooms (gridStore.ts): the source rows of the
 * original's body with the labels the gutter shows, and the orphans — translations whose pid
 * left the source.
 */
import * as Y from 'yjs';
import { listBlocks } from '../../../shared/src/model/blocks';
import type { BlockInfo, PMTextBlock } from '../../../shared/src/model/schema';
import { readBlock, readBody } from '../../../shared/src/model/yBody';
import { fragmentText, isSegmentStatus, type SegmentStatus } from '../../../shared/src/model/translation';
import { textBlocks } from '../../../shared/src/translation/align';
import { paragraphLabels } from '../../../shared/src/references/paragraphRefs';
import { readSettings, SETTINGS_MAP } from '../../../shared/src/model/settings';
import { subparagraphLabels } from '../../../shared/src/numbering/subparagraphs';
import type { Orphan } from './gridTypes';

export function asTextBlock(block: ReturnType<typeof readBlock>): PMTextBlock | null {
  return block && (block.type === 'paragraph' || block.type === 'heading' || block.type === 'footnote') ? block : null;
}

export interface GridSources {
  sources: { info: BlockInfo; block: PMTextBlock }[];
  /** Per pid, the block and its JSON: an unchanged block keeps its object (memoised rows). */
  sourceJson: Map<string, { json: string; block: PMTextBlock }>;
  labels: Map<string, string>;
  /** Footnote pid → marker. */
  footnotes: Map<string, string>;
}

/** Reads the source rows; blocks whose JSON is unchanged since `previous` keep their object. */
export function readGridSources(
  body: Y.XmlFragment,
  originalDoc: Y.Doc,
  sourceLang: string,
  targetLang: string,
  previous: ReadonlyMap<string, { json: string; block: PMTextBlock }>,
): GridSources {
  const doc = readBody(body);
  // Subparagraphs are rows of their own, labelled "(a)" in the gutter (docs/un-drafting.md);
  // while numbering is frozen the gutter shows "12 bis".
  const settings = readSettings(originalDoc.getMap<unknown>(SETTINGS_MAP));
  const frozen = settings.frozen ? { numbers: settings.frozenNumbers, lang: targetLang } : null;
  const shown = new Map([...subparagraphLabels(doc, sourceLang), ...(frozen ? paragraphLabels(doc, frozen) : [])]);
  const infos = listBlocks(doc).map((info) => (shown.has(info.pid) ? { ...info, displayLabel: shown.get(info.pid) } : info));
  const blocks = textBlocks(doc);
  const sourceJson = new Map<string, { json: string; block: PMTextBlock }>();
  const footnotes = new Map<string, string>();
  const sources = infos.map((info, i) => {
    const fresh = blocks[i];
    const json = JSON.stringify(fresh);
    const known = previous.get(info.pid);
    const entry = known && known.json === json ? known : { json, block: fresh };
    sourceJson.set(info.pid, entry);
    if (info.type === 'footnote') footnotes.set(info.pid, info.marker ?? '');
    return { info, block: entry.block };
  });
  return { sources, sourceJson, labels: paragraphLabels(doc, frozen), footnotes };
}

/** Translations or statuses whose pid is no row (empty, status-less ones are not worth showing). */
export function findOrphans(segments: Y.Map<Y.XmlFragment>, statuses: Y.Map<SegmentStatus>, rows: ReadonlyMap<string, unknown>): Orphan[] {
  const orphans: Orphan[] = [];
  const seen = new Set<string>();
  for (const pid of [...segments.keys(), ...statuses.keys()]) {
    if (seen.has(pid) || rows.has(pid)) continue;
    seen.add(pid);
    const fragment = segments.get(pid);
    const raw = statuses.get(pid);
    const segment = fragment instanceof Y.XmlFragment ? asTextBlock(readBlock(fragment)) : null;
    const text = fragment instanceof Y.XmlFragment ? fragmentText(fragment) : '';
    if (!text.trim() && !isSegmentStatus(raw)) continue;
    orphans.push({ pid, segment, text, status: isSegmentStatus(raw) ? raw : null });
  }
  return orphans;
}
