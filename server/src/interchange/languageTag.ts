/**
 * Language tags of interchange files (TMX `xml:lang`, TBX `xml:lang`, headers) and of
 * machine-translation engines mapped to Plenary's BCP 47 primary codes: `en-GB` → `en`,
 * `fr_FR` → `fr`, `ZH-Hans-CN` → `zh`, and the ISO 639-3 codes Apertium uses (`eng` → `en`).
 */
import { isLanguageCode } from '../../../shared/src/rooms';

/** The primary code of a tag, or null when the tag has none Plenary accepts. */
export function primaryLanguage(tag: string | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().split(/[-_]/)[0].toLowerCase();
  return isLanguageCode(primary) ? primary : null;
}

/** ISO 639-3 (and bibliographic 639-2) codes of the languages MT engines name that way. */
const ISO_639_3: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', fre: 'fr', cat: 'ca', por: 'pt', ita: 'it', deu: 'de', ger: 'de', ara: 'ar', rus: 'ru',
  zho: 'zh', chi: 'zh', glg: 'gl', oci: 'oc', eus: 'eu', ron: 'ro', nld: 'nl', swe: 'sv', dan: 'da', nob: 'nb', nno: 'nn', epo: 'eo',
};

/** A language code as an engine gives it (`eng`, `en`, `pt_BR`) → Plenary's primary code, or null. */
export function engineLanguage(code: unknown): string | null {
  const primary = typeof code === 'string' ? code.trim().toLowerCase().split(/[-_]/)[0] : '';
  return ISO_639_3[primary] ?? (isLanguageCode(primary) ? primary : null);
}
