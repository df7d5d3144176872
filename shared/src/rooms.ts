/**
 * Room naming. A report has one Yjs document per permission boundary, named
 * `<reportId>.<suffix>` where the suffix is a language code (original or target) or `review`.
 * Everything that reaches the server as a room name goes through `parseRoomName` first.
 */

export const REPORT_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
/** BCP 47 primary language subtag: two or three lowercase letters. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

/** The six official languages come first in every list; any other code is allowed. */
export const OFFICIAL_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

export const REVIEW_SUFFIX = 'review';

export type RoomKind =
  | { kind: 'language'; reportId: string; language: string }
  | { kind: 'review'; reportId: string };

export function isReportId(value: string): boolean {
  return REPORT_ID_PATTERN.test(value);
}

export function isLanguageCode(value: string): boolean {
  return LANGUAGE_PATTERN.test(value);
}

export function isRtl(language: string): boolean {
  return RTL_LANGUAGES.has(language);
}

export function roomName(reportId: string, suffix: string): string {
  return `${reportId}.${suffix}`;
}

/** Returns null for anything that is not a well-formed room name. */
export function parseRoomName(name: string): RoomKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const reportId = name.slice(0, dot);
  const suffix = name.slice(dot + 1);
  if (!isReportId(reportId)) return null;
  if (suffix === REVIEW_SUFFIX) return { kind: 'review', reportId };
  if (isLanguageCode(suffix)) return { kind: 'language', reportId, language: suffix };
  return null;
}

/** Official languages first in their UN order, then the others alphabetically. */
export function sortLanguages(languages: Iterable<string>): string[] {
  const rank = (l: string) => {
    const i = (OFFICIAL_LANGUAGES as readonly string[]).indexOf(l);
    return i < 0 ? OFFICIAL_LANGUAGES.length : i;
  };
  return [...new Set(languages)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  ar: 'Arabic', zh: 'Chinese', en: 'English', fr: 'French', ru: 'Russian', es: 'Spanish',
  de: 'German', pt: 'Portuguese', ja: 'Japanese', it: 'Italian',
};

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}
