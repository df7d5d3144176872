/**
 * A TMX file into the workspace memory: every unit's source variant paired with each of its
 * other variants (all ordered pairs when `srclang="*all*"`), the source kept as plain text
 * (what rows are matched on), the target as inline markup. Imported entries live under
 * IMPORTED_TM with their origin (the file name given, else the unit's `x-origin` prop, else its
 * `creationid`), visible to every signed-in user, keyed by the pair's languages and a hash of
 * source and target, so importing the same unit twice stores it once.
 *
 * The body is spooled to a temporary file and read twice: once to check it is well-formed
 * TMX (malformed or truncated XML writes nothing), then to write its entries in batches of
 * BATCH, each one transaction, so memory stays flat whatever the file's size and the
 * database's single writer (SQLite) is never held for long: edits of the rooms go on during
 * a 100,000-unit import. A database failure between batches leaves the first ones written;
 * importing the file again completes it (entries are keyed by their content).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
/** Entries per write (one transaction each). */
export const BATCH = 5000;

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
  const dir = await mkdtemp(join(tmpdir(), 'plenary-tmx-'));
  try {
    const file = join(dir, 'import.tmx');
    await pipeline(Readable.from(input), createWriteStream(file));
    // Pass 1: well-formed TMX, or an ImportError before anything is written.
    await readTmx(createReadStream(file), () => {}, () => {});
    // Pass 2: the entries, written a batch at a time.
    const errors: TmxProblem[] = [];
    let problems = 0;
    const problem = (p: TmxProblem) => {
      problems++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(p);
    };
    let batch: TmEntry[] = [];
    let entries = 0;
    let imported = 0;
    const flush = async (atLeast: number) => {
      if (batch.length === 0 || batch.length < atLeast) return;
      const writing = batch;
      batch = [];
      imported += await tm.upsert(writing);
    };
    await readTmx(
      createReadStream(file),
      (unit) => {
        for (const e of unitEntries(unit, options, problem)) {
          batch.push(e);
          entries++;
        }
      },
      problem,
      () => flush(BATCH),
    );
    await flush(0);
    return { imported, skipped: entries - imported + problems, errors };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
