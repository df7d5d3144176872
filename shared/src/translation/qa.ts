/**
 * Quality checks on one translated row: what the source carries that a translation must keep
 * (numbers, dates, document symbols, footnote markers, agreed glossary terms), and rows left
 * empty or untouched. Pure functions, run in the grid as the translator types and on the
 * server for summaries.
 *
 * Invariants:
 * - a check only reports what the source has and the target lacks, never the reverse: a
 *   translation may add words, never drop a figure;
 * - numbers are compared by value, read with each language's separators (en "1,000.5",
 *   fr "1 000,5" are the same number), so correct localisation is never flagged;
 * - an empty row reports `empty` alone: the other checks would only repeat it.
 */
import { normalizeText } from '../hash';
import type { PMInline } from '../model/schema';
import { findResolutionNumbers, findSymbols } from '../symbols/recognize';
import { referenceIssues } from './referenceQa';

export const QA_CODES = [
  'empty', 'identical', 'missing_number', 'missing_date', 'missing_symbol', 'missing_footnote', 'missing_term',
  'reference_mismatch', 'reference_deleted',
] as const;
export type QaCode = (typeof QA_CODES)[number];

export interface QaIssue {
  code: QaCode;
  /** A sentence for the translator. */
  message: string;
  /** The items at fault, as written in the source ("5/3, CTOC/COP/2012/1"). */
  detail: string;
}

export interface QaRow {
  source: string;
  target: string;
  sourceLang: string;
  targetLang: string;
  /** Footnote references (`footnoteRef` nodes) in the source block and in the translation. */
  sourceFootnoteRefs?: number;
  targetFootnoteRefs?: number;
  /** Targets (pids) of the paragraph references in the source block and in the translation. */
  sourceParagraphRefs?: readonly string[];
  targetParagraphRefs?: readonly string[];
  /** pid → number of every paragraph that exists now; a reference elsewhere points at a deleted one. */
  paragraphLabels?: ReadonlyMap<string, string>;
}

export interface GlossaryTerm {
  source: string;
  target: string;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Languages that write a decimal comma and group thousands with spaces (or points). */
const DECIMAL_COMMA: ReadonlySet<string> = new Set(['fr', 'es', 'ru', 'de', 'it', 'pt', 'nl', 'pl', 'sv', 'uk', 'cs', 'tr', 'id', 'vi']);
const SPACES = ' \u00A0\u202F\u2009';

/** Arabic-Indic, Persian and full-width digits read as ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

function numberPattern(lang: string): RegExp {
  const commaDecimal = DECIMAL_COMMA.has(lang);
  const group = commaDecimal ? `[${SPACES}.]` : `[,${SPACES}]`;
  const decimal = commaDecimal ? ',' : '\\.';
  // Integer part: 1–3 digits then groups of exactly three, or a plain run of digits.
  return new RegExp(`(?<!\\d)(\\d{1,3}(?:${group}\\d{3}(?!\\d))+|\\d+)(?:${decimal}(\\d+))?(?!\\d)`, 'gu');
}

/** Numbers in `text` as written in `lang`, with their value (no group separators, decimal `.`). */
export function extractNumbers(text: string, lang: string): { value: string; raw: string }[] {
  return [...asciiDigits(text).matchAll(numberPattern(lang))].map((m) => {
    const int = m[1].replace(/\D/g, '').replace(/^0+(?=\d)/, '');
    const frac = (m[2] ?? '').replace(/0+$/, '');
    return { value: frac ? `${int}.${frac}` : int, raw: m[0] };
  });
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function missingNumbers(row: QaRow): string[] {
  const source = extractNumbers(row.source, row.sourceLang);
  const target = countBy(extractNumbers(row.target, row.targetLang), (n) => n.value);
  const missing: string[] = [];
  for (const n of source) {
    const left = target.get(n.value) ?? 0;
    if (left > 0) target.set(n.value, left - 1);
    else missing.push(n.raw);
  }
  return missing;
}

// ---------------------------------------------------------------------------------------------
// Dates

interface FoundDate {
  raw: string;
  day?: string;
  month: number;
  year?: string;
}

const monthFormsCache = new Map<string, string[][]>();

/** For each month (0–11), the ways `lang` writes its name, lower case (standalone, in a date, short). */
function monthForms(lang: string): string[][] {
  let forms = monthFormsCache.get(lang);
  if (forms) return forms;
  forms = [];
  try {
    const long = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' });
    const inDate = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(2000, m, 15));
      const parts = inDate.formatToParts(date);
      const at = parts.findIndex((p) => p.type === 'month');
      let formatted = parts[at]?.value ?? '';
      // Chinese and Japanese write "7月": the number and the literal after it.
      if (/^\d+$/.test(formatted)) formatted += (parts[at + 1]?.value ?? '').trim();
      const set = new Set([long.format(date), formatted, short.format(date).replace(/\.$/, '')].map((s) => s.toLowerCase()).filter((s) => s.length > 1));
      forms.push([...set]);
    }
  } catch {
    forms = [];
  }
  monthFormsCache.set(lang, forms);
  return forms;
}

