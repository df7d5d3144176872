/**
 * XLIFF 1.2 and 2.0 for work done in other CAT tools. One unit per source block, its id the
 * block's pid (masthead fields as `meta.<field>`), source and target as the plain-text
 * format's inline markup ("1^{er}", "**bold**"), the paragraph number or footnote marker as a
 * note, and the row's state where each version keeps it.
 *
 * Reading uses the `xliff` package (xml-js/sax underneath). Writing is done here: that package
 * puts extra attributes on <trans-unit>/<unit> only, while the standards keep the state on
 * <target state> (1.2) and <segment state> (2.0). Every text and attribute value goes through
 * `escapeXml`; XML-illegal control characters are dropped.
 *
 * States: untranslated → no target; draft → 1.2 "new", 2.0
 * "initial"; translated → "translated"; reviewed → 1.2 "signed-off" (approved="yes"), 2.0
 * "reviewed"; a stale row is 1.2 "needs-review-translation", 2.0 "translated" with
 * subState "plenary:source-changed".
 */
import xliff12ToJs from 'xliff/xliff12ToJs';
import xliff2js from 'xliff/xliff2js';
import type { XliffJs, XliffJsUnit } from 'xliff/types';
import { SaxesParser } from 'saxes';
import { ImportError } from '../../../shared/src/errors';
import type { RowState } from '../../../shared/src/model/translation';

export type XliffVersion = '1.2' | '2.0';

export interface XliffUnit {
  id: string;
  source: string;
  target?: string;
  state?: RowState;
  stale?: boolean;
  note?: string;
}

