/**
 * A corrigendum's items in UN form, from a paragraph-level diff (blockDiff.ts) of one language
 * version since the chosen version: "Paragraph 3, second sentence — For “…” read “…”". A change
 * confined to some sentences names them; otherwise the whole paragraph is given. Added and
 * deleted paragraphs get "insert" and "delete" items. Phrases exist for the six UN languages
 * where they differ (en, fr, es, ru; others fall back to English).
 */
import type { BlockChange } from './blockDiff';
import { normalizeText } from '../hash';

interface Phrases {
  paragraph: string;
  heading: string;
  footnote: string;
  sentence: (n: number) => string;
  replace: (before: string, after: string) => string;
  insert: (after: string) => string;
  remove: string;
}

const quote = (open: string, close: string) => (s: string) => `${open}${s}${close}`;
const en = quote('“', '”');
const fr = quote('« ', ' »');
const es = quote('«', '»');

const ORDINALS: Record<string, readonly string[]> = {
  en: ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'],
  fr: ['première', 'deuxième', 'troisième', 'quatrième', 'cinquième', 'sixième', 'septième', 'huitième', 'neuvième', 'dixième'],
  es: ['primera', 'segunda', 'tercera', 'cuarta', 'quinta', 'sexta', 'séptima', 'octava', 'novena', 'décima'],
  ru: ['первое', 'второе', 'третье', 'четвертое', 'пятое', 'шестое', 'седьмое', 'восьмое', 'девятое', 'десятое'],
};

const PHRASES: Record<string, Phrases> = {
  en: {
    paragraph: 'Paragraph', heading: 'Heading', footnote: 'Footnote',
    sentence: (n) => `${ORDINALS.en[n - 1] ?? `${n}th`} sentence`,
    replace: (b, a) => `For ${en(b)} read ${en(a)}`,
    insert: (a) => `Insert a new paragraph reading ${en(a)}`,
    remove: 'Delete the paragraph',
  },
  fr: {
    paragraph: 'Paragraphe', heading: 'Titre', footnote: 'Note',
    sentence: (n) => `${ORDINALS.fr[n - 1] ?? `${n}e`} phrase`,
    replace: (b, a) => `Au lieu de ${fr(b)} lire ${fr(a)}`,
    insert: (a) => `Insérer un nouveau paragraphe ainsi libellé : ${fr(a)}`,
    remove: 'Supprimer le paragraphe',
  },
  es: {
    paragraph: 'Párrafo', heading: 'Título', footnote: 'Nota',
    sentence: (n) => `${ORDINALS.es[n - 1] ?? `${n}.ª`} oración`,
    replace: (b, a) => `Donde dice ${es(b)} debe decir ${es(a)}`,
    insert: (a) => `Insértese un nuevo párrafo que diga ${es(a)}`,
    remove: 'Suprímase el párrafo',
  },
  ru: {
    paragraph: 'Пункт', heading: 'Заголовок', footnote: 'Сноска',
    sentence: (n) => `${ORDINALS.ru[n - 1] ?? `${n}-е`} предложение`,
    replace: (b, a) => `Вместо ${es(b)} читать ${es(a)}`,
    insert: (a) => `Включить новый пункт следующего содержания: ${es(a)}`,
    remove: 'Исключить пункт',
  },
};

export function sentences(text: string, lang: string): string[] {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
}

function place(change: BlockChange, p: Phrases): string {
  if (change.type === 'heading') return p.heading;
  if (change.type === 'footnote') return p.footnote;
  return change.number !== null ? `${p.paragraph} ${change.number}` : p.paragraph;
}

/** One corrigendum line per change of text (moves alone are not corrections). */
export function corrigendumItems(changes: readonly BlockChange[], lang: string): string[] {
  const p = PHRASES[lang] ?? PHRASES.en;
  const items: string[] = [];
  for (const change of changes) {
    if (change.kind === 'added' && change.after && normalizeText(change.after)) items.push(`${place(change, p)} — ${p.insert(change.after.trim())}`);
    else if (change.kind === 'removed') items.push(`${place(change, p)} — ${p.remove}`);
    else if (change.before !== null && change.after !== null && normalizeText(change.before) !== normalizeText(change.after)) {
      const before = sentences(change.before, lang);
      const after = sentences(change.after, lang);
      const differing = before.length === after.length ? before.map((s, i) => (normalizeText(s) === normalizeText(after[i]) ? -1 : i)).filter((i) => i >= 0) : [];
      if (differing.length > 0 && differing.length < before.length) {
        for (const i of differing) items.push(`${place(change, p)}, ${p.sentence(i + 1)} — ${p.replace(before[i], after[i])}`);
      } else items.push(`${place(change, p)} — ${p.replace(change.before.trim(), change.after.trim())}`);
    }
  }
  return items;
}
