/**
 * Glossaries as CSV (csv-parse, csv-stringify): a header naming the columns `source`,
 * `target` and optionally `note` (the language codes of the pair are accepted for the first
 * two: `en,fr,note`), one term pair per record. Read as a stream; a malformed file is an
 * ImportError at the line csv-parse stopped on.
 */
import { parse, CsvError } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { ImportError } from '../../../shared/src/errors';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';
import type { TermPair } from './tbx';

export async function readGlossaryCsv(input: AsyncIterable<Buffer | string>, from: string, to: string, onPair: (pair: TermPair) => void): Promise<void> {
  const rename = (h: string) => {
    const name = h.trim().toLowerCase();
    return name === from ? 'source' : name === to ? 'target' : name;
  };
  const parser = parse({ bom: true, columns: (header: string[]) => header.map(rename), skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  Readable.from(input).on('error', (err) => parser.destroy(err)).pipe(parser);
  let checked = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number } }>) {
      if (!checked) {
        checked = true;
        if (!('source' in record) || !('target' in record)) throw new ImportError(`the header must name the columns source,target[,note] (or ${from},${to}[,note])`, 1);
      }
      onPair({ line: info.lines, source: record.source ?? '', target: record.target ?? '', note: record.note ?? '' });
    }
  } catch (err) {
    if (err instanceof CsvError) throw new ImportError(err.message.replace(/^Invalid Record Length: /, ''), Number(err.lines ?? 1));
    throw err;
  }
}

export function writeGlossaryCsv(entries: readonly GlossaryEntry[]): string {
  return stringify([['source', 'target', 'note'], ...entries.map((e) => [e.source, e.target, e.note])]);
}