export interface XliffDocument {
  /** The report id (1.2 `original`, 2.0 `file id`). */
  fileId: string;
  sourceLanguage: string;
  targetLanguage: string;
  units: XliffUnit[];
}

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (values: Record<string, string | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join('');

function state12(unit: XliffUnit): string | undefined {
  if (unit.stale) return 'needs-review-translation';
  switch (unit.state) {
    case undefined:
    case 'untranslated':
      return undefined;
    case 'draft':
      return 'new';
    case 'translated':
      return 'translated';
    case 'reviewed':
      return 'signed-off';
  }
}

function state20(unit: XliffUnit): string {
  switch (unit.state) {
    case undefined:
    case 'untranslated':
    case 'draft':
      return 'initial';
    case 'translated':
      return 'translated';
    case 'reviewed':
      return 'reviewed';
  }
}

function write12(doc: XliffDocument): string {
  const units = doc.units.map((u) => {
    const target = u.target !== undefined && u.state !== 'untranslated' ? `\n        <target${attrs({ state: state12(u) })}>${escapeXml(u.target)}</target>` : '';
    const note = u.note ? `\n        <note>${escapeXml(u.note)}</note>` : '';
    return `      <trans-unit${attrs({ id: u.id, approved: u.state === 'reviewed' ? 'yes' : undefined })} xml:space="preserve">
        <source>${escapeXml(u.source)}</source>${target}${note}
      </trans-unit>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file${attrs({ original: doc.fileId, 'source-language': doc.sourceLanguage, 'target-language': doc.targetLanguage, datatype: 'plaintext' })}>
    <body>
${units.join('\n')}
    </body>
  </file>
</xliff>
`;
}

function write20(doc: XliffDocument): string {
  const units = doc.units.map((u) => {
    const notes = u.note ? `\n      <notes><note>${escapeXml(u.note)}</note></notes>` : '';
    const target = u.target !== undefined && u.state !== 'untranslated' ? `\n        <target>${escapeXml(u.target)}</target>` : '';
    const segment = attrs({ state: state20(u), subState: u.stale ? 'plenary:source-changed' : undefined });
    return `    <unit${attrs({ id: u.id })} xml:space="preserve">${notes}
      <segment${segment}>
        <source>${escapeXml(u.source)}</source>${target}
      </segment>
    </unit>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"${attrs({ srcLang: doc.sourceLanguage, trgLang: doc.targetLanguage })}>
  <file${attrs({ id: doc.fileId })}>
${units.join('\n')}
  </file>
</xliff>
`;
}

export function writeXliff(doc: XliffDocument, version: XliffVersion = '1.2'): string {
  return version === '2.0' ? write20(doc) : write12(doc);
}

/** Does this body look like XLIFF? (An `<xliff` root near the start.) */
export function looksLikeXliff(text: string): boolean {
  return /<xliff[\s>]/.test(text.slice(0, 4096));
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : value === undefined ? undefined : String(value));

function flattenUnits(units: Record<string, XliffJsUnit>, out: XliffUnit[]): void {
  for (const [id, unit] of Object.entries(units)) {
    if (unit.groupUnits) {
      flattenUnits(unit.groupUnits, out);
      continue;
    }
    out.push({ id, source: asText(unit.source) ?? '', target: asText(unit.target), note: asText(unit.note) });
  }
}

/** 1-based line of a sax error ("…\nLine: 3\nColumn: 49…" counts lines from 0). */
function saxLine(message: string): number | null {
  const m = /\nLine: (\d+)/.exec(message);
  return m ? Number(m[1]) + 1 : null;
}

/**
 * Checks, with a real XML parser, that the text is well-formed XLIFF of its version before
 * the `xliff` package reads it (which otherwise fails on a missing <file> with "Cannot read
 * properties of undefined (reading 'source-language')"). Throws an ImportError at the line.
 */
function checkXliffShape(text: string, version: string): void {
  const parser = new SaxesParser({ xmlns: false });
  let depth = 0;
  let files = 0;
  let problem: { message: string; line: number } | null = null;
  const fail = (message: string) => (problem ??= { message, line: parser.line });
  parser.on('opentag', (tag) => {
    const attr = (name: string) => (typeof tag.attributes[name] === 'string' ? (tag.attributes[name] as string) : undefined);
    if (depth === 0 && tag.name !== 'xliff') fail(`the root element is <${tag.name}>, not <xliff>`);
    if (depth === 0 && version.startsWith('2') && !attr('srcLang')) fail('the <xliff> element has no srcLang (source language)');
    if (tag.name === 'file') {
      files++;
      if (!version.startsWith('2') && !attr('source-language')) fail('a <file> element has no source-language');
    }
    depth++;
  });
  parser.on('closetag', () => depth--);
  try {
    parser.write(text).close();
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^[^:]*:\d+:\d+: /, '') : String(err);
    throw new ImportError(`malformed XLIFF (the XML is broken): ${message}`, parser.line);
  }
  if (!problem && files === 0) problem = { message: 'there is no <file> element, so no translation units', line: 1 };
  if (problem) throw new ImportError(`this XLIFF ${version} file is incomplete: ${problem.message}`, problem.line);
}

/** Reads XLIFF 1.2 or 2.0 (by the root's `version`); malformed XML is an ImportError with its line. */
export async function readXliff(text: string): Promise<XliffDocument> {
  const root = /<xliff\b[^>]*>/.exec(text);
  if (!root) throw new ImportError('no <xliff> element', 1);
  const version = /\sversion\s*=\s*["']([^"']+)["']/.exec(root[0])?.[1] ?? '1.2';
  checkXliffShape(text, version);
  let js: XliffJs;
  try {
    js = version.startsWith('2') ? await xliff2js(text, { inlineAsString: true }) : await xliff12ToJs(text, { inlineAsString: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = saxLine(message);
    if (line !== null) throw new ImportError(`malformed XLIFF: ${message.split('\n')[0]}`, line);
    // Not the library's internals: say what is wrong with the file.
    throw new ImportError(`this file could not be read as XLIFF ${version}; export XLIFF from Plenary or your CAT tool again`, 1);
  }
  const units: XliffUnit[] = [];
  const files = Object.entries(js.resources ?? {});
  for (const [, resource] of files) flattenUnits(resource, units);
  return {
    fileId: files[0]?.[0] ?? '',
    sourceLanguage: js.sourceLanguage ?? '',
    targetLanguage: js.targetLanguage ?? '',
    units,
  };
}

/** 1-based line where the unit with this id starts in the XLIFF text, or null. */
export function unitLine(text: string, id: string): number | null {
  const at = text.search(new RegExp(`<(?:trans-unit|unit)\\b[^>]*\\sid\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`));
  return at < 0 ? null : text.slice(0, at).split('\n').length;
}
