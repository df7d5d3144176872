/** `/api/tm` and `/api/glossary`: request schemas and answers. */
import { z } from 'zod';
import type { GlossaryEntry } from '../translation/glossaryEntry';
import { Language, LanguagePair } from './common';

export type { GlossaryEntry };
export type { TmMatch } from '../translation/tmMatch';

/** `GET /api/tm?q&from&to[&mode][&limit]` → `TmMatch[]`, best first. */
export const TmQuery = z.object({
  q: z.string().trim().min(1, 'q is the text to look up').max(5000),
  from: Language,
  to: Language,
  mode: z.enum(['fuzzy', 'concordance']).default('fuzzy'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** `GET /api/glossary?from&to`. */
export const GlossaryQuery = LanguagePair;

const Term = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(200, `${what} is at most 200 characters`);

/** `POST /api/glossary` → 201 `{entry}`. */
export const NewGlossaryEntryRequest = z
  .object({ from: Language, to: Language, source: Term('source'), target: Term('target'), note: z.string().trim().max(1000).default('') })
  .refine((p) => p.from !== p.to, { message: 'from and to must differ', path: ['to'] });
export type NewGlossaryEntryRequest = z.input<typeof NewGlossaryEntryRequest>;

export interface GlossaryListResponse {
  entries: GlossaryEntry[];
}

export interface GlossaryEntryResponse {
  entry: GlossaryEntry;
}
