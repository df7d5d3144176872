/**
 * TBX terminology, read as a stream (saxes, interchange/xmlStream.ts) and written as TBX-Basic
 * (TBX v3, ISO 30042:2019). Both structures found in the wild are read:
 * - TBX v3 / TBX-Basic: `conceptEntry > langSec[xml:lang] > termSec > term`;
 * - the older TBX 2 (martif): `termEntry > langSet[xml:lang] > (tig | ntig/termGrp) > term`.
 * A concept gives every (source term, target term) pair of the two languages asked for; its
 * note is the concept's first `descrip type="definition"` or `note` (or, failing those, the
 * source language's). Language tags are mapped to primary codes (`en-US` → `en`).
 */
import { ImportError } from '../../../shared/src/errors';
import { escapeXml } from '../translation/xliff';
import { parseXmlStream } from '../interchange/xmlStream';
import { primaryLanguage } from '../interchange/languageTag';
import type { GlossaryEntry } from '../../../shared/src/translation/glossaryEntry';

export interface TermPair {
  line: number;
  source: string;
  target: string;
  note: string;
}

const CONCEPT = new Set(['conceptEntry', 'termEntry']);
const LANGUAGE = new Set(['langSec', 'langSet']);
const NOTES = new Set(['note', 'descrip']);

interface Concept {
  line: number;
  terms: Map<string, string[]>;
  note: string;
  langNote: string;
}

export async function readTbx(input: AsyncIterable<Buffer | string>, from: string, to: string, onPair: (pair: TermPair) => void): Promise<void> {
  let root = true;
  let concept: Concept | null = null;
  let lang: string | null = null;
  let reading: 'term' | 'note' | null = null;
  let text = '';
  await parseXmlStream(input, {
    open(tag, line) {
      if (root) {
        root = false;
        if (tag.name !== 'tbx' && tag.name !== 'martif') throw new ImportError(`not a TBX file: the root element is <${tag.name}>`, line);
        return;
      }
      if (CONCEPT.has(tag.name)) concept = { line, terms: new Map(), note: '', langNote: '' };
      else if (concept && LANGUAGE.has(tag.name)) lang = primaryLanguage(String(tag.attributes['xml:lang'] ?? tag.attributes.lang ?? ''));
      else if (concept && tag.name === 'term') {
        reading = 'term';
        text = '';
      } else if (concept && NOTES.has(tag.name) && !reading) {
        const type = String(tag.attributes.type ?? '');
        if (tag.name === 'note' || type === 'definition' || type === 'context') {
          reading = 'note';
          text = '';
        }
      }
    },
    text(chunk) {
      if (reading) text += chunk;
    },
    close(name) {
      const c = concept as Concept | null;
      if (!c) return;
      const value = text.replace(/\s+/g, ' ').trim();
      if (name === 'term' && reading === 'term') {
        if (lang && value) c.terms.set(lang, [...(c.terms.get(lang) ?? []), value]);
        reading = null;
      } else if (reading === 'note' && NOTES.has(name)) {
        if (!lang) c.note ||= value;
        else if (lang === from) c.langNote ||= value;
        reading = null;
      } else if (LANGUAGE.has(name)) lang = null;
      else if (CONCEPT.has(name)) {
        for (const source of c.terms.get(from) ?? []) {
          for (const target of c.terms.get(to) ?? []) onPair({ line: c.line, source, target, note: c.note || c.langNote });
        }
        concept = null;
      }
    },
  });
}

export function writeTbx(entries: readonly GlossaryEntry[], from: string, to: string): string {
  const concepts = entries.map((e, i) => {
    const note = e.note ? `\n    <note>${escapeXml(e.note)}</note>` : '';
    return (
      `  <conceptEntry id="c${i + 1}">${note}\n` +
      `    <langSec xml:lang="${escapeXml(from)}"><termSec><term>${escapeXml(e.source)}</term></termSec></langSec>\n` +
      `    <langSec xml:lang="${escapeXml(to)}"><termSec><term>${escapeXml(e.target)}</term></termSec></langSec>\n` +
      '  </conceptEntry>\n'
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<tbx style="dca" type="TBX-Basic" xml:lang="${escapeXml(from)}" xmlns="urn:iso:std:iso:30042:ed-2">\n` +
    `<tbxHeader><fileDesc><sourceDesc><p>Plenary glossary ${escapeXml(from)} to ${escapeXml(to)}</p></sourceDesc></fileDesc></tbxHeader>\n` +
    `<text><body>\n${concepts.join('')}</body></text>\n</tbx>\n`
  );
}