/** Month names in these languages are what Intl prints; elsewhere (Arabic) only digits are checked. */
const MONTH_NAMES_CHECKED: ReadonlySet<string> = new Set(['en', 'fr', 'es', 'ru', 'zh', 'de', 'it', 'pt', 'ja']);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Month names → month index and the date pattern for a language, built once per language. */
const monthMatchers = new Map<string, { byName: Map<string, number>; re: RegExp } | null>();
function monthMatcher(lang: string): { byName: Map<string, number>; re: RegExp } | null {
  let matcher = monthMatchers.get(lang);
  if (matcher !== undefined) return matcher;
  const forms = monthForms(lang);
  matcher = null;
  if (forms.length === 12) {
    const byName = new Map<string, number>();
    forms.forEach((names, m) => names.forEach((n) => /\p{L}/u.test(n) && byName.set(n, m)));
    const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    const re = new RegExp(
      `(?<![\\p{L}\\d])(?:(\\d{1,2})(?:er)?\\s*(?:de\\s+)?(${names})(?:\\s+(?:de\\s+)?(\\d{4}))?|(${names})\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?|(${names})\\s+(\\d{4}))(?![\\p{L}\\d])`,
      'giu',
    );
    matcher = { byName, re };
  }
  monthMatchers.set(lang, matcher);
  return matcher;
}

export function extractDates(text: string, lang: string): FoundDate[] {
  const plain = asciiDigits(text);
  const found: FoundDate[] = [];
  const matcher = monthMatcher(lang);
  if (matcher) {
    const { byName, re } = matcher;
    for (const m of plain.matchAll(re)) {
      const name = (m[2] ?? m[4] ?? m[7]).toLowerCase();
      const month = byName.get(name);
      if (month === undefined) continue;
      found.push({ raw: m[0], day: m[1] ?? m[5], month, year: m[3] ?? m[6] ?? m[8] });
    }
  }
  for (const m of plain.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)) {
    found.push({ raw: m[0], year: m[1], month: Number(m[2]) - 1, day: String(Number(m[3])) });
  }
  return found.filter((d) => d.month >= 0 && d.month < 12);
}

function dateKept(date: FoundDate, target: string, targetLang: string): boolean {
  const numbers = new Set(extractNumbers(target, targetLang).map((n) => n.value));
  if (date.day && !numbers.has(String(Number(date.day)))) return false;
  if (date.year && !numbers.has(date.year)) return false;
  if (!MONTH_NAMES_CHECKED.has(targetLang)) return true;
  const forms = monthForms(targetLang)[date.month];
  if (!forms) return true;
  const lower = asciiDigits(target).toLowerCase();
  return forms.some((f) => lower.includes(f)) || numbers.has(String(date.month + 1));
}

// ---------------------------------------------------------------------------------------------
// Document symbols

/**
 * Document symbols (`CTOC/COP/2012/1`, `A/RES/55/25`), recognised by the UN symbol grammar of
 * shared/src/symbols, and resolution numbers (`5/3`).
 */
