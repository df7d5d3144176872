/**
 * The masthead of a UN report (symbol, issuing body, distribution, date, languages, session,
 * place, agenda item) read from its loose lines. Every importer that meets a masthead that way
 * (plain text, Markdown, .docx) assigns the lines to fields here, so that all agree.
 */
import type { ReportMeta } from '../model/schema';

const SYMBOL_RE = /^[A-Z][A-Z0-9]*(?:\/[A-Za-z0-9.()-]+)+$/;
const DISTR_RE = /^Distr\b/i;
const ORIGINAL_RE = /^(?:Original|Оригинал|الأصل|原文)\s*[:：]\s*(.*)$/iu;
const SESSION_RE = /\bsession\b|\bsesiones\b|сесси|الدورة|届会/iu;
const AGENDA_RE = /agenda|ordre du jour|\bprograma\b|повестк|جدول الأعمال|议程/iu;

const LANGUAGE_WORDS: Readonly<Record<string, string>> = {
  english: 'en', anglais: 'en', inglés: 'en', ingles: 'en', английский: 'en', 英文: 'en', الإنكليزية: 'en', الإنجليزية: 'en',
  french: 'fr', français: 'fr', francais: 'fr', francés: 'fr', французский: 'fr', 法文: 'fr', الفرنسية: 'fr',
  spanish: 'es', espagnol: 'es', español: 'es', испанский: 'es', 西班牙文: 'es', الإسبانية: 'es',
  russian: 'ru', russe: 'ru', ruso: 'ru', русский: 'ru', 俄文: 'ru', الروسية: 'ru',
  chinese: 'zh', chinois: 'zh', chino: 'zh', китайский: 'zh', 中文: 'zh', الصينية: 'zh',
  arabic: 'ar', arabe: 'ar', árabe: 'ar', арабский: 'ar', 阿拉伯文: 'ar', العربية: 'ar',
};

function languageOfOriginalLine(line: string): string | undefined {
  const word = (ORIGINAL_RE.exec(line)?.[1] ?? '').trim().replace(/[.。]$/, '').toLowerCase();
  // Arabic writes "بالإنكليزية" ("in English").
  return LANGUAGE_WORDS[word] ?? (word.startsWith('ب') ? LANGUAGE_WORDS[word.slice(1)] : undefined);
}

export type MastheadField = Exclude<keyof ReportMeta, 'title' | 'subtitle' | 'originalLanguage'>;

/** The masthead field a line announces by its shape ("Distr.", "Original:", "… session"), if any. */
export function mastheadAnchor(line: string): MastheadField | null {
  if (SYMBOL_RE.test(line)) return 'symbol';
  if (DISTR_RE.test(line)) return 'distribution';
  if (ORIGINAL_RE.test(line)) return 'originalLine';
  if (AGENDA_RE.test(line)) return 'agendaItem';
  if (SESSION_RE.test(line)) return 'session';
  return null;
}

/**
 * A line that by itself shows there is a masthead: a distribution, "Original:" or document
 * symbol line. Without a title to end it, nothing weaker tells a masthead from body text.
 */
export function showsMasthead(line: string): boolean {
  const field = mastheadAnchor(line);
  return field === 'distribution' || field === 'originalLine' || field === 'symbol';
}

/**
 * Assigns masthead lines to fields. Lines with a recognisable shape (Distr., Original:,
 * session, agenda) go to their field; the others take their place from the line before them
 * (the date follows the distribution, the place follows the session); a line that fits
 * nowhere continues the previous field, so no line is ever lost.
 */
export function readMasthead(lines: readonly string[]): ReportMeta {
  const meta: ReportMeta = {};
  let last: MastheadField | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    let field = mastheadAnchor(line);
    if (field && meta[field] !== undefined) field = null;
    if (!field) {
      if (last === 'distribution' && meta.date === undefined) field = 'date';
      else if (last === 'date' && meta.languageLine === undefined && meta.originalLine === undefined) field = 'languageLine';
      else if (last === 'session' && meta.place === undefined) field = 'place';
      else if (meta.organ === undefined && (last === null || last === 'symbol' || last === 'originalLine' || last === 'agendaItem')) field = 'organ';
    }
    if (field) meta[field] = line;
    else if (last) meta[last] += `\n${line}`;
    last = field ?? last;
  }
  const language = meta.originalLine ? languageOfOriginalLine(meta.originalLine) : undefined;
  if (language) meta.originalLanguage = language;
  return meta;
}
