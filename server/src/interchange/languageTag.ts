/**
 * Language tags of interchange files (TMX `xml:lang`, TBX `xml:lang`, headers) mapped to
 * Plenary's BCP 47 primary codes: `en-GB` → `en`, `fr_FR` → `fr`, `ZH-Hans-CN` → `zh`.
 */
import { isLanguageCode } from '../../../shared/src/rooms';

/** The primary code of a tag, or null when the tag has none Plenary accepts. */
export function primaryLanguage(tag: string | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().split(/[-_]/)[0].toLowerCase();
  return isLanguageCode(primary) ? primary : null;
}
