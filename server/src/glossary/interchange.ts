/**
 * Glossary files in and out: TBX (either structure, tbx.ts) or CSV (csv.ts) into one language
 * pair's glossary, and the pair's glossary out as either. A file is CSV when the request says
 * so (`format=csv`, a `text/csv` body or a `.csv` name) or does not start with `<`. Every
 * pair is checked as the glossary API checks a typed one (non-empty, at most 200 characters);
 * bad pairs are listed with their line, duplicates (in the file or already there) skipped,
 * and the rest added in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { GlossaryStore } from './types';
import { termKey } from './types';
import { readTbx, type TermPair } from './tbx';
import { readGlossaryCsv } from './csv';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import { MAX_LISTED_ERRORS, type AssetImportResult } from '../tm/tmx/import';

export const MAX_TERM = 200;
const MAX_NOTE = 1000;

async function* peeked(first: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** Reads the first chunk to tell XML from CSV, then hands on the whole stream. */
async function sniff(input: AsyncIterable<Buffer>): Promise<{ xml: boolean; stream: AsyncIterable<Buffer> }> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return { xml: false, stream: (async function* () {})() };
  const head = first.value.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return { xml: head.startsWith('<'), stream: peeked(first.value, it) };
}

export interface GlossaryImportOptions {
  from: string;
  to: string;
  userId: string;
  csv: boolean;
}

export async function importGlossary(store: GlossaryStore, input: AsyncIterable<Buffer>, options: GlossaryImportOptions): Promise<AssetImportResult> {
  const { from, to } = options;
  const sniffed = await sniff(input);
  const errors: { line: number; message: string }[] = [];
  let problems = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const entries: GlossaryEntry[] = [];
  const now = Date.now();
  const onPair = (p: TermPair) => {
    const problem = !p.source || !p.target ? 'a term pair needs a source and a target'
      : p.source.length > MAX_TERM || p.target.length > MAX_TERM ? `terms are at most ${MAX_TERM} characters`
      : null;
    if (problem) {
      problems++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push({ line: p.line, message: problem });
      return;
    }
    const key = `${termKey(p.source)}\u0000${termKey(p.target)}`;
    if (seen.has(key)) return void duplicates++;
    seen.add(key);
    entries.push({ id: randomUUID(), from, to, source: p.source, target: p.target, note: p.note.slice(0, MAX_NOTE), createdBy: options.userId, createdAt: now });
  };
  if (sniffed.xml && !options.csv) await readTbx(sniffed.stream, from, to, onPair);
  else await readGlossaryCsv(sniffed.stream, from, to, onPair);
  const imported = await store.addMany(entries);
  return { imported, skipped: duplicates + (entries.length - imported) + problems, errors };
}
