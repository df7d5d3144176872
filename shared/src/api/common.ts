/**
 * Pieces every request schema of the HTTP API shares (docs/PROTOCOL.md §10). A schema parses
 * untrusted input; its zod error becomes a 400 naming the field (http/errors.ts, [R17]).
 */
import { z } from 'zod';
import { isLanguageCode } from '../rooms';

export const Language = z.string().refine(isLanguageCode, 'a BCP 47 primary language code such as en, fr, ar');

/** A language pair (`from`, `to`) that must differ. */
export const LanguagePair = z
  .object({ from: Language, to: Language })
  .refine((p) => p.from !== p.to, { message: 'from and to must differ', path: ['to'] });

/** The error body of every failed call. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