export function extractSymbols(text: string): string[] {
  const plain = asciiDigits(text);
  const symbols = findSymbols(plain);
  const resolutions = findResolutionNumbers(plain).filter((r) => !symbols.some((s) => r.from < s.to && s.from < r.to));
  return [...symbols, ...resolutions].sort((a, b) => a.from - b.from).map((s) => s.symbol);
}

// ---------------------------------------------------------------------------------------------
// Footnotes, glossary, identical

const MARKER_RE = /[*†‡]/g;

export function countFootnoteRefs(content: readonly PMInline[] | undefined): number {
  return (content ?? []).filter((n) => n.type === 'footnoteRef').length;
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * Does `text` use `term`? Case-insensitive, from the start of a word (so "Protocols" uses
 * "Protocol" and French plurals count); plain substring for scripts written without spaces.
 */
export function containsTerm(text: string, term: string): boolean {
  const t = normalizeText(term).toLowerCase();
  if (!t) return false;
  const hay = normalizeText(text).toLowerCase();
  if (UNSPACED.test(t)) return hay.includes(t);
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}`, 'u').test(hay);
}

function hasWords(text: string): boolean {
  let rest = text;
  for (const symbol of extractSymbols(text)) rest = rest.replace(symbol, ' ');
  return /\p{L}{2,}/u.test(rest);
}

// ---------------------------------------------------------------------------------------------

function issue(code: QaCode, message: string, items: readonly string[]): QaIssue {
  return { code, message, detail: [...new Set(items)].join(', ') };
}

/** Every QA issue of one row, in a stable order (the order of QA_CODES). */
export function checkRow(row: QaRow, glossary: readonly GlossaryTerm[] = []): QaIssue[] {
  if (normalizeText(row.target) === '') {
    return normalizeText(row.source) === '' ? [] : [issue('empty', 'The translation is empty.', [])];
  }
  const issues: QaIssue[] = [];
  if (normalizeText(row.source) === normalizeText(row.target) && hasWords(row.source)) {
    issues.push(issue('identical', 'The translation is identical to the source.', []));
  }
  const numbers = missingNumbers(row);
  if (numbers.length) issues.push(issue('missing_number', `Numbers missing from the translation: ${[...new Set(numbers)].join(', ')}.`, numbers));
  const dates = extractDates(row.source, row.sourceLang).filter((d) => !dateKept(d, row.target, row.targetLang)).map((d) => d.raw);
  if (dates.length) issues.push(issue('missing_date', `Dates not found in the translation: ${[...new Set(dates)].join(', ')}.`, dates));
  const targetSymbols = new Set(extractSymbols(row.target));
  const symbols = extractSymbols(row.source).filter((s) => !targetSymbols.has(s));
  if (symbols.length) issues.push(issue('missing_symbol', `Document symbols missing from the translation: ${[...new Set(symbols)].join(', ')}.`, symbols));
  const sourceMarks = (row.source.match(MARKER_RE) ?? []).length + (row.sourceFootnoteRefs ?? 0);
  const targetMarks = (row.target.match(MARKER_RE) ?? []).length + (row.targetFootnoteRefs ?? 0);
  if (targetMarks < sourceMarks) {
    issues.push(issue('missing_footnote', `Footnote markers: ${sourceMarks} in the source, ${targetMarks} in the translation.`, [`${sourceMarks - targetMarks}`]));
  }
  const terms = glossary.filter((g) => containsTerm(row.source, g.source) && !containsTerm(row.target, g.target));
  if (terms.length) {
    const pairs = terms.map((g) => `${g.source} → ${g.target}`);
    issues.push(issue('missing_term', `Glossary terms not used: ${[...new Set(pairs)].join('; ')}.`, terms.map((g) => g.target)));
  }
  issues.push(...referenceIssues(row));
  return issues;
}

/** How many rows have each kind of issue (for the grid's QA summary). */
export function qaSummary(rows: readonly (readonly QaIssue[])[]): Record<QaCode, number> {
  const summary = Object.fromEntries(QA_CODES.map((c) => [c, 0])) as Record<QaCode, number>;
  for (const issues of rows) for (const code of new Set(issues.map((i) => i.code))) summary[code]++;
  return summary;
}
