/**
 * A TMX file into the workspace memory: every unit's source variant paired with each of its
 * other variants (all ordered pairs when `srclang="*all*"`), the source kept as plain text
 * (what rows are matched on), the target as inline markup. Imported entries live under
 * IMPORTED_TM with their origin (the file name given, else the unit's `x-origin` prop, else its
 * `creationid`), visible to every signed-in user, keyed by the pair's languages and a hash of
 * source and target, so importing the same unit twice stores it once.
 *
 * The whole file is read before anything is written, and the entries go in with one upsert
 * (one transaction): malformed or truncated XML writes nothing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { normalizeText } from '../../../../shared/src/hash';
import { IMPORTED_TM } from '../../../../shared/src/translation/tmMatch';
import { inlineText, inlineToMarkup } from '../../../../shared/src/translation/segmentMarkup';
import type { TmEntry, TranslationMemory } from '../types';
import { readTmx, type TmxProblem, type TmxUnit } from './read';

export interface AssetImportResult {
  imported: number;
  skipped: number;
  errors: TmxProblem[];
}

/** At most this many problems are listed; the rest are counted in `skipped`. */
export const MAX_LISTED_ERRORS = 100;

export interface TmxImportOptions {
  fileName: string | null;
  userName: string;
  now?: number;
}

const pairKey = (source: string, target: string) => bytesToHex(sha256(utf8ToBytes(`${source}\u0000${target}`))).slice(0, 24);

export function unitEntries(unit: TmxUnit, options: TmxImportOptions, problem: (p: TmxProblem) => void): TmEntry[] {
  if (!unit.srclang) {
    problem({ line: unit.line, message: 'no srclang on the unit nor on the header' });
    return [];
  }
  const sources = unit.srclang === '*all*' ? unit.variants : unit.variants.filter((v) => v.lang === unit.srclang);
  if (sources.length === 0) {
    problem({ line: unit.line, message: `no <tuv> in the source language "${unit.srclang}"` });
    return [];
  }
  const now = options.now ?? Date.now();
  const out: TmEntry[] = [];
  for (const s of sources) {
    const source = normalizeText(inlineText(s.content));
    for (const t of unit.variants) {
      if (t.lang === s.lang) continue;
      const target = inlineToMarkup(t.content);
      if (!source || !normalizeText(target)) continue;
      const createdAt = t.creationDate ?? unit.creationDate ?? now;
      out.push({
        reportId: IMPORTED_TM,
        pid: `${s.lang}:${pairKey(source, target)}`,
        sourceLang: s.lang,
        targetLang: t.lang,
        source,
        target,
        createdAt,
        updatedAt: t.changeDate ?? unit.changeDate ?? createdAt,
        origin: options.fileName ?? unit.origin ?? t.creationId ?? unit.creationId ?? 'TMX',
        createdBy: options.userName,
      });
    }
  }
  if (out.length === 0) problem({ line: unit.line, message: 'the unit has no pair of non-empty segments in two languages' });
  return out;
}

export async function importTmx(tm: TranslationMemory, input: AsyncIterable<Buffer | string>, options: TmxImportOptions): Promise<AssetImportResult> {
  const errors: TmxProblem[] = [];
  let problems = 0;
  const problem = (p: TmxProblem) => {
    problems++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(p);
  };
  const entries: TmEntry[] = [];
  await readTmx(input, (unit) => {
    for (const e of unitEntries(unit, options, problem)) entries.push(e);
  }, problem);
  const imported = await tm.upsert(entries);
  return { imported, skipped: entries.length - imported + problems, errors };
}
